#!/usr/bin/env bash
# Adds every symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, then builds again. Review the diff: it is the public API change.
# Usage: eng/update-public-api.sh src/CollabMetrics
set -euo pipefail
project_dir=${1:?usage: eng/update-public-api.sh PROJECT_DIR}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
log=$(mktemp)
dotnet build "$project_dir" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 >"$log" || true
grep -o "RS0016: Symbol '[^']*'" "$log" | sed "s/^RS0016: Symbol '//; s/'$//" | sort -u >"$log.symbols" || true
if [ -s "$log.symbols" ]; then
  { cat "$unshipped"; cat "$log.symbols"; } | grep -v '^#nullable enable$' | sort -u >"$log.merged"
  { echo '#nullable enable'; cat "$log.merged"; } >"$unshipped"
  echo "added $(wc -l <"$log.symbols") symbols to $unshipped"
else
  echo "no undeclared symbols"
fi
rm -f "$log" "$log.symbols" "$log.merged"
