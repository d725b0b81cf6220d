#!/usr/bin/env bash
# Benchmarks on a generated replica of 100,000 devices / 50,000 residents:
#  1. the store: open + Today, Today, search p50/p95, each beside the same work as raw SQL on
#     the same file (ratio goal <= 1.2x; absolute goals: open+Today < 50 ms, search p95 < 5 ms);
#  2. the app: time from launch to Today drawn, and resident memory with that replica open,
#     measured on the release build in a real window under Xvfb.
# Writes BENCHMARKS.md. Usage: scripts/bench.sh [--store-only]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/setup.sh --runtime-only >/dev/null
export PATH="$HOME/.cargo/bin:$HOME/.local/node/bin:$PATH"
target="${CARGO_TARGET_DIR:-$root/target}"
dir="$target/bench"
mkdir -p "$dir"

echo "==> store benchmark (release; opening also through a real Secret Service)"
cargo build --release -q -p veldwerk-bench
XDG_DATA_HOME="$(mktemp -d -t veldwerk-keyring.XXXXXX)" VELDWERK_BENCH_KEYRING=1 dbus-run-session -- sh -c '
  echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh "$target/release/veldwerk-bench" store --dir "$dir" | tee "$dir/store.txt"

if [ "${1:-}" != "--store-only" ]; then
  echo "==> app benchmark: building the release app (tauri build --no-bundle)"
  CARGO_TARGET_DIR="$target/bench-app" ui/node_modules/.bin/tauri build --no-bundle >/dev/null
  app="$target/bench-app/release/veldwerk"
  launches=5
  XDG_DATA_HOME="$(mktemp -d -t veldwerk-keyring.XXXXXX)" dbus-run-session -- sh -c '
    echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh python3 scripts/bench_app.py "$target/release/veldwerk-bench" "$dir" "$app" "$launches"
fi

python3 scripts/bench_report.py "$dir" > BENCHMARKS.md
echo "==> wrote BENCHMARKS.md"
