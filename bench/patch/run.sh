#!/usr/bin/env bash
# Benchmark: patch-service. In one run: (A) the wave planner alone on 100,000 generated targets against a plain sort
# of the same targets (the least any planner does), and a campaign created through the API over 100,000 registered
# assets (resolved through asset-service, planned, stored) against paging the same assets out of asset-service;
# (B) device feedback: simulated devices poll and report downloading/downloaded/installing/success over N
# connections while the campaign runs, against the same service's /q/health/live at the same concurrency; every
# acknowledged success is counted in PostgreSQL afterwards.
# Targets (patch issue): planning 100,000 targets < 3 s; device feedback >= 5,000 updates/s; 0 lost.
# Needs the suite running (./converge bench patch starts it; its `mvn install` also puts the patch-service jar the
# planner phase uses into ~/.m2). Env knobs: see README.md (TARGETS, DEVICES, CONNECTIONS, DURATION, STRICT, ...).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common/build.sh
source "$HERE/../common/build.sh"
JAR="$HERE/target/patch-bench.jar"
bench_build patch "$JAR"

# shellcheck disable=SC2086
cd "$HERE"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$JAR:$HERE/target/lib/*" \
  io.converge.bench.patch.PatchBench
