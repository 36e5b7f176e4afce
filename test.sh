#!/usr/bin/env bash
# ./test.sh: the same setup as ./run.sh (packages, local servers unless configured), then every test:
# unit, integration (real Redis standalone + 3-master cluster, PostgreSQL, Kafka protocol), component, browser.
# The last line is the totals: "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/scripts/local-services.sh"
cd "$ROOT"

throwaway_session test
TEST_DIR="$SESSION_DIR"

ensure_packages with-browser

# the browser tests' OpenID Connect provider (npm oidc-provider; the versions its package-lock.json pins)
OIDC_DIR="$ROOT/FlashSaleUI.Tests/Browser/OidcProvider"
if [ ! -d "$OIDC_DIR/node_modules/oidc-provider" ]; then
  log "installing the test OpenID Connect provider (npm ci)"
  (cd "$OIDC_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "0 passed, 1 failed"; exit 1; }
fi
export FLASHSALE_OIDC_PROVIDER_DIR="$OIDC_DIR"

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
if ! dotnet build FlashSaleUI.sln -v q -nologo; then
  echo "0 passed, 1 failed"; exit 1   # the build failed: no test ran
fi

# browser tests write their screenshots here (committed: docs/screenshots, linked from the README)
export FLASHSALE_SCREENSHOTS="${FLASHSALE_SCREENSHOTS:-$ROOT/docs/screenshots}"
log "testing"
RESULTS="$TEST_DIR/results"
dotnet test FlashSaleUI.sln --no-build -nologo --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=tests" \
  --results-directory "$RESULTS" --blame-hang-timeout 5m "$@"
status=$?

# totals from the test results files (TRX: one per test assembly), not from console text
counter() { cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n' \
  | awk '{s += $1} END {print s + 0}'; }
passed=$(counter passed) skipped=$(counter notExecuted)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crashed run must not read as green
echo "$skipped skipped (not counted as passed)"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
