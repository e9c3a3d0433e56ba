# shellcheck shell=bash
# PostgreSQL: the machine's server at 127.0.0.1:5432 (installed from Debian where missing, never stopped by us).
# One database per service, owned by role `converge` (password `converge`, local development only).

PG_HOST=127.0.0.1
PG_PORT=5432
# shellcheck disable=SC2034 # used by ./converge
PG_DATABASES=(asset telemetry kpi patch security)
# shellcheck disable=SC2034 # used by ./converge
PG_TEST_DATABASES=(asset_test telemetry_test kpi_test patch_test security_test asset_e2e patch_e2e)

# psql as a superuser: TCP as `postgres` if the server trusts us, else the `postgres` OS user over the local socket.
pg_admin() {
  if [[ -z "${_PG_ADMIN:-}" ]]; then
    if PGCONNECT_TIMEOUT=3 psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
      _PG_ADMIN=tcp
    elif [[ $(id -u) -eq 0 ]] && command -v runuser >/dev/null; then
      _PG_ADMIN=runuser
    elif command -v sudo >/dev/null; then
      _PG_ADMIN=sudo
    else
      die "cannot administer PostgreSQL: no trust access for user postgres and neither root nor sudo"
    fi
  fi
  case $_PG_ADMIN in
    tcp) psql -w -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@" ;;
    runuser) (cd / && runuser -u postgres -- psql -q -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 "$@") ;;
    sudo) (cd / && sudo -u postgres psql -q -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 "$@") ;;
  esac
}

postgres_ensure_running() {
  if port_in_use "$PG_PORT"; then return 0; fi
  if ! command -v psql >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  if ! port_in_use "$PG_PORT"; then
    info "starting the machine's PostgreSQL"
    if have_systemd; then as_root systemctl start postgresql
    else (detached as_root service postgresql start) >/dev/null; fi
  fi
  local i
  for ((i = 0; i < 30; i++)); do port_in_use "$PG_PORT" && return 0; sleep 1; done
  die "PostgreSQL is not listening on $PG_HOST:$PG_PORT (check: service postgresql status)"
}

# The machine's cluster serving $PG_PORT as "<version> <name>" (pg_lsclusters), for stop/start by an operator.
postgres_cluster() {
  command -v pg_lsclusters >/dev/null || die "pg_lsclusters not found (Debian's postgresql-common): stop/start PostgreSQL with your own service manager"
  local c
  c=$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }')
  [[ -n "$c" ]] || die "no PostgreSQL cluster on port $PG_PORT (pg_lsclusters)"
  echo "$c"
}

# postgres_stop / postgres_start: the machine's cluster (pg_ctlcluster, as its owner), e.g. for fault-injection tests;
# the services lose their connections meanwhile and reconnect by themselves.
postgres_stop() {
  local c; c=$(postgres_cluster)
  info "stopping PostgreSQL cluster $c (pg_ctlcluster ${c% *} ${c#* } stop -m fast)"
  # shellcheck disable=SC2086 # version and name are two words
  as_root pg_ctlcluster $c stop -m fast || die "pg_ctlcluster $c stop failed"
  ok "PostgreSQL stopped"
}

postgres_start() {
  local c i; c=$(postgres_cluster)
  info "starting PostgreSQL cluster $c"
  # shellcheck disable=SC2086
  (detached as_root pg_ctlcluster $c start) || die "pg_ctlcluster $c start failed"
  for ((i = 0; i < 30; i++)); do
    if PGCONNECT_TIMEOUT=2 pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then ok "PostgreSQL accepting connections"; return 0; fi
    sleep 1
  done
  die "PostgreSQL does not accept connections on $PG_HOST:$PG_PORT after 30s"
}

# postgres_ensure_databases <db...>: role `converge` and the given databases owned by it (idempotent).
postgres_ensure_databases() {
  postgres_ensure_running
  pg_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'converge') THEN
        CREATE ROLE converge LOGIN CREATEDB PASSWORD 'converge';
      END IF;
    END \$\$;" >/dev/null || die "could not create PostgreSQL role converge"
  local existing db created=()
  existing=$(pg_admin -tA -c "SELECT datname FROM pg_database") || die "could not list PostgreSQL databases"
  for db in "$@"; do
    if ! grep -qx "$db" <<<"$existing"; then
      pg_admin -c "CREATE DATABASE \"$db\" OWNER converge" >/dev/null || die "could not create database $db"
      created+=("$db")
    fi
  done
  if ((${#created[@]})); then ok "PostgreSQL: created databases ${created[*]}"
  else ok "PostgreSQL $PG_HOST:$PG_PORT: role converge and databases $* present"; fi
  postgres_check_autovacuum
}

# The outbox tables churn (every event is inserted, then deleted once Kafka has it) and the planner needs statistics:
# without autovacuum they bloat without bound and queries get plans for empty tables. Said once, not changed: the
# server is the machine's, its settings are its owner's.
postgres_check_autovacuum() {
  local av
  av=$(pg_admin -tA -c "SHOW autovacuum" 2>/dev/null) || return 0
  if [[ "$av" != on ]]; then
    warn "PostgreSQL runs with autovacuum = $av: outbox tables will bloat and statistics go stale;" \
      "turn it on (ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();) or vacuum by hand (vacuumdb -az)"
  fi
}
