#!/usr/bin/env bash
# Installs what is missing and starts Veldwerk with generated demo data.
# The replica lives in $VELDWERK_DATA_DIR (default: ~/.local/share/veldwerk-demo; a fresh
# temporary folder when a throwaway keyring is used); delete that folder to start afresh. Without a desktop session (no DISPLAY) the app runs under Xvfb, and
# without a keyring service a throwaway one is started for this session.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --runtime-only
export PATH="$HOME/.cargo/bin:$HOME/.local/node/bin:$PATH"
export VELDWERK_DEMO=1
# A desktop session (a display and a session bus) has an unlocked login keyring; anything
# else (a server, an SSH login, CI) gets a throwaway keyring for this demo.
desktop=0
if { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  desktop=1
fi
if [ "$desktop" -eq 0 ] && [ -z "${VELDWERK_DATA_DIR:-}" ]; then
  # A throwaway keyring forgets the replica's key, so the replica is throwaway too.
  VELDWERK_DATA_DIR="$(mktemp -d -t veldwerk-demo.XXXXXX)"
fi
export VELDWERK_DATA_DIR="${VELDWERK_DATA_DIR:-$HOME/.local/share/veldwerk-demo}"
mkdir -p "$VELDWERK_DATA_DIR"
echo "Demo replica: $VELDWERK_DATA_DIR"

run='ui/node_modules/.bin/tauri dev'
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: running under Xvfb (screen :99)."
  run="xvfb-run -a -s '-screen 0 1280x900x24' $run"
fi
if [ "$desktop" -eq 0 ]; then
  echo "No desktop session: starting a throwaway keyring for this demo."
  export XDG_DATA_HOME="$(mktemp -d -t veldwerk-keyring.XXXXXX)"
  exec dbus-run-session -- sh -c "echo -n demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null; $run"
fi
eval "exec $run"
