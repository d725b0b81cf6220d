#!/usr/bin/env bash
# Benchmarks on a generated replica of 100,000 devices / 50,000 residents:
#  1. the store: open + Today, Today, search p50/p95, each beside the same work as raw SQL on
#     the same file (ratio goal <= 1.2x; absolute goals: open+Today < 50 ms, search p95 < 5 ms);
#     and the guided jobs (open, save an answer, complete) beside the same statements raw;
#  2. photos: a 12 MP JPEG to an upright 2048 px image and its thumbnail, beside vipsthumbnail
#     and ImageMagick (crates/media, media-bench);
#  3. documents: the user agreement with two signatures, beside headless Chromium printing
#     the same page (crates/docs, docs-bench);
#  4. the sync: the initial pull of 5,000 devices beside inserting the same rows directly, the
#     end-of-shift push of 30 jobs and 150 photos beside curl (crates/sync, sync_bench);
#  5. the app: time from launch to Today drawn, and resident memory with that replica open,
#     measured on the release build in a real window under Xvfb.
# Writes BENCHMARKS.md. Usage: scripts/bench.sh [--store-only]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# the full setup: vips, ImageMagick and Chromium are the photo and document references
scripts/setup.sh >/dev/null
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
  echo "==> photo benchmark (release)"
  cargo build --release -q -p veldwerk-media --bin media-bench
  "$target/release/media-bench" | tee "$dir/media.txt" || echo "(media-bench exit $?)" | tee -a "$dir/media.txt"
  echo "==> documents benchmark (release)"
  cargo build --release -q -p veldwerk-docs --bin docs-bench
  "$target/release/docs-bench" | tee "$dir/docs.txt" || echo "(docs-bench exit $?)" | tee -a "$dir/docs.txt"

  echo "==> sync benchmark (release; a portal on loopback)"
  scripts/bench_sync.sh | tee "$dir/sync.txt" || echo "(sync_bench exit $?)" | tee -a "$dir/sync.txt"

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
