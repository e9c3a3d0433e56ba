# shellcheck shell=bash
# Shared helpers for ./converge. Sourced, never executed.
#
# Layout of runtime state (all gitignored, all per checkout):
#   .converge/run/<name>.pid    pid (= process group id) of a component started by ./converge
#   .converge/logs/<name>.log   its stdout/stderr
#   .converge/data/<name>/      its data (Kafka log dirs, Keycloak H2 database)
# Downloaded tools live outside the repository, shared by all checkouts:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/converge

: "${CONVERGE_ROOT:?CONVERGE_ROOT must be set by ./converge}"
STATE_DIR="$CONVERGE_ROOT/.converge"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
DATA_DIR="$STATE_DIR/data"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/converge"

# Components ./converge started in this invocation (used by `test` to stop only those).
STARTED_COMPONENTS=()
declare -A STARTED_AT=()

# ---------------------------------------------------------------------------------------------------------------------
# messages

if [[ -t 1 ]]; then
  _c_info=$'\033[1;34m' _c_ok=$'\033[1;32m' _c_warn=$'\033[1;33m' _c_err=$'\033[1;31m' _c_off=$'\033[0m'
else
  _c_info='' _c_ok='' _c_warn='' _c_err='' _c_off=''
fi
info() { printf '%s==>%s %s\n' "$_c_info" "$_c_off" "$*"; }
ok()   { printf '%s ok%s %s\n' "$_c_ok" "$_c_off" "$*"; }
warn() { printf '%swarn%s %s\n' "$_c_warn" "$_c_off" "$*" >&2; }
die()  { printf '%serror%s %s\n' "$_c_err" "$_c_off" "$*" >&2; exit 1; }

# Seconds since the epoch (for readiness timings).
now() { date +%s; }

ensure_state_dirs() { mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR" "$CACHE_DIR"; }

# (detached <command...>): in a subshell, closes every inherited file descriptor above 2 and execs the command. A
# daemon started by ./converge (a service, PostgreSQL, Mosquitto) must not keep a caller's descriptors open: a pipe
# would never see EOF, and a lock the caller holds (`flock /tmp/x.lock ./converge up`) would stay taken for as long as
# the daemon lives. Call it in a subshell only: it replaces the shell it runs in.
detached() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  if declare -F "$1" >/dev/null; then "$@"; exit; fi   # a shell function (as_root) cannot be exec'd
  exec "$@"
}

# Run a command as root (directly, or through sudo), for apt-get and service management only.

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root for: $* (no sudo available)"; fi
}

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found; install these packages yourself: $*"
  info "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# True when systemd is PID 1 (systemctl usable).
have_systemd() { [[ -d /run/systemd/system ]]; }

# ---------------------------------------------------------------------------------------------------------------------
# JDK >= 21

java_major() { # <java binary> -> major version (e.g. 25), empty on failure
  "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.[^"]*)?".*/\1/p'
}

# Sets and exports JAVA_HOME to a JDK >= 21: $CONVERGE_JAVA_HOME, else $JAVA_HOME if new enough,
# else the newest JDK under /usr/lib/jvm.
ensure_jdk() {
  [[ -n "${CONVERGE_JDK_READY:-}" ]] && return 0
  local cand best='' best_major=0 major
  for cand in "${CONVERGE_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [[ -n "$cand" && -x "$cand/bin/java" && -x "$cand/bin/javac" ]]; then
      major=$(java_major "$cand/bin/java")
      if [[ -n "$major" && "$major" -ge 21 ]]; then best=$cand best_major=$major; break; fi
    fi
  done
  if [[ -z "$best" ]]; then
    for cand in /usr/lib/jvm/*/; do
      cand=$(readlink -f "${cand%/}")
      [[ -x "$cand/bin/java" && -x "$cand/bin/javac" ]] || continue
      major=$(java_major "$cand/bin/java")
      if [[ -n "$major" && "$major" -gt "$best_major" ]]; then best=$cand best_major=$major; fi
    done
  fi
  if [[ -z "$best" || "$best_major" -lt 21 ]]; then
    die "no JDK >= 21 found; install Temurin 21+ (or openjdk-21-jdk) under /usr/lib/jvm, or set CONVERGE_JAVA_HOME"
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.8's bundled Guava uses sun.misc.Unsafe, which JDK 24+ warns about on every run.
  if ((best_major >= 24)) && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
  export CONVERGE_JDK_READY=1
  info "using JDK $best_major at $JAVA_HOME"
}

# ---------------------------------------------------------------------------------------------------------------------
# Maven (the machine's; the tools below are fetched through it so Central's checksums are verified)

ensure_maven() {
  command -v mvn >/dev/null || apt_install maven
}

# mvn_quiet <description> <mvn args...>: runs Maven in batch mode with strict checksums (-C: a download whose .sha1
# does not match Central's fails); prints Maven's output only when it fails. Runs from the cache directory, so no
# project pom is picked up unless -f is given.
mvn_quiet() {
  local what=$1 out; shift
  ensure_maven
  if ! out=$(cd "$CACHE_DIR" && mvn -B -C -ntp "$@" 2>&1); then
    printf '%s\n' "$out" | tail -n 40 >&2
    die "could not fetch $what through Maven (see the output above)"
  fi
}

# mvn_fetch <groupId:artifactId:version[:packaging[:classifier]]> <output dir>: one artifact from Maven Central.
mvn_fetch() {
  local gav=$1 out=$2
  mkdir -p "$out"
  info "fetching $gav through Maven (checksums verified)"
  mvn_quiet "$gav" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$gav" -DoutputDirectory="$out" -Dmdep.overWriteReleases=true
}

# ---------------------------------------------------------------------------------------------------------------------
# processes started by ./converge
#
# A pid file holds "<pid> <start time>": the process is started in its own session, so <pid> is also its process group
# (wrapper scripts such as kc.sh and their JVM stop together). The start time (field 22 of /proc/<pid>/stat) guards
# against pid reuse after a crash or reboot. (No marker system property on the command line: Quarkus services reject
# unknown properties under their `converge.` config prefix.)

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

proc_start_time() { # <pid> -> start time in clock ticks since boot
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }                 # drop "pid (comm) ", comm may contain spaces
  read -ra fields <<<"$stat"        # fields 3.. of stat
  echo "${fields[19]}"
}

# Prints the pid of a live component started by ./converge, or fails.
component_pid() {
  local f pid started actual
  f=$(pid_file "$1")
  [[ -f "$f" ]] || return 1
  read -r pid started <"$f" || true
  [[ "$pid" =~ ^[0-9]+$ && -n "${started:-}" ]] || return 1
  actual=$(proc_start_time "$pid") || return 1
  [[ "$actual" == "$started" ]] || return 1
  # a zombie (exited, not yet reaped) does not count
  [[ "$(sed -nE 's/^State:[[:space:]]+([A-Z]).*/\1/p' "/proc/$pid/status" 2>/dev/null)" != Z ]] || return 1
  echo "$pid"
}

# True when something listens on TCP <port> (any local address).
port_in_use() {
  local port=$1
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# Who listens on <port>, for error messages.
port_owner() {
  command -v ss >/dev/null && ss -Hltnp "sport = :$1" 2>/dev/null | sed -nE 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/p' | head -1
}

# Fails with a clear message when <port> is taken by a process that is not the component <name> started by us.
# Returns 0 when the port is free, 1 when <name> is already running (caller skips the start).
check_port_for() {
  local name=$1 port=$2 pid owner
  if pid=$(component_pid "$name"); then
    ok "$name already running (pid $pid, port $port)"
    return 1
  fi
  rm -f "$(pid_file "$name")"
  if port_in_use "$port"; then
    owner=$(port_owner "$port")
    die "port $port (needed by $name) is already in use by another process${owner:+: $owner}; it was not started by ./converge - stop it or free the port"
  fi
  return 0
}

# start_component <name> <command...>
# Starts the command detached in its own session/process group, stdout+stderr to .converge/logs/<name>.log.
start_component() {
  local name=$1; shift
  local log
  log=$(log_file "$name")
  {
    echo
    echo "===== $(date -Is) ./converge starting $name"
  } >>"$log"
  # setsid: own session and process group, so `down` can stop wrappers and their JVM together. No descriptor above 2
  # is inherited (7-9: saved stdout/stderr of `test`, our lock; any caller's): see detached.
  (detached setsid "$@" >>"$log" 2>&1 </dev/null) &
  echo "$! $(proc_start_time $!)" >"$(pid_file "$name")"
  STARTED_COMPONENTS+=("$name")
  STARTED_AT[$name]=$(now)
  info "started $name (pid $!, log .converge/logs/$name.log)"
}

# True when this invocation started <name>.
started_now() { [[ " ${STARTED_COMPONENTS[*]} " == *" $1 "* ]]; }

# stop_component <name> [timeout seconds]: TERM the process group, KILL after the timeout.
stop_component() {
  local name=$1 timeout=${2:-30} pid i
  if ! pid=$(component_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  info "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    if ! kill -0 -- "-$pid" 2>/dev/null; then break; fi
    sleep 0.2
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    warn "$name did not stop within ${timeout}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")"
  ok "stopped $name"
}

# Prints the last lines of a component log (used on failures).
log_tail() {
  local log
  log=$(log_file "$1")
  [[ -f "$log" ]] || return 0
  echo "----- last ${2:-40} lines of .converge/logs/$1.log -----" >&2
  tail -n "${2:-40}" "$log" >&2
  echo "-----" >&2
}

# wait_until <name> <timeout s> <command...>: polls the command every second; fails early if the component died.
# Prints the readiness time in seconds, counted from the start of the component.
wait_until() {
  local name=$1 timeout=$2; shift 2
  local start elapsed
  start=${STARTED_AT[$name]:-$(now)}
  while true; do
    if "$@" >/dev/null 2>&1; then
      elapsed=$(($(now) - start))
      ok "$name ready (${elapsed}s)"
      return 0
    fi
    if ! component_pid "$name" >/dev/null; then
      log_tail "$name" 60
      die "$name exited during startup (see .converge/logs/$name.log; ./converge down stops what was started)"
    fi
    elapsed=$(($(now) - start))
    if ((elapsed >= timeout)); then
      log_tail "$name" 60
      die "$name not ready after ${timeout}s (see .converge/logs/$name.log; ./converge down stops what was started)"
    fi
    sleep 1
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 5 "$1"; }
