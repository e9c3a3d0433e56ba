# shellcheck shell=bash
# Sourced by bench/<name>/run.sh (the Java load generators): exports CONVERGE_ROOT, sources infra/lib.sh, makes sure
# of a JDK (ensure_jdk) and defines bench_build.
#   bench_build <name> <jar>: (re)builds bench/<name> and bench-common (bench/common) through the aggregator
#   bench/pom.xml when <jar> or <dir>/target/lib is missing or a pom or source is newer than <jar>. Offline first
#   (mvn -o: nothing to fetch once ~/.m2 has the plugins and dependencies), online when something is missing.
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONVERGE_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
export CONVERGE_ROOT
# shellcheck source=../../infra/lib.sh
source "$CONVERGE_ROOT/infra/lib.sh"

ensure_jdk

bench_build() {
  local name=$1 jar=$2 dir="$BENCH_DIR/$1" out
  if [[ -f "$jar" && -d "$dir/target/lib" && -z "$(find "$BENCH_DIR/pom.xml" "$BENCH_DIR/common/pom.xml" \
      "$BENCH_DIR/common/src" "$dir/pom.xml" "$dir/src" -newer "$jar" -print -quit)" ]]; then
    return 0
  fi
  ensure_maven
  info "building the load generator (mvn -f bench/pom.xml -pl $name -am package)"
  if ! out=$(mvn -B -ntp -C -o -f "$BENCH_DIR/pom.xml" -pl "$name" -am package 2>&1) \
      && ! out=$(mvn -B -ntp -C -f "$BENCH_DIR/pom.xml" -pl "$name" -am package 2>&1); then
    printf '%s\n' "$out" | tail -n 40 >&2
    die "could not build the load generator (Maven's output above)"
  fi
}
