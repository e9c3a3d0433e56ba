#!/usr/bin/env bash
# Benchmark: security-service. (A) rule evaluation of the shipped rule set on one core, against a floor loop over the
# same events in the same run; (B) event-in → alert-stored latency through Kafka at a fixed rate, against Kafka's own
# produce → consume latency at the same rate in the same run.
# Targets (security issue): rule evaluation >= 20,000 events/s per core; p99 event-in → alert-stored < 500 ms at
# 5,000 events/s. Needs the suite running for B (./converge bench security starts it; its `mvn install` also puts
# the security-service jar phase A uses into ~/.m2). Knobs: see README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common/build.sh
source "$HERE/../common/build.sh"
JAR="$HERE/target/security-bench.jar"
bench_build security "$JAR"

# shellcheck disable=SC2086
cd "$HERE"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$JAR:$HERE/target/lib/*" \
  io.converge.bench.security.SecurityBench
