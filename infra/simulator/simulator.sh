# shellcheck shell=bash
# The device simulator (simulator/, a plain Java command line): started by `./converge up` in the background once the
# services and the gateway are ready, stopped by `./converge down`. Off with CONVERGE_SIMULATOR=0; its options in
# CONVERGE_SIMULATOR_ARGS (e.g. "--attack" or "--lines 1 --interval 5s"; see simulator/README.md).

SIMULATOR_JAR="$CONVERGE_ROOT/simulator/target/converge-simulator.jar"

# True when the jar is missing or the module's pom or main sources are newer than it.
simulator_need_build() {
  [[ -f "$SIMULATOR_JAR" ]] || return 0
  [[ -n "$(find "$CONVERGE_ROOT/pom.xml" "$CONVERGE_ROOT/simulator/pom.xml" "$CONVERGE_ROOT/simulator/src/main" \
            -type f -newer "$SIMULATOR_JAR" -print -quit)" ]]
}

simulator_build() {
  simulator_need_build || return 0
  ensure_maven
  info "building the simulator (mvn -B -q -DskipTests package -pl simulator)"
  local start; start=$(now)
  (cd "$CONVERGE_ROOT" && mvn -B -q -DskipTests package -pl simulator) || die "the simulator did not build"
  ok "simulator built ($(($(now) - start))s)"
}

simulator_start() {
  if [[ "${CONVERGE_SIMULATOR:-1}" == 0 ]]; then
    warn "CONVERGE_SIMULATOR=0: device simulator not started"
    return 0
  fi
  local pid
  if pid=$(component_pid simulator); then
    ok "simulator already running (pid $pid)"
    return 0
  fi
  ensure_jdk
  simulator_build
  local jvm=(-Xmx128m -XX:+ExitOnOutOfMemoryError) args=()
  # protobuf-java still uses sun.misc.Unsafe, which JDK 24+ warns about
  (($(java_major "$JAVA_HOME/bin/java") >= 24)) && jvm+=(--sun-misc-unsafe-memory-access=allow)
  # shellcheck disable=SC2206 # options are words by design
  [[ -n "${CONVERGE_SIMULATOR_ARGS:-}" ]] && args=(${CONVERGE_SIMULATOR_ARGS})
  start_component simulator "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$SIMULATOR_JAR" \
    --gateway-url "http://localhost:$GATEWAY_PORT" --keycloak-url "$KEYCLOAK_URL" --mqtt-port "$MQTT_PORT" \
    "${args[@]}"
}

# A row of ./converge status: the simulator listens on no port; it is up while its process lives.
simulator_status_row() {
  local pid state=down
  if pid=$(component_pid simulator); then state=up; else pid=-; fi
  [[ "${CONVERGE_SIMULATOR:-1}" == 0 && $state == down ]] && state='off (CONVERGE_SIMULATOR=0)'
  printf '%-18s %-8s %-6s %s\n' simulator "$pid" - "$state"
}
