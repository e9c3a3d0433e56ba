# shellcheck shell=bash
# Keycloak: keycloak-quarkus-dist zip from Maven Central (through Maven), dev mode on http://localhost:8180,
# realm `converge` imported from infra/keycloak/converge-realm.json.
#
#   cache (shared, pristine):  $CACHE_DIR/downloads/keycloak-quarkus-dist-<v>.zip, unzipped to $CACHE_DIR/keycloak-<v>
#   per checkout:              .converge/keycloak       copy of the dist: `start-dev` re-augments into lib/quarkus and
#                                                        --import-realm only reads <home>/data/import, so Keycloak
#                                                        cannot run from a shared read-only directory
#                              .converge/data/keycloak  the H2 database (-Dkc.db-url-path, dev-file database)

KEYCLOAK_VERSION=26.7.3
KEYCLOAK_PORT=8180
KEYCLOAK_URL="http://localhost:$KEYCLOAK_PORT"
KEYCLOAK_REALM_JSON="$CONVERGE_ROOT/infra/keycloak/converge-realm.json"
KEYCLOAK_DIST="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_HOME="$STATE_DIR/keycloak"
KEYCLOAK_DATA="$DATA_DIR/keycloak"

keycloak_install() {
  if [[ ! -f "$KEYCLOAK_DIST/.complete" ]]; then
    local zip="$CACHE_DIR/downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
    [[ -f "$zip" ]] || mvn_fetch "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" "$CACHE_DIR/downloads"
    command -v unzip >/dev/null || apt_install unzip
    info "unpacking Keycloak $KEYCLOAK_VERSION into $KEYCLOAK_DIST"
    rm -rf "$KEYCLOAK_DIST" "$KEYCLOAK_DIST.tmp"
    mkdir -p "$KEYCLOAK_DIST.tmp"
    unzip -q "$zip" -d "$KEYCLOAK_DIST.tmp" || die "could not unzip $zip"
    mv "$KEYCLOAK_DIST.tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_DIST"
    rmdir "$KEYCLOAK_DIST.tmp"
    touch "$KEYCLOAK_DIST/.complete"
  fi
  if [[ "$(cat "$KEYCLOAK_HOME/.converge-version" 2>/dev/null)" != "$KEYCLOAK_VERSION" ]]; then
    info "copying Keycloak $KEYCLOAK_VERSION to .converge/keycloak"
    rm -rf "$KEYCLOAK_HOME"
    cp -a "$KEYCLOAK_DIST" "$KEYCLOAK_HOME"
    echo "$KEYCLOAK_VERSION" >"$KEYCLOAK_HOME/.converge-version"
  fi
}

# Copies the realm JSON into the import directory. --import-realm skips realms that already exist, so when the JSON
# changed since the last import the local (throw-away) Keycloak database is reset and the realm imported afresh.
keycloak_prepare_realm() {
  local sum old
  sum=$(sha256sum "$KEYCLOAK_REALM_JSON" | cut -d' ' -f1)
  old=$(cat "$KEYCLOAK_DATA/realm.sha256" 2>/dev/null || true)
  if [[ -n "$old" && "$old" != "$sum" ]]; then
    warn "infra/keycloak/converge-realm.json changed since the last import: resetting the local Keycloak database"
    rm -rf "$KEYCLOAK_DATA"
  fi
  mkdir -p "$KEYCLOAK_DATA" "$KEYCLOAK_HOME/data/import"
  rm -f "$KEYCLOAK_HOME"/data/import/*.json
  cp "$KEYCLOAK_REALM_JSON" "$KEYCLOAK_HOME/data/import/converge-realm.json"
  echo "$sum" >"$KEYCLOAK_DATA/realm.sha256"
}

# Starts Keycloak unless ours already runs. Does not wait; see keycloak_ready.
keycloak_start() {
  ensure_jdk
  check_port_for keycloak "$KEYCLOAK_PORT" || return 0
  keycloak_install
  keycloak_prepare_realm
  # Local development credentials only (documented in README and `./converge up` output).
  start_component keycloak env \
    JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" \
    JAVA_OPTS_APPEND="-Dkc.db-url-path=$KEYCLOAK_DATA" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-port "$KEYCLOAK_PORT" --import-realm
}

keycloak_ready() {
  started_now keycloak || return 0
  wait_until keycloak 180 http_ok "$KEYCLOAK_URL/realms/converge/.well-known/openid-configuration"
}
