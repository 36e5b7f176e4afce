#!/usr/bin/env bash
# ./bench.sh [suite...]: the benchmark program (not part of ./test.sh). Same setup as ./run.sh: installs what is
# missing and starts a throwaway local Redis and PostgreSQL (durable settings, as in production); Kafka is the
# embedded broker, one per scenario. Prints Markdown tables (docs/BENCHMARKS.md holds a run).
set -euo pipefail
source "$(dirname "$0")/scripts/local-services.sh"
cd "$ROOT"
throwaway_session bench
BENCH_DIR="$SESSION_DIR"

ensure_packages with-bench
appendfsync="${FLASHSALE_REDIS_APPENDFSYNC:-everysec}"
export FLASHSALE_BENCH_REDIS="127.0.0.1:$(start_redis "$BENCH_DIR/redis" --appendonly yes --appendfsync "$appendfsync")"
if [[ " $* " == *" buckets "* ]]; then
  export FLASHSALE_BENCH_REDIS_CLUSTER="$(start_redis_cluster "$BENCH_DIR/redis-cluster")"
fi
export FLASHSALE_BENCH_POSTGRES="Host=127.0.0.1;Port=$(start_postgres "$BENCH_DIR/postgres");Username=postgres;Database=flashsale"
dotnet build FlashSaleUI.Bench -c Release -v q -nologo >/dev/null
# the HTTP suite runs the app as ./run.sh does: published, Release
dotnet publish FlashSaleUI/FlashSaleUI.csproj -c Release -o "$BENCH_DIR/app" -v q -nologo >/dev/null
export FLASHSALE_BENCH_APP="$BENCH_DIR/app/FlashSaleUI.dll"
dotnet FlashSaleUI.Bench/bin/Release/net10.0/FlashSaleUI.Bench.dll "$@"
