#!/usr/bin/env bash
# Build the server (build/) and the browser app (web/dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build --buildtype=debugoptimized >/dev/null
ninja -C build >/dev/null
npm run --silent build:web
