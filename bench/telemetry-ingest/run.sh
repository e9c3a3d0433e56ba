#!/usr/bin/env bash
# Benchmark: telemetry ingest. In one run: (1) baseline, COPY of N generated points straight into the point table;
# (2) HTTP batch ingest of N other points through telemetry-service (POST /api/v1/telemetry/points);
# (3) MQTT ingest of N more from several publishers (converge/{site}/{asset}/telemetry, QoS 1), timed until the rows
# are in PostgreSQL. Prints points/s per phase and the ratio (2)/(1), and checks that no point was lost.
# Targets (telemetry issue): ratio http/copy >= 0.5, MQTT >= 30,000 points/s, 0 lost.
# Needs the suite running (./converge bench telemetry-ingest starts it). Env knobs: see README.md (N, PHASES,
# HTTP_BATCH, HTTP_CONNECTIONS, MQTT_PUBLISHERS, MQTT_BATCH, MQTT_INFLIGHT, WARMUP, KEEP, ...).
# The load generator is the small Maven project next to this script; it is (re)built here when its sources changed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONVERGE_ROOT="$(cd "$HERE/../.." && pwd)"
export CONVERGE_ROOT
# shellcheck source=../../infra/lib.sh
source "$CONVERGE_ROOT/infra/lib.sh"

ensure_jdk
JAR="$HERE/target/telemetry-ingest-bench.jar"
if [[ ! -f "$JAR" || ! -d "$HERE/target/lib" || -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]]; then
  ensure_maven
  info "building the load generator (mvn -f bench/telemetry-ingest/pom.xml package)"
  if ! out=$(mvn -B -ntp -C -f "$HERE/pom.xml" package 2>&1); then
    printf '%s\n' "$out" | tail -n 40 >&2
    die "could not build the load generator (Maven's output above)"
  fi
fi

# -Xmx: the payloads of a phase are rendered up front (~60 MB per 500,000 points); raise it with N
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$JAR:$HERE/target/lib/*" \
  io.converge.bench.telemetry.TelemetryIngestBench
