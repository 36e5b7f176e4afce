#!/usr/bin/env bash
# ./run.sh: installs what is missing, starts local Redis and PostgreSQL (and the app's embedded Kafka broker)
# unless ConnectionStrings__Redis / ConnectionStrings__Postgres / Kafka__BootstrapServers point elsewhere,
# and serves the app at http://127.0.0.1:5000 (FLASHSALE_URLS overrides). Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/scripts/local-services.sh"
cd "$ROOT"

# One ./run.sh per folder: two would start two Redis servers on one data folder. A second one replaces the first
# (stopped gracefully: the pipeline drains), so "run it again" always works.
mkdir -p "$LOCAL"
# (the pid file is trusted only if that process is a run.sh working in this folder: pids are reused)
ours() { [ "$1" != $$ ] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'run\.sh' \
  && [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$(pwd -P)" ]; }
if [ -f "$LOCAL/run.pid" ] && other=$(cat "$LOCAL/run.pid") && ours "$other"; then
  log "./run.sh (pid $other) already serves from this folder; stopping it first"
  kill -TERM "$other" 2>/dev/null || true
  for _ in $(seq 600); do kill -0 "$other" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$other" 2>/dev/null && die "the running ./run.sh (pid $other) did not stop within 60 s"
fi
echo $$ >"$LOCAL/run.pid"

APP_PID="" WATCH_PID=""
shutdown() {
  local status=$1
  set +e # stop whatever can be stopped: a step that fails (a server already gone) must not skip the rest
  trap - INT TERM EXIT
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  stop_local_services
  [ "$(cat "$LOCAL/run.pid" 2>/dev/null)" = $$ ] && rm -f "$LOCAL/run.pid"
  log "stopped"
  exit "$status"
}
trap 'shutdown 0' INT TERM
trap 'shutdown $?' EXIT

ensure_packages

# append-only file: Redis is the source of truth during a sale, so issued coupons survive a Redis restart
REDIS_OPTIONS=(--appendonly yes --appendfsync "${FLASHSALE_REDIS_APPENDFSYNC:-everysec}")
redis_port="" pg_port=""
if [ -z "${ConnectionStrings__Redis:-}" ]; then
  redis_port=$(start_redis "$LOCAL/run/redis" "${REDIS_OPTIONS[@]}")
  export ConnectionStrings__Redis="127.0.0.1:$redis_port"
  log "Redis on 127.0.0.1:$redis_port (data in .local/run/redis)"
fi
if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_port=$(start_postgres "$LOCAL/run/postgres")
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=flashsale"
  log "PostgreSQL on 127.0.0.1:$pg_port (data in .local/run/postgres)"
fi
# a local server that dies is started again with its data, as a service manager would (the app reconnects)
watch_local_services "$redis_port" "$LOCAL/run/redis" "$pg_port" "$LOCAL/run/postgres" "${REDIS_OPTIONS[@]}" &
WATCH_PID=$!

# no Kafka given: the app hosts its embedded development broker (it refuses to without this, outside Development)
[ -z "${Kafka__BootstrapServers:-}" ] && export Kafka__Embedded=true
# no identity provider given: test members sign in by naming themselves (the app refuses to start with no way in)
[ -z "${Members__Jwt__Authority:-}${Members__Oidc__Authority:-}" ] && export Members__LocalSignIn="${Members__LocalSignIn:-true}"

log "building"
dotnet publish FlashSaleUI/FlashSaleUI.csproj -c Release -o "$LOCAL/publish" -v q -nologo >/dev/null
export FLASHSALE_URLS="${FLASHSALE_URLS:-http://127.0.0.1:5000}"
log "serving at $FLASHSALE_URLS (Ctrl-C stops)"
while true; do
  (cd "$LOCAL/publish" && exec dotnet FlashSaleUI.dll) &
  APP_PID=$! started=$SECONDS
  code=0; wait "$APP_PID" || code=$?
  # killed or crashed after it had been serving: started again, as a service manager would (nothing is lost: the
  # outboxes are in Redis, and what the embedded broker held comes back through reconciliation); a failure to start
  # (a port in use, a bad setting) ends ./run.sh with the app's error above
  if (( code > 128 && SECONDS - started >= 10 )); then log "the app died (exit $code); starting it again"; continue; fi
  exit "$code"
done
