#!/usr/bin/env bash
# Installs what is missing and starts Veldwerk with demo data, logged in to a seeded supplier
# portal on this computer (http://127.0.0.1:$VELDWERK_PORTAL_PORT, default 8080). Prints the
# office view's address and the logins. Stop with Ctrl+C (or close the window): the portal
# stops with the app.
#   scripts/demo.sh            the app and a portal (the app logs in as the first mechanic)
#   scripts/demo.sh --offline  the app alone with generated demo data, as before the portal
# The replica and the portal's files live in $VELDWERK_DATA_DIR (default:
# ~/.local/share/veldwerk-demo; a fresh temporary folder when a throwaway keyring is used);
# delete that folder to start afresh. Without a desktop session (no DISPLAY) the app runs
# under Xvfb, and without a keyring service a throwaway one is started for this session.
set -euo pipefail
cd "$(dirname "$0")/.."
offline=0
[ "${1:-}" = "--offline" ] && offline=1
scripts/setup.sh --runtime-only
export PATH="$HOME/.cargo/bin:$HOME/.local/node/bin:$PATH"
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

portal_pid=""
stop_portal() {
  if [ -n "$portal_pid" ]; then kill "$portal_pid" 2>/dev/null || true; fi
}
trap stop_portal EXIT INT TERM

if [ "$offline" -eq 1 ]; then
  export VELDWERK_DEMO=1
else
  unset VELDWERK_DEMO
  port="${VELDWERK_PORTAL_PORT:-8080}"
  pdir="$VELDWERK_DATA_DIR/portal"
  mkdir -p "$pdir"
  echo "Building the portal (cargo build -p veldwerk-portal)..."
  cargo build -q -p veldwerk-portal
  portal_bin="${CARGO_TARGET_DIR:-target}/debug/veldwerk-portal"
  if [ ! -f "$pdir/portal.db" ]; then
    # the same data the offline demo shows: 6 technicians, anchored on today
    "$portal_bin" seed --db "$pdir/portal.db" --technicians 6 | tee "$pdir/seed.txt"
  fi
  # the first mechanic: their first working day shows every kind of guided job
  login=$(sed -n 's/^  \(.*\) (mechanic)$/\1/p' "$pdir/seed.txt" | head -n1)
  "$portal_bin" serve --db "$pdir/portal.db" --blobs "$pdir/blobs" --addr "127.0.0.1:$port" &
  portal_pid=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
  done
  export VELDWERK_PORTAL_URL="http://127.0.0.1:$port"
  export VELDWERK_PORTAL_LOGIN="$login"
  export VELDWERK_PORTAL_PASSWORD="veldwerk-demo"
  cat <<EOF

Portal:       $VELDWERK_PORTAL_URL   (files in $pdir)
Office view:  $VELDWERK_PORTAL_URL/kantoor   login: kantoor / kantoor-demo
Municipality: $VELDWERK_PORTAL_URL/gemeente  logins: in $pdir/seed.txt, password gemeente-demo
Technicians:  the names in $pdir/seed.txt, password veldwerk-demo
The app logs in as: $login

EOF
fi

run='ui/node_modules/.bin/tauri dev'
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: running under Xvfb (screen :99)."
  run="xvfb-run -a -s '-screen 0 1280x900x24' $run"
fi
if [ "$desktop" -eq 0 ]; then
  echo "No desktop session: starting a throwaway keyring for this demo."
  export XDG_DATA_HOME="$(mktemp -d -t veldwerk-keyring.XXXXXX)"
  dbus-run-session -- sh -c "echo -n demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null; $run"
else
  eval "$run"
fi
