# shellcheck shell=bash
# The console (console/): a Vite + Preact single page built with npm into console/dist, which the gateway serves at
# / (no Node server at run time), and its browser tests (Playwright's playwright-core driving Debian's Chromium
# headless). Sourced by ./converge; needs infra/lib.sh (apt_install, info/ok/warn/die, CACHE_DIR).
#
#   console/node_modules/.converge-lock.sha256   the package-lock.json (+ package.json) that `npm ci` installed
#   console/dist/.converge-sources.sha256        the sources the build in dist/ was made from (`up` skips the build
#                                                when they did not change)
#
# npm packages come from the npm registry (pinned by console/package-lock.json); Node.js >= 20.19 (Vite 8) from the
# machine, or Debian's package where node is missing. Knobs: CONVERGE_SKIP_CONSOLE=1 (`up` and `test` do not build),
# CONVERGE_SKIP_BROWSER_TESTS=1 (`test` does not run the browser tests), CONVERGE_CHROMIUM (/usr/bin/chromium).

CONSOLE_DIR="$CONVERGE_ROOT/console"
CONSOLE_NODE_MIN=20.19
CONSOLE_CHROMIUM=${CONVERGE_CHROMIUM:-/usr/bin/chromium}

# node >= 20.19 and npm on the PATH (Debian's nodejs/npm where node is missing).
console_ensure_node() {
  if ! command -v node >/dev/null; then apt_install nodejs; fi
  command -v npm >/dev/null || apt_install npm
  local v; v=$(node -p 'process.versions.node' 2>/dev/null)
  if ! node -e "const [a,b]=process.versions.node.split('.').map(Number),[x,y]='$CONSOLE_NODE_MIN'.split('.').map(Number);process.exit(a>x||(a===x&&b>=y)?0:1)"; then
    die "the console is built with Vite 8, which needs Node.js >= $CONSOLE_NODE_MIN; this machine has $v (install a newer nodejs, e.g. Debian's from bookworm-backports or trixie)"
  fi
}

# Hash of every input of the build (sources, config, lock file), so an unchanged console is not built again.
console_sources_sha() {
  (cd "$CONSOLE_DIR" && find index.html vite.config.js package.json package-lock.json src -type f -print0 | sort -z \
    | xargs -0 sha256sum) | sha256sum | cut -c1-32
}

# `npm ci` when package.json / package-lock.json changed since the last install.
console_deps() {
  local sha stamp="$CONSOLE_DIR/node_modules/.converge-lock.sha256"
  sha=$(cat "$CONSOLE_DIR/package.json" "$CONSOLE_DIR/package-lock.json" | sha256sum | cut -c1-32)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$sha" ]]; then return 0; fi
  info "console: installing its npm packages (npm ci, console/package-lock.json)"
  (cd "$CONSOLE_DIR" && npm ci --silent --no-audit --no-fund >/dev/null 2>"$LOG_DIR/console-npm.log") \
    || { tail -n 20 "$LOG_DIR/console-npm.log" >&2; die "console: npm ci failed (log .converge/logs/console-npm.log)"; }
  echo "$sha" >"$stamp"
}

# Builds console/dist when its sources changed (or dist is missing).
console_build() {
  if [[ "${CONVERGE_SKIP_CONSOLE:-}" == 1 ]]; then warn "CONVERGE_SKIP_CONSOLE=1: console not built"; return 0; fi
  local sha stamp="$CONSOLE_DIR/dist/.converge-sources.sha256" start
  sha=$(console_sources_sha)
  if [[ -f "$CONSOLE_DIR/dist/index.html" && -f "$stamp" && "$(cat "$stamp")" == "$sha" ]]; then
    ok "console up to date (console/dist)"
    return 0
  fi
  console_ensure_node
  mkdir -p "$LOG_DIR"
  console_deps
  start=$(now)
  info "console: building console/dist (vite build)"
  (cd "$CONSOLE_DIR" && npx --no-install vite build --logLevel warn >"$LOG_DIR/console-build.log" 2>&1) \
    || { tail -n 30 "$LOG_DIR/console-build.log" >&2; die "console: vite build failed (log .converge/logs/console-build.log)"; }
  echo "$sha" >"$stamp"
  ok "console built in $(($(now) - start))s (console/dist, served by the gateway at /)"
}

# Debian's Chromium for the browser tests.
console_ensure_chromium() {
  [[ -x "$CONSOLE_CHROMIUM" ]] || apt_install chromium
  [[ -x "$CONSOLE_CHROMIUM" ]] || die "no Chromium at $CONSOLE_CHROMIUM (Debian package chromium)"
}

# Browser tests against the running suite through the gateway (console/test/console.test.mjs): every demo user
# signs in through Keycloak's login form. Screenshots in console/test-results/. Returns the tests' exit status.
console_test() {
  console_ensure_node
  console_deps
  console_ensure_chromium
  info "browser tests: node console/test/console.test.mjs (Chromium headless, screenshots in console/test-results/)"
  (cd "$CONSOLE_DIR" && CONVERGE_GATEWAY_URL="http://localhost:$GATEWAY_PORT" CONVERGE_KEYCLOAK_URL="$KEYCLOAK_URL" \
    CONVERGE_CHROMIUM="$CONSOLE_CHROMIUM" node test/console.test.mjs 7>&- 8>&- 9>&-)
}
