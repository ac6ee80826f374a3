#!/usr/bin/env bash
# Installs what building, running and testing JWT Workbench needs on a fresh Debian/Ubuntu
# machine. Safe to run again: it installs only what is missing.
#   - runtime libraries for the window (OpenGL/EGL through Mesa, xkbcommon for X11) and Xvfb,
#     for the test that runs the real window and SIGKILLs it
#   - python3 with PyJWT, python-jose and jwcrypto, for the interoperability tests
# Optional: `.ci/setup.sh --screenshots` also installs Xvfb, ImageMagick and xdotool.
set -euo pipefail

want=(libgl1 libegl1 libgl1-mesa-dri libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 xvfb python3 python3-pip)
if [[ "${1:-}" == "--screenshots" ]]; then
  want+=(imagemagick xdotool)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! python3 -c "import jwt, jose, jwcrypto, cryptography" 2>/dev/null; then
  pkgs=("pyjwt[crypto]" "python-jose[cryptography]" "jwcrypto==1.6.1")
  python3 -m pip install --quiet --disable-pip-version-check "${pkgs[@]}" \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${pkgs[@]}"
fi
echo "setup: ready"
