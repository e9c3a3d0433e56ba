#!/usr/bin/env bash
# Benchmark: GET /api/v1/assets/{id} (token check + one PostgreSQL lookup) against the same service's no-database
# endpoint GET /api/v1/assets/whoami (token check only), same run, same connections, interleaved rounds.
# Target (issue 3): ratio lookup/baseline >= 0.6 and lookup p99 < 10 ms.
# Needs the suite running (./converge bench asset-lookup starts it). Env: THREADS, CONNECTIONS, DURATION, ROUNDS.
set -euo pipefail
API=${CONVERGE_ASSET_URL:-http://localhost:8081}
KC=${CONVERGE_KEYCLOAK_REALM_URL:-http://localhost:8180/realms/converge}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-3}

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt)"; ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y -qq wrk >/dev/null
fi

TOKEN=$(curl -sf -d grant_type=password -d client_id=converge-console -d username=engineer -d password=engineer \
  "$KC/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
AUTH="Authorization: Bearer $TOKEN"

TAG=BENCH-LOOKUP-1
ID=$(curl -sf -H "$AUTH" "$API/api/v1/assets/by-tag/$TAG" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' 2>/dev/null || true)
if [ -z "$ID" ]; then
  ID=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' "$API/api/v1/assets" -d '{"tag":"'$TAG'",
    "name":"Benchmark PLC","domain":"OT","type":"plc","criticality":"low","vendor":"Siemens","model":"S7-1500",
    "ipAddress":"10.99.0.1","firmwareVersion":"V1.0","labels":{"purpose":"benchmark"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
fi
curl -sf -o /dev/null -H "$AUTH" "$API/api/v1/assets/$ID" || { echo "lookup of $ID failed"; exit 1; }

run() { # url -> "rps p99_ms"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "$1" | awk '
    /Requests\/sec:/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; p99=v}
    /Non-2xx/ {bad=$NF}
    END {if (bad) {print "ERROR non-2xx " bad > "/dev/stderr"; exit 1}; printf "%s %.2f\n", rps, p99}'
}

echo "warm-up (10 s each)"
DURATION=10s run "$API/api/v1/assets/whoami" >/dev/null
DURATION=10s run "$API/api/v1/assets/$ID" >/dev/null

printf '%-6s %-10s %12s %10s\n' round endpoint "requests/s" "p99 ms"
base_all=(); look_all=(); p99_all=(); basep99_all=()
for r in $(seq 1 "$ROUNDS"); do
  read -r b bp <<<"$(run "$API/api/v1/assets/whoami")"
  read -r l lp <<<"$(run "$API/api/v1/assets/$ID")"
  printf '%-6s %-10s %12s %10s\n' "$r" baseline "$b" "$bp" "$r" lookup "$l" "$lp"
  base_all+=("$b"); look_all+=("$l"); p99_all+=("$lp"); basep99_all+=("$bp")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
B=$(median "${base_all[@]}"); L=$(median "${look_all[@]}"); P=$(median "${p99_all[@]}"); BP=$(median "${basep99_all[@]}")
RATIO=$(awk -v l="$L" -v b="$B" 'BEGIN {printf "%.3f", l/b}')
echo
echo "asset-lookup: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds, medians"
echo "  baseline GET /api/v1/assets/whoami : $B req/s, p99 $BP ms"
echo "  lookup   GET /api/v1/assets/{id}   : $L req/s, p99 $P ms"
echo "  ratio lookup/baseline              : $RATIO (target >= 0.6)"
echo "  lookup p99                         : $P ms (target < 10 ms)"
awk -v r="$RATIO" -v p="$P" 'BEGIN {exit !(r >= 0.6 && p < 10)}' && echo "  RESULT: target met" || { echo "  RESULT: target NOT met"; exit 1; }
