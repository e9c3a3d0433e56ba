# shellcheck shell=bash
# Mosquitto (MQTT broker): the machine's, at 127.0.0.1:1883. Installed from Debian where missing, never stopped by us.

MQTT_PORT=1883

# Installs infra/mosquitto/converge.conf into the broker's conf.d (and the include_dir line where the main config
# lacks it); a broker started before the file was installed is restarted. Idempotent: nothing happens when both are
# in place and the broker runs with them.
mosquitto_configure() {
  local main=/etc/mosquitto/mosquitto.conf dir=/etc/mosquitto/conf.d changed=0
  [[ -f "$main" ]] || return 0
  if ! grep -qE '^[[:space:]]*include_dir[[:space:]]+/etc/mosquitto/conf.d' "$main"; then
    as_root sh -c "printf '\ninclude_dir /etc/mosquitto/conf.d\n' >> '$main'" && changed=1
  fi
  if ! cmp -s "$CONVERGE_ROOT/infra/mosquitto/converge.conf" "$dir/converge.conf"; then
    as_root mkdir -p "$dir" && as_root cp "$CONVERGE_ROOT/infra/mosquitto/converge.conf" "$dir/converge.conf" && changed=1
  fi
  if [[ $changed == 1 ]]; then info "Mosquitto: installed $dir/converge.conf (queue limits for persistent sessions)"; fi
  # A reload (SIGHUP) does not apply max_queued_messages (checked with Mosquitto 2.0.11: an offline persistent
  # session still got 1000 of 3000 QoS 1 messages after one), so a broker started before the file was installed is
  # restarted; with `persistence true` it keeps its sessions and their queues across the restart.
  if port_in_use "$MQTT_PORT" && mosquitto_started_before "$dir/converge.conf"; then
    mosquitto_restart
  fi
}

# True when the running broker was started before <file> was last changed (so it runs without it).
mosquitto_started_before() {
  local pid started
  pid=$(pgrep -o -x mosquitto) || return 1
  started=$(date -d "$(ps -o lstart= -p "$pid")" +%s) || return 1
  ((started < $(stat -c %Y "$1")))
}

mosquitto_restart() {
  local i
  info "restarting the machine's Mosquitto so that it applies /etc/mosquitto/conf.d/converge.conf"
  if have_systemd; then
    as_root systemctl restart mosquitto
  else
    local pid
    pid=$(pgrep -o -x mosquitto) && as_root kill "$pid"
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    (detached as_root /usr/sbin/mosquitto -d -c /etc/mosquitto/mosquitto.conf)
  fi
  for ((i = 0; i < 15; i++)); do port_in_use "$MQTT_PORT" && return 0; sleep 1; done
  die "Mosquitto is not listening on port $MQTT_PORT after its restart (see /var/log/mosquitto/)"
}

mosquitto_ensure_running() {
  mosquitto_configure
  if port_in_use "$MQTT_PORT"; then ok "Mosquitto listening on port $MQTT_PORT"; return 0; fi
  if ! command -v mosquitto >/dev/null && [[ ! -x /usr/sbin/mosquitto ]]; then
    apt_install mosquitto mosquitto-clients
  fi
  if ! port_in_use "$MQTT_PORT"; then
    info "starting the machine's Mosquitto"
    if have_systemd; then as_root systemctl start mosquitto
    else (detached as_root /usr/sbin/mosquitto -d -c /etc/mosquitto/mosquitto.conf); fi
  fi
  local i
  for ((i = 0; i < 15; i++)); do
    if port_in_use "$MQTT_PORT"; then ok "Mosquitto listening on port $MQTT_PORT"; return 0; fi
    sleep 1
  done
  die "Mosquitto is not listening on port $MQTT_PORT (see /var/log/mosquitto/)"
}
