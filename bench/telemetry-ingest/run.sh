#!/usr/bin/env bash
# Benchmark: telemetry ingest. In one run: (1) baseline, COPY of N generated points straight into the point table;
# (2) HTTP batch ingest of N other points through telemetry-service (POST /api/v1/telemetry/points);
# (3) MQTT ingest of N more from several publishers (converge/{site}/{asset}/telemetry, QoS 1), timed until the rows
# are in PostgreSQL. Prints points/s per phase and the ratio (2)/(1), and checks that no point was lost.
# Targets (telemetry issue): ratio http/copy >= 0.5, MQTT >= 30,000 points/s, 0 lost.
# Needs the suite running (./converge bench telemetry-ingest starts it). Env knobs: see README.md (N, PHASES,
# HTTP_BATCH, HTTP_CONNECTIONS, MQTT_PUBLISHERS, MQTT_BATCH, MQTT_INFLIGHT, WARMUP, KEEP, ...).
# The load generator is the small Maven project next to this script (a module of bench/pom.xml, with bench/common);
# it is (re)built here when its sources or bench-common's changed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common/build.sh
source "$HERE/../common/build.sh"
JAR="$HERE/target/telemetry-ingest-bench.jar"
bench_build telemetry-ingest "$JAR"

# -Xmx: the payloads of a phase are rendered up front (~60 MB per 500,000 points); raise it with N
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$JAR:$HERE/target/lib/*" \
  io.converge.bench.telemetry.TelemetryIngestBench
