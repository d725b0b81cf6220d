#!/usr/bin/env bash
# Installs what Veldwerk needs on a Debian/Ubuntu machine, skipping what is already there:
# Debian packages (WebKitGTK, SQLCipher's libcrypto, keyring, Xvfb, poppler...), Rust (rustup),
# Node.js >= 20, the UI's npm packages, tauri-driver (for the end-to-end tests) and aiosmtpd
# (the portal's message tests).
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
      xvfb xauth dbus-x11 gnome-keyring fonts-dejavu-core xz-utils)
if [ "$runtime_only" -eq 0 ]; then
  # libvips-tools and imagemagick: the references of the photo benchmark (media-bench);
  # chromium (+ chromium-driver): the documents benchmark's reference and the office view's tests.
  # python3-pip: aiosmtpd, the SMTP server of the portal's message tests (installed below).
  pkgs+=(webkit2gtk-driver poppler-utils sqlite3 python3 python3-pip libvips-tools imagemagick
         chromium chromium-driver)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  say "Debian packages: all present"
fi

# aiosmtpd: a real SMTP server for the portal's message tests --------------------------------
if [ "$runtime_only" -eq 0 ]; then
  if python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    say "aiosmtpd: present"
  else
    say "Installing aiosmtpd (pip, for this user)"
    # Debian 12+ marks the system Python externally managed: pip then wants the flag
    python3 -m pip install --user --quiet aiosmtpd 2>/dev/null \
      || python3 -m pip install --user --quiet --break-system-packages aiosmtpd
  fi
fi

# Rust (the workspace's rust-version or newer, with rustfmt and clippy) -----------------------
need_rust=$(sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
rust_ok() {
  command -v rustc >/dev/null 2>&1 || return 1
  have=$(rustc --version | awk '{print $2}')
  [ "$(printf '%s\n%s\n' "$need_rust" "$have" | sort -V | head -n1)" = "$need_rust" ]
}
if ! rust_ok; then
  if command -v rustup >/dev/null 2>&1; then
    say "Rust older than $need_rust: updating the stable toolchain with rustup"
    rustup toolchain install stable --profile minimal -c clippy,rustfmt
    rustup default stable
  else
    say "Installing Rust with rustup (the system's Rust, if any, is older than $need_rust)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  hash -r
  if ! rust_ok; then
    echo "Rust $need_rust or newer is needed; found $(rustc --version 2>/dev/null || echo none) first on PATH." >&2
    echo "Put \$HOME/.cargo/bin first on PATH (or remove the older Rust) and run this again." >&2
    exit 1
  fi
fi
if [ "$runtime_only" -eq 0 ] && command -v rustup >/dev/null 2>&1; then
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
fi
say "Rust: $(cargo --version) (needs $need_rust or newer)"

# Node.js 20.19+ or 22.12+ (what Vite 8 needs) ------------------------------------------------
node_ok() {
  command -v npm >/dev/null 2>&1 || return 1
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
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64|arm64) arch=arm64 ;;
      *) echo "No Node.js download for $(uname -m); install Node.js 22 yourself." >&2; exit 1 ;;
    esac
    curl -fsSL "https://nodejs.org/dist/$ver/node-$ver-linux-$arch.tar.xz" -o /tmp/node.tar.xz
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
