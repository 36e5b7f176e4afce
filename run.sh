#!/usr/bin/env bash
# ./run.sh: installs what is missing, starts local Redis and PostgreSQL (and the app's embedded Kafka broker)
# unless ConnectionStrings__Redis / ConnectionStrings__Postgres / Kafka__BootstrapServers point elsewhere,
# and serves the app at http://127.0.0.1:5000 (FLASHSALE_URLS overrides). Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/scripts/local-services.sh"
cd "$ROOT"

APP_PID="" WATCH_PID=""
shutdown() {
  trap - INT TERM EXIT
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  stop_local_services
  log "stopped"
}
trap shutdown INT TERM EXIT

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

log "building"
dotnet publish FlashSaleUI/FlashSaleUI.csproj -c Release -o "$LOCAL/publish" -v q -nologo >/dev/null
export FLASHSALE_URLS="${FLASHSALE_URLS:-http://127.0.0.1:5000}"
log "serving at $FLASHSALE_URLS (Ctrl-C stops)"
(cd "$LOCAL/publish" && exec dotnet FlashSaleUI.dll) &
APP_PID=$!
wait "$APP_PID"
