#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, then removes the entries it reports as gone (RS0017).
# Usage: bash eng/update-public-api.sh src/Kyaml
set -euo pipefail
dir=${1:?usage: update-public-api.sh src/<Package>}
file="$dir/PublicAPI.Unshipped.txt"
log=$(mktemp)
dotnet build "$dir" -c Release --no-incremental -p:TreatWarningsAsErrors=false 2>&1 >"$log" || true
grep -o "RS0016: Symbol '[^']*'" "$log" | sed "s/^RS0016: Symbol '//; s/'\$//" | sort -u >"$log.add" || true
grep -o "RS0017: Symbol '[^']*'" "$log" | sed "s/^RS0017: Symbol '//; s/'\$//" | sort -u >"$log.remove" || true
{ grep -v '^#nullable' "$file" || true; cat "$log.add"; } | grep -vxF -f "$log.remove" | sort -u >"$log.new" || true
{ echo '#nullable enable'; cat "$log.new"; } >"$file"
echo "added $(wc -l <"$log.add"), removed $(wc -l <"$log.remove") in $file"
rm -f "$log" "$log.add" "$log.remove" "$log.new"
