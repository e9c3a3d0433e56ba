#!/usr/bin/env bash
# Benchmark: kpi-service. In one run: (A) N machine-like points of one line (10 assets: state, down reason, good and
# scrap counters, energy meter) POSTed to telemetry-service, its ingest rate R_t as the baseline, while kpi-service
# consumes them live (lag reported); (B) a second kpi-service instance (own port, database and consumer group) drains
# the same records from Kafka as a backlog: its rate R_k; (C) the line's OEE in 1 h buckets from the stored windows
# (median/p95 of 20 requests) against one plain aggregate over the raw points in telemetry's database.
# Targets (kpi issue): R_k / R_t >= 1, OEE query < 1 s, answer within 1 % of the generated counters.
# Needs the suite running (./converge bench kpi starts it) and kpi-service/target/quarkus-app (built by ./converge up).
# Env knobs: see README.md (N, ASSETS, HTTP_BATCH, HTTP_CONNECTIONS, QUERY_RUNS, PHASE_B, STRICT, KEEP, ...).
# The load generator is the small Maven project next to this script (a module of bench/pom.xml, with bench/common);
# it is (re)built here when its sources or bench-common's changed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common/build.sh
source "$HERE/../common/build.sh"
JAR="$HERE/target/kpi-bench.jar"
bench_build kpi "$JAR"

# -Xmx: the request bodies are rendered up front (~95 MB per 1,000,000 points); raise it with N
# shellcheck disable=SC2086
cd "$HERE"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$JAR:$HERE/target/lib/*" \
  io.converge.bench.kpi.KpiBench
