#!/usr/bin/env bash
# The fault-injection tests (reliability/) with long outages: each component stays down for OUTAGE (ISO-8601,
# default PT90S) beyond the checks, longer than the services' retry windows (Kafka producer delivery timeout, consumer
# retries, connection pools), ROUNDS times (default 1). Same exact counts as in ./converge test, where the outages last
# a few seconds. Needs the suite running (./converge bench faults starts it) and nobody else using it: it stops and
# kills Kafka, Keycloak, PostgreSQL and telemetry-service (run it under flock -x /tmp/converge-suite.lock).
# Env: OUTAGE, ROUNDS, TESTS (a surefire -Dtest pattern, e.g. PostgresRestartTest).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUTAGE=${OUTAGE:-PT90S}
ROUNDS=${ROUNDS:-1}
args=(-B -o verify -pl reliability -DskipReliability=false -Dreliability.outage="$OUTAGE")
[[ -n "${TESTS:-}" ]] && args+=(-Dtest="$TESTS")
for ((round = 1; round <= ROUNDS; round++)); do
  echo "==> fault-injection round $round/$ROUNDS, outages of $OUTAGE"
  start=$(date +%s)
  mvn "${args[@]}"
  echo "==> round $round passed in $(($(date +%s) - start)) s"
done
