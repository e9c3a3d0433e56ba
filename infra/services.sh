# shellcheck shell=bash
# The Converge services: built once with Maven, run as Quarkus fast-jars on ports 8081..8085.

SERVICES=(asset-service telemetry-service kpi-service patch-service security-service)
declare -A SERVICE_PORT=([asset-service]=8081 [telemetry-service]=8082 [kpi-service]=8083 [patch-service]=8084
                         [security-service]=8085)
# JVM heap per service (CONVERGE_<SERVICE>_HEAP overrides, e.g. CONVERGE_SECURITY_SERVICE_HEAP=1g): security-service keeps
# the registry, the campaigns' deployments and the rules' windows in memory for the rule path; with 256m a 100,000-asset
# fleet left its old generation ~90 % full and full GCs of ~0.5 s under 5,000 events/s (bench/RESULTS.md)
declare -A SERVICE_HEAP=([asset-service]=256m [telemetry-service]=256m [kpi-service]=256m [patch-service]=256m
                         [security-service]=768m)

service_jar() { echo "$CONVERGE_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# True when a service jar is missing or one of its build inputs (the poms, platform/ and the service's main sources
# and resources; tests and Dockerfiles do not count) is newer than the jar.
services_need_build() {
  local svc jar platform=()
  [[ -d "$CONVERGE_ROOT/platform" ]] && platform=("$CONVERGE_ROOT/platform")
  for svc in "${SERVICES[@]}"; do
    jar=$(service_jar "$svc")
    [[ -f "$jar" ]] || return 0
    if [[ -n "$(find "$CONVERGE_ROOT/pom.xml" "${platform[@]}" "$CONVERGE_ROOT/$svc" \
                  \( -name target -o -path '*/src/test' -o -path '*/src/main/docker' \) -prune -o -type f -newer "$jar" -print -quit)" ]]; then
      return 0
    fi
  done
  return 1
}

services_build() {
  services_need_build || { ok "service jars up to date (no source newer than the last build)"; return 0; }
  local svc running=()
  for svc in "${SERVICES[@]}"; do component_pid "$svc" >/dev/null && running+=("$svc"); done
  if ((${#running[@]})); then
    info "sources changed since the last build: stopping ${running[*]} before rebuilding"
    for svc in "${running[@]}"; do stop_component "$svc"; done
  fi
  info "building the services (mvn -B -q -DskipTests install)"
  local start; start=$(now)
  (cd "$CONVERGE_ROOT" && mvn -B -q -DskipTests install) \
    || die "Maven build failed (to start only the infrastructure: CONVERGE_SKIP_SERVICES=1 ./converge up)"
  ok "services built ($(($(now) - start))s)"
}

# service_start <svc>: starts one service from its built jar (no build); fails (status 1) when it already runs.
service_start() {
  local svc=$1 port heap_var
  port=${SERVICE_PORT[$svc]}
  check_port_for "$svc" "$port" || return 1
  [[ -f "$(service_jar "$svc")" ]] || die "$svc is not built ($(service_jar "$svc") missing): run ./converge up"
  heap_var="CONVERGE_$(tr 'a-z-' 'A-Z_' <<<"$svc")_HEAP"
  start_component "$svc" env -C "$CONVERGE_ROOT/$svc" QUARKUS_HTTP_PORT="$port" \
    "$JAVA_HOME/bin/java" "-Xmx${!heap_var:-${SERVICE_HEAP[$svc]}}" -XX:+ExitOnOutOfMemoryError \
    -jar "$(service_jar "$svc")"
}

service_ready() { wait_until "$1" 120 http_ok "http://localhost:${SERVICE_PORT[$1]}/q/health/ready"; }

services_up() {
  local svc to_wait=()
  ensure_jdk
  for svc in "${SERVICES[@]}"; do
    [[ -d "$CONVERGE_ROOT/$svc" ]] || die "service directory $svc/ not found"
  done
  services_build
  for svc in "${SERVICES[@]}"; do
    service_start "$svc" && to_wait+=("$svc")
  done
  for svc in "${to_wait[@]}"; do service_ready "$svc"; done
  if [[ -x "$CONVERGE_ROOT/infra/demo/load.sh" ]]; then
    info "loading demo data (infra/demo/load.sh)"
    "$CONVERGE_ROOT/infra/demo/load.sh" || die "infra/demo/load.sh failed"
  fi
}
