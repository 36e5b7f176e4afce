#!/usr/bin/env bash
# ./test.sh: the same setup as ./run.sh (packages, local servers unless configured), then every test:
# unit, integration (real Redis standalone + 3-master cluster, PostgreSQL, Kafka protocol), component, browser.
# The last line is the totals: "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/scripts/local-services.sh"
cd "$ROOT"

TEST_DIR="$LOCAL/test-$$"
cleanup() { stop_local_services; rm -rf "$TEST_DIR"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_packages with-browser
ensure_build_prereqs

if [ -n "${ConnectionStrings__Redis:-}" ]; then
  export FLASHSALE_TEST_REDIS="$ConnectionStrings__Redis"
else
  # 64 databases: each test fixture gets its own number (Infrastructure/TestEnvironment.cs)
  export FLASHSALE_TEST_REDIS="127.0.0.1:$(start_redis "$TEST_DIR/redis" --appendonly no --databases 64)"
fi
if [ -z "${FLASHSALE_TEST_REDIS_CLUSTER:-}" ]; then
  export FLASHSALE_TEST_REDIS_CLUSTER="$(start_redis_cluster "$TEST_DIR/redis-cluster")"
fi
if [ -n "${ConnectionStrings__Postgres:-}" ]; then
  export FLASHSALE_TEST_POSTGRES="$ConnectionStrings__Postgres"
else
  # durability settings off: test databases are thrown away
  pg_port=$(start_postgres "$TEST_DIR/postgres" fsync=off synchronous_commit=off full_page_writes=off)
  export FLASHSALE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=flashsale"
  export FLASHSALE_TEST_PG_DIR="$TEST_DIR/postgres" FLASHSALE_TEST_PGBIN="$PGBIN"
fi
log "Redis $FLASHSALE_TEST_REDIS; cluster $FLASHSALE_TEST_REDIS_CLUSTER; PostgreSQL ${FLASHSALE_TEST_POSTGRES%%;Username*}"

log "building"
if ! dotnet build FlashSaleUI.sln -v q -nologo 2>&1 | tee "$TEST_DIR.build.log" | grep -E ' error ' ; then :; fi
if grep -qE ' error ' "$TEST_DIR.build.log"; then
  rm -f "$TEST_DIR.build.log"; echo "0 passed, 1 failed"; exit 1
fi
rm -f "$TEST_DIR.build.log"

# browser tests write their screenshots here (committed: docs/screenshots, linked from the README)
export FLASHSALE_SCREENSHOTS="${FLASHSALE_SCREENSHOTS:-$ROOT/docs/screenshots}"
log "testing"
dotnet test FlashSaleUI.sln --no-build -nologo --logger "console;verbosity=normal" --blame-hang-timeout 5m "$@" 2>&1 | tee "$TEST_DIR.log"
status=${PIPESTATUS[0]}

# totals over every test assembly's summary ("Passed: N" / "Failed: N" / "Skipped: N" lines)
sum() { grep -E "^ +$1: +[0-9]+$" "$TEST_DIR.log" | awk '{s += $2} END {print s + 0}'; }
passed=$(sum Passed) failed=$(sum Failed) skipped=$(sum Skipped)
rm -f "$TEST_DIR.log"
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crashed run must not read as green
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
