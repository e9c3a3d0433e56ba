#!/usr/bin/env bash
# Soak: SOAK_MINUTES (default 10) of mixed load through the gateway (http://localhost:8080) with real tokens, all at
# once: telemetry batches from site gateways (device token), console queries (latest values, downsampled series,
# filtered asset lists, OEE, alert and campaign lists), firmware campaigns over the soak's own PLCs with edge
# gateways polling and reporting through the device protocol, and security event batches. Reports requests, errors
# and p50/p95/p99 per route, the rates achieved, RSS per component (before, after the warm-up, in between, at the
# end: flat or not) and whether what was acknowledged was stored.
# Targets (issue 10): 0 errors; p99 <= P99_LIMIT_MS on every route with >= 100 requests; RSS of each service and
# the gateway at the end <= RSS_GROWTH x its RSS after the warm-up minute; points, security events and device
# updates acknowledged = stored.
# It loads the box on purpose: on a shared machine run it under the suite lock,
#   flock -x /tmp/converge-suite.lock ./converge bench soak
# Needs the suite running (./converge bench soak starts it). Env knobs: see README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common/build.sh
source "$HERE/../common/build.sh"
JAR="$HERE/target/soak-bench.jar"
bench_build soak "$JAR"

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx256m} -cp "$JAR:$HERE/target/lib/*" \
  io.converge.bench.soak.SoakBench
