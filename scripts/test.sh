#!/usr/bin/env bash
# Runs every test of Veldwerk: formatting and lints, the UI's type check and component tests,
# all Rust unit/property/integration tests (including the binding drift check), the keyring
# tests against a real Secret Service, and the end-to-end tests in the real app window under
# Xvfb. Installs what is missing first (scripts/setup.sh).
# Usage: scripts/test.sh [--no-e2e]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

e2e=1
[ "${1:-}" = "--no-e2e" ] && e2e=0

scripts/setup.sh
export PATH="$HOME/.cargo/bin:$HOME/.local/node/bin:$PATH"
target="${CARGO_TARGET_DIR:-$root/target}"
export CARGO_TERM_COLOR=never

summary=()
step() {
  local name="$1"; shift
  printf '\n==> %s\n$ %s\n' "$name" "$*"
  local t0=$SECONDS
  "$@"
  local dt=$((SECONDS - t0))
  summary+=("$(printf '%-42s %4ds' "$name" "$dt")")
}

in_keyring_session() {
  # A private session bus with a fresh, unlocked gnome-keyring: a real Secret Service that
  # never touches the user's own keyrings (they live under XDG_DATA_HOME).
  local home; home=$(mktemp -d -t veldwerk-keyring.XXXXXX)
  XDG_DATA_HOME="$home" dbus-run-session -- sh -c 'echo -n veldwerk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
  local rc=$?
  rm -rf "$home"
  return $rc
}

step "rustfmt" cargo fmt --all -- --check
step "no import cycles between modules" python3 scripts/check_cycles.py
step "UI: npm run check (svelte-check)" npm --prefix ui run check
step "UI: npm test (vitest)" npm --prefix ui test
step "UI: npm run build" npm --prefix ui run build
step "clippy (all targets, -D warnings)" cargo clippy --workspace --all-targets -- -D warnings
step "cargo test --workspace" cargo test --workspace
step "keyring tests (real Secret Service)" in_keyring_session \
  cargo test -p veldwerk-store --test keyring -- --ignored --test-threads=1
step "keyring: the portal token (real Secret Service)" in_keyring_session \
  cargo test -p veldwerk-sync --test keyring -- --ignored --test-threads=1

if [ "$e2e" -eq 1 ]; then
  # The E2E binary is built by the Tauri CLI (embedded assets, no dev server) in its own
  # target dir, so it does not invalidate the test build above.
  step "E2E: build the app (tauri build --debug --no-bundle)" \
    env CARGO_TARGET_DIR="$target/e2e" ui/node_modules/.bin/tauri build --debug --no-bundle
  export VELDWERK_E2E_APP="$target/e2e/debug/veldwerk"
  export VELDWERK_E2E_ARTIFACTS="$root/artifacts/e2e"
  rm -rf "$VELDWERK_E2E_ARTIFACTS"
  step "E2E: tests in the real window (Xvfb, tauri-driver)" in_keyring_session \
    xvfb-run -a -s "-screen 0 1280x900x24" \
    cargo test -p veldwerk-e2e -- --ignored --test-threads=1 --nocapture
  echo "Screenshots: $VELDWERK_E2E_ARTIFACTS"; ls -1 "$VELDWERK_E2E_ARTIFACTS" || true
fi

printf '\n==> All tests passed\n'
printf '%s\n' "${summary[@]}"
