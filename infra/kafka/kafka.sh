# shellcheck shell=bash
# Kafka: single-node KRaft broker on localhost:9092 (controller on 9093), jars fetched from Maven Central through Maven.

KAFKA_VERSION=4.4.0
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KAFKA_HOME="$CACHE_DIR/kafka-$KAFKA_VERSION"
KAFKA_DATA="$DATA_DIR/kafka"
KAFKA_TOPICS=(converge.asset.events converge.telemetry.points converge.kpi.events converge.patch.events
              converge.security.events converge.security.alerts)

kafka_install() {
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  info "fetching Kafka $KAFKA_VERSION jars through Maven (checksums verified)"
  rm -rf "$KAFKA_HOME"
  mvn_quiet "the Kafka $KAFKA_VERSION jars" -f "$CONVERGE_ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_HOME/libs"
  touch "$KAFKA_HOME/.complete"
}

# java with Kafka's classpath; logging through slf4j-simple to stderr.
kafka_java() {
  "$JAVA_HOME/bin/java" -Xmx256m -XX:TieredStopAtLevel=1 -cp "$KAFKA_HOME/libs/*" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}

kafka_configure() {
  mkdir -p "$KAFKA_DATA/logs"
  sed "s|@KAFKA_LOG_DIR@|$KAFKA_DATA/logs|" "$CONVERGE_ROOT/infra/kafka/server.properties" >"$KAFKA_DATA/server.properties"
}

# Formats the KRaft storage once; later starts reuse it (topics and offsets survive `down`).
kafka_format_once() {
  [[ -f "$KAFKA_DATA/logs/meta.properties" ]] && return 0
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid) || die "kafka StorageTool random-uuid failed"
  info "formatting Kafka storage (cluster id $cluster_id)"
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DATA/server.properties" >/dev/null \
    || die "kafka StorageTool format failed"
}

# Creates missing topics (3 partitions each, 1 for the dead-letter topics) and checks all exist, in one JVM.
kafka_ensure_topics() {
  local args=() topic out
  for topic in "${KAFKA_TOPICS[@]}"; do args+=("$topic:3" "$topic.dlq:1"); done
  out=$(kafka_java "$CONVERGE_ROOT/infra/kafka/EnsureTopics.java" "localhost:$KAFKA_PORT" "${args[@]}" 2>&1) \
    || { printf '%s\n' "$out" >&2; die "could not create or check the Kafka topics"; }
  ok "Kafka topics present: ${#KAFKA_TOPICS[@]} topics (3 partitions) + their .dlq topics (1 partition), $(sed -n "s/^created=//p" <<<"$out") created now"
}

# Starts the broker unless ours already runs (formats the storage on first use). Does not wait; see kafka_ready.
kafka_start() {
  ensure_jdk
  check_port_for kafka "$KAFKA_PORT" || return 0
  if port_in_use "$KAFKA_CONTROLLER_PORT"; then
    die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is already in use by another process: $(port_owner "$KAFKA_CONTROLLER_PORT")"
  fi
  kafka_install
  kafka_configure
  kafka_format_once
  start_component kafka "$JAVA_HOME/bin/java" -Xms256m -Xmx512m \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd\'T\'HH:mm:ss.SSS \
    -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info \
    -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$KAFKA_DATA/server.properties"
}

# Waits for the port (if we just started it), then makes sure every topic exists.
kafka_ready() {
  if started_now kafka; then wait_until kafka 90 port_in_use "$KAFKA_PORT"; fi
  kafka_ensure_topics
}
