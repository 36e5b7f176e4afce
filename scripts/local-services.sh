#!/usr/bin/env bash
# Sourced by run.sh and test.sh: installs missing Debian packages and starts local Redis / PostgreSQL on free
# loopback ports, with data under .local/ (git-ignored). Everything started is stopped by stop_local_services.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
# Starters run in $(...) subshells, so what they start is recorded in a file, not a variable.
STARTED_FILE="$LOCAL/started.$$"
PGBIN="${PGBIN:-}"

# throwaway_session NAME: a scratch folder under .local (SESSION_DIR) that is removed, with every server this
# script started, when the shell exits or is interrupted: the shared start of test.sh and bench.sh.
throwaway_session() {
  SESSION_DIR="$LOCAL/$1-$$"
  trap 'stop_local_services; rm -rf "$SESSION_DIR" "$SESSION_DIR".*' EXIT
  trap 'exit 130' INT TERM
}

log() { printf '\033[1;34m[flashsale]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[flashsale]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ensure_packages [with-browser|with-bench]: the Debian packages the app (and the tests, or the benchmark) need.
ensure_packages() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
  if [ "${1:-}" = with-bench ]; then
    command -v wrk >/dev/null || need+=(wrk)
    command -v redis-benchmark >/dev/null || need+=(redis-tools)
  fi
  if [ "${1:-}" = with-browser ]; then
    command -v chromium >/dev/null || need+=(chromium)
    command -v kcat >/dev/null || need+=(kcat)
    command -v npm >/dev/null || need+=(nodejs npm) # the test OpenID Connect provider
  fi
  if [ ${#need[@]} -gt 0 ]; then
    log "installing: ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }

# redis_server PORT DIR [redis-server options...]: one Redis in the background, its files in DIR.
redis_server() {
  local port=$1 dir=$2; shift 2
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" \
    --logfile "$dir/redis.log" --save "" "$@" >/dev/null
}

# start_redis DIR [redis-server options...]: prints the port.
start_redis() {
  local dir=$1; shift
  mkdir -p "$dir"
  local port; port=$(free_port "${REDIS_BASE_PORT:-16379}")
  redis_server "$port" "$dir" "$@"
  mkdir -p "$LOCAL"; echo "redis $dir/redis.pid" >>"$STARTED_FILE"
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$port" ping >/dev/null 2>&1 || die "redis-server did not start (see $dir/redis.log)"
  echo "$port"
}

# start_redis_cluster DIR: three masters on loopback; prints "host:port,host:port,host:port".
start_redis_cluster() {
  local dir=$1 nodes=() ports=()
  for i in 1 2 3; do
    local port; port=$(REDIS_BASE_PORT=$(( ${REDIS_BASE_PORT:-16379} + 100 * i )) start_redis "$dir/node$i" \
      --cluster-enabled yes --cluster-config-file "nodes.conf" --cluster-node-timeout 5000 --appendonly no)
    ports+=("$port"); nodes+=("127.0.0.1:$port")
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 \
    || die "redis cluster create failed (see $dir/create.log)"
  for _ in $(seq 100); do
    redis-cli -p "${ports[0]}" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && break; sleep 0.1
  done
  (IFS=,; echo "${nodes[*]}")
}

# pg_server init|start|stop DIR [PORT [postgres -c options...]]: the PostgreSQL server of one data folder. Used by
# start_postgres, and run as a command by the tests that stop and start a server of their own (LocalPostgres.cs).
pg_server() {
  local action=$1 dir=$2; shift 2
  local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  [ -n "$PGBIN" ] || PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  case $action in
    init)
      mkdir -p "$dir/sock"
      [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
      [ -f "$dir/data/PG_VERSION" ] && return 0
      "${run[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || die "initdb failed (see $dir/initdb.log)" ;;
    start)
      local port=$1; shift
      local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir/sock -c max_connections=200"
      for o in "$@"; do opts="$opts -c $o"; done
      "${run[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/postgres.log" -w -t 60 start >/dev/null \
        || die "postgres did not start (see $dir/postgres.log)" ;;
    stop) "${run[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ;;
    *) die "pg_server: init, start or stop" ;;
  esac
}

# start_postgres DIR [postgres -c options...]: initialises on first use; prints the port.
start_postgres() {
  local dir=$1; shift
  pg_server init "$dir"
  local port; port=$(free_port "${PG_BASE_PORT:-15432}")
  pg_server start "$dir" "$port" "$@"
  echo "pg $dir" >>"$STARTED_FILE"
  "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='flashsale'" | grep -q 1 \
    || "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE flashsale" >/dev/null
  echo "$port"
}

# watch_local_services REDIS_PORT REDIS_DIR PG_PORT PG_DIR [redis-server options...]: as a service manager would, starts
# a local server that died (killed, crashed) again on its port with its data, checking every second; an empty port
# means that server is not ours to watch. Run in the background; stopped before stop_local_services.
watch_local_services() {
  local redis_port=$1 redis_dir=$2 pg_port=$3 pg_dir=$4; shift 4
  while sleep 1; do
    if [ -n "$redis_port" ] && ! port_in_use "$redis_port"; then
      log "Redis on 127.0.0.1:$redis_port is gone; starting it again with its data (append-only file)"
      redis_server "$redis_port" "$redis_dir" "$@" || log "Redis did not start (see $redis_dir/redis.log); trying again"
    fi
    if [ -n "$pg_port" ] && ! port_in_use "$pg_port"; then
      log "PostgreSQL on 127.0.0.1:$pg_port is gone; starting it again with its data"
      (pg_server start "$pg_dir" "$pg_port") || log "PostgreSQL did not start (see $pg_dir/postgres.log); trying again"
    fi
  done
}

stop_local_services() {
  [ -f "$STARTED_FILE" ] || return 0
  while read -r kind what; do
    case $kind in
      pg) pg_server stop "$what" || true ;;
      redis) [ -f "$what" ] && kill "$(cat "$what")" 2>/dev/null || true ;;
    esac
  done <"$STARTED_FILE"
  rm -f "$STARTED_FILE"
}

# Run as a command, for the tests' own servers: scripts/local-services.sh pg_server ACTION DIR [PORT [options...]]
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = pg_server ]; then shift; pg_server "$@"; fi
