#!/usr/bin/env bash
# Loads the demo plant (hierarchy, zones, conduits, assets) through the public API, idempotently.
set -euo pipefail
exec python3 "$(dirname "$0")/load.py" "$@"
