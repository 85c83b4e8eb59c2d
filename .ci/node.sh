# Sourced by .ci/run: puts Node.js of the given version (default: the one in .nvmrc) first on PATH, from
# the npm registry's node-<os>-<arch> package (the binary the `node` package installs, with its headers),
# so CI needs no Node beyond the registry, and native addons build against that version's headers.
use_node() {
  local version=${1:-$(cat "$(dirname "${BASH_SOURCE[0]}")/../.nvmrc")}
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "no Node.js package for $(uname -m)" >&2; return 1 ;;
  esac
  local package="node-linux-$arch"
  local dir="${MOBIPASS_TOOLS:-$HOME/.cache/mobipass}/node-$version"
  local home="$dir/node_modules/$package"
  if [ ! -x "$home/bin/node" ]; then
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$package@$version" >/dev/null
  fi
  export PATH="$home/bin:$PATH"
  export npm_config_nodedir="$home"
  hash -r
}
