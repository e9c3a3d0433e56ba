# shellcheck shell=bash
# Zipkin (traces, in-memory storage) on http://localhost:9411: zipkin-server exec jar from Maven Central (through Maven).

ZIPKIN_VERSION=3.6.1
ZIPKIN_PORT=9411
ZIPKIN_JAR="$CACHE_DIR/downloads/zipkin-server-$ZIPKIN_VERSION-exec.jar"

zipkin_start() {
  ensure_jdk
  check_port_for zipkin "$ZIPKIN_PORT" || return 0
  [[ -f "$ZIPKIN_JAR" ]] || mvn_fetch "io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" "$CACHE_DIR/downloads"
  start_component zipkin env STORAGE_TYPE=mem MEM_MAX_SPANS="${ZIPKIN_MAX_SPANS:-50000}" QUERY_PORT="$ZIPKIN_PORT" \
    "$JAVA_HOME/bin/java" -Xmx512m -jar "$ZIPKIN_JAR"
}

zipkin_ready() {
  started_now zipkin || return 0
  wait_until zipkin 90 http_ok "http://localhost:$ZIPKIN_PORT/health"
}
