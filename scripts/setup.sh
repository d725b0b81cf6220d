#!/usr/bin/env bash
# Installs what Veldwerk needs on a Debian/Ubuntu machine, skipping what is already there:
# Debian packages (WebKitGTK, SQLCipher's libcrypto, keyring, Xvfb, poppler...), Rust (rustup),
# Node.js >= 20, the UI's npm packages and tauri-driver (for the end-to-end tests).
# Usage: scripts/setup.sh [--runtime-only]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
runtime_only=0
[ "${1:-}" = "--runtime-only" ] && runtime_only=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages --------------------------------------------------------------------------
pkgs=(build-essential curl ca-certificates file pkg-config libssl-dev libdbus-1-dev
      libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
      xvfb xauth dbus-x11 gnome-keyring fonts-dejavu-core)
if [ "$runtime_only" -eq 0 ]; then
  pkgs+=(webkit2gtk-driver poppler-utils sqlite3 xz-utils)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
else
  say "Debian packages: all present"
fi

# Rust ---------------------------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "Installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
say "Rust: $(cargo --version)"

# Node.js 20.19+ or 22.12+ (what Vite 8 needs) ------------------------------------------------
node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number);
    process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a >= 23 ? 0 : 1)' 2>/dev/null
}
if ! node_ok; then
  local_node="$HOME/.local/node"
  if [ -x "$local_node/bin/node" ]; then
    export PATH="$local_node/bin:$PATH"
  else
    say "Installing Node.js 22 into $local_node"
    ver=v22.12.0
    curl -fsSL "https://nodejs.org/dist/$ver/node-$ver-linux-x64.tar.xz" -o /tmp/node.tar.xz
    mkdir -p "$local_node"
    tar -xJf /tmp/node.tar.xz -C "$local_node" --strip-components=1
    export PATH="$local_node/bin:$PATH"
  fi
fi
say "Node: $(node --version), npm $(npm --version)"

# UI packages -------------------------------------------------------------------------------
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund)
else
  say "UI packages: up to date"
fi

# tauri-driver (end-to-end tests) ----------------------------------------------------------------
if [ "$runtime_only" -eq 0 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
