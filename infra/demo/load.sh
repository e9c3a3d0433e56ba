#!/usr/bin/env bash
# Loads the demo plant (hierarchy, zones, conduits, assets) and its KPI set-up (bindings, calendar, tariffs, orders,
# alarm rules, condition monitoring) through the public APIs, idempotently.
set -euo pipefail
here="$(dirname "$0")"
python3 "$here/load.py" "$@"
python3 "$here/kpi.py"
