#!/usr/bin/env bash
# Build the pinned Vale release, the oracle of the Vale-compatibility tests,
# into copydesk's cache folder, once (go install from the Go module proxy).
# Prints the binary's path. Exit 3 when Go is missing, 1 when the build fails.
#
# v3.22.0 is the newest release the module proxy builds today: v3.23.0 and
# later need a cascadia pseudo-version the proxy refuses.
set -euo pipefail
version="${VALE_VERSION:-v3.22.0}"
dest="${COPYDESK_VALE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk/vale/$version}"
if [ -x "$dest/vale" ]; then
  echo "$dest/vale"
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "build-vale: Go is not installed (apt-get install golang)" >&2; exit 3; }
mkdir -p "$dest"
# The C compiler's warnings from tree-sitter go to the log, not the terminal.
if ! GOBIN="$dest" GOFLAGS=-mod=mod go install "github.com/vale-cli/vale/v3/cmd/vale@$version" >"$dest/build.log" 2>&1; then
  grep -v 'warning\|parser\.c\|^ *[0-9]* |\|^ *|' "$dest/build.log" | tail -3 >&2
  echo "build-vale: building Vale $version failed (log: $dest/build.log)" >&2
  exit 1
fi
echo "$dest/vale"
