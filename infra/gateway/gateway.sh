# shellcheck shell=bash
# The API gateway: the machine's nginx (Debian package `nginx`, installed where missing) run by ./converge as its own
# instance on http://localhost:8080 with gateway/nginx.conf.template rendered into .converge/gateway/ (the machine's
# own nginx service, if any, is left alone). Knobs: CONVERGE_GATEWAY_PORT (8080), CONVERGE_GATEWAY_INGEST_RATE
# (requests/s per client on the ingest routes, 500) and CONVERGE_GATEWAY_INGEST_BURST (1000),
# CONVERGE_GATEWAY_READ_TIMEOUT (60s).

GATEWAY_PORT=${CONVERGE_GATEWAY_PORT:-8080}
GATEWAY_DIR="$STATE_DIR/gateway"

gateway_ensure_installed() {
  if [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null; then return 0; fi
  apt_install nginx
  # Debian's package may start its default site on port 80 where systemd runs; ours is a separate instance
}

nginx_bin() { if [[ -x /usr/sbin/nginx ]]; then echo /usr/sbin/nginx; else command -v nginx; fi; }

# gateway_render <output file> [NAME=value ...]: the template with every @NAME@ replaced (overrides after defaults).
gateway_render() {
  local out=$1; shift
  local -A v=(
    [PORT]="$GATEWAY_PORT" [WORKERS]="${CONVERGE_GATEWAY_WORKERS:-1}" [STATE]="$GATEWAY_DIR" [LOGS]="$LOG_DIR"
    [CONSOLE]="$CONVERGE_ROOT/console/dist"
    [ASSET_PORT]="${SERVICE_PORT[asset-service]}" [TELEMETRY_PORT]="${SERVICE_PORT[telemetry-service]}"
    [KPI_PORT]="${SERVICE_PORT[kpi-service]}" [PATCH_PORT]="${SERVICE_PORT[patch-service]}"
    [SECURITY_PORT]="${SERVICE_PORT[security-service]}" [KEYCLOAK_PORT]="$KEYCLOAK_PORT"
    [INGEST_RATE]="${CONVERGE_GATEWAY_INGEST_RATE:-500}" [INGEST_BURST]="${CONVERGE_GATEWAY_INGEST_BURST:-1000}"
    [CONNECT_TIMEOUT]="${CONVERGE_GATEWAY_CONNECT_TIMEOUT:-5s}" [READ_TIMEOUT]="${CONVERGE_GATEWAY_READ_TIMEOUT:-60s}"
    # the services' own limits (their application.properties), so that the gateway refuses what they would
    [IMPORT_MAX]=64m [TELEMETRY_MAX]=16m [FIRMWARE_MAX]=512m [SECURITY_MAX]=4m
  )
  local kv
  for kv in "$@"; do v[${kv%%=*}]=${kv#*=}; done
  local dir; dir=$(dirname "$out")
  mkdir -p "$dir" "${v[STATE]}/tmp"
  local script=() k
  for k in "${!v[@]}"; do script+=(-e "s|@$k@|${v[$k]}|g"); done
  sed "${script[@]}" "$CONVERGE_ROOT/gateway/nginx.conf.template" >"$out.new"
  if grep -q '@[A-Z_]*@' "$out.new"; then
    die "gateway: unreplaced placeholder in $out.new: $(grep -o '@[A-Z_]*@' "$out.new" | sort -u | tr '\n' ' ')"
  fi
  mv "$out.new" "$out"
}

gateway_start() {
  gateway_ensure_installed
  local conf="$GATEWAY_DIR/nginx.conf"
  if ! check_port_for gateway "$GATEWAY_PORT"; then gateway_reload_if_changed; return 0; fi
  gateway_render "$conf"
  "$(nginx_bin)" -t -q -p "$GATEWAY_DIR" -c "$conf" || die "gateway: nginx refuses $conf (see above)"
  start_component gateway "$(nginx_bin)" -p "$GATEWAY_DIR" -c "$conf"
}

# A running gateway whose rendered configuration differs from the template's (edited template, other knobs) is
# reloaded in place (nginx -s reload: no connection dropped), after nginx -t accepted the new one.
gateway_reload_if_changed() {
  local conf="$GATEWAY_DIR/nginx.conf"
  gateway_render "$conf.next"
  if cmp -s "$conf" "$conf.next"; then rm -f "$conf.next"; return 0; fi
  "$(nginx_bin)" -t -q -p "$GATEWAY_DIR" -c "$conf.next" || die "gateway: nginx refuses $conf.next (see above)"
  mv "$conf.next" "$conf"
  "$(nginx_bin)" -p "$GATEWAY_DIR" -c "$conf" -s reload || die "gateway: nginx -s reload failed"
  ok "gateway configuration changed: reloaded"
}

gateway_ready() {
  started_now gateway || return 0
  wait_until gateway 20 http_ok "http://localhost:$GATEWAY_PORT/gateway/health"
}
