#!/usr/bin/env bash
# The sync's benchmarks (crates/sync/examples/sync_bench.rs), release build, ratios printed
# against references measured in the same run: the initial pull of 5,000 devices, 2,000
# residents and 1,000 appointments against inserting the same rows directly; the end-of-shift
# push of 30 jobs and 150 photos of about 400 KB against curl uploading the same bytes.
# Usage: scripts/bench_sync.sh   (BENCH_RUNS=N for the number of runs, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v curl >/dev/null || { echo "curl is needed (apt-get install curl)" >&2; exit 1; }
cargo run --release -q -p veldwerk-sync --example sync_bench
