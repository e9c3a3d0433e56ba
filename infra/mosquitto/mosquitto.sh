# shellcheck shell=bash
# Mosquitto (MQTT broker): the machine's, at 127.0.0.1:1883. Installed from Debian where missing, never stopped by us.

MQTT_PORT=1883

mosquitto_ensure_running() {
  if port_in_use "$MQTT_PORT"; then ok "Mosquitto listening on port $MQTT_PORT"; return 0; fi
  if ! command -v mosquitto >/dev/null && [[ ! -x /usr/sbin/mosquitto ]]; then
    apt_install mosquitto mosquitto-clients
  fi
  if ! port_in_use "$MQTT_PORT"; then
    info "starting the machine's Mosquitto"
    if have_systemd; then as_root systemctl start mosquitto
    else as_root /usr/sbin/mosquitto -d -c /etc/mosquitto/mosquitto.conf; fi
  fi
  local i
  for ((i = 0; i < 15; i++)); do
    if port_in_use "$MQTT_PORT"; then ok "Mosquitto listening on port $MQTT_PORT"; return 0; fi
    sleep 1
  done
  die "Mosquitto is not listening on port $MQTT_PORT (see /var/log/mosquitto/)"
}
