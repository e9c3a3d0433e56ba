# shellcheck shell=bash
# Mosquitto (MQTT broker): the machine's, at 127.0.0.1:1883. Installed from Debian where missing, never stopped by us.

MQTT_PORT=1883

# Installs infra/mosquitto/converge.conf into the broker's conf.d (and the include_dir line where the main config
# lacks it); a running broker is told to reload (SIGHUP). Idempotent: nothing happens when both are in place.
mosquitto_configure() {
  local main=/etc/mosquitto/mosquitto.conf dir=/etc/mosquitto/conf.d changed=0
  [[ -f "$main" ]] || return 0
  if ! grep -qE '^[[:space:]]*include_dir[[:space:]]+/etc/mosquitto/conf.d' "$main"; then
    as_root sh -c "printf '\ninclude_dir /etc/mosquitto/conf.d\n' >> '$main'" && changed=1
  fi
  if ! cmp -s "$CONVERGE_ROOT/infra/mosquitto/converge.conf" "$dir/converge.conf"; then
    as_root mkdir -p "$dir" && as_root cp "$CONVERGE_ROOT/infra/mosquitto/converge.conf" "$dir/converge.conf" && changed=1
  fi
  if [[ $changed == 1 ]]; then
    info "Mosquitto: installed $dir/converge.conf (queue limits for persistent sessions)"
    if port_in_use "$MQTT_PORT"; then
      as_root pkill -HUP -x mosquitto || true
    fi
  fi
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
