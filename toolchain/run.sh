#!/usr/bin/env bash
# Installs what is missing, builds, and opens the ticker's preview window on
# the bundled demo content (or the sources given as arguments). Where there is
# no display it renders offscreen and says where it wrote the screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
toolchain/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
exec build/ticker --window "$@"
