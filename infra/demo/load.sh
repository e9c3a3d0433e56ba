#!/usr/bin/env bash
# Loads the demo plant (hierarchy, zones, conduits, assets), its KPI set-up (bindings, calendars, tariffs, orders,
# alarm rules, condition monitoring) and its firmware (vendor key, signed releases, maintenance windows) through the
# public APIs, idempotently.
set -euo pipefail
here="$(dirname "$0")"
python3 "$here/load.py" "$@"
python3 "$here/kpi.py"
python3 "$here/patch.py"
