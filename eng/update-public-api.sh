#!/usr/bin/env bash
# Brings a project's PublicAPI.Unshipped.txt in line with its public surface: adds every symbol the
# PublicApiAnalyzers report as undeclared (RS0016), removes every declared symbol that no longer exists
# (RS0017), rewrites declarations whose nullability annotations changed (RS0036, as when a struct becomes a
# class), and keeps the file sorted (ordinal). Review the diff: it is the public API change.
# Usage: eng/update-public-api.sh src/CollabMetrics
set -euo pipefail
project_dir=${1:?usage: eng/update-public-api.sh PROJECT_DIR}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
log=$(mktemp)
export LC_ALL=C
dotnet build "$project_dir" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 >"$log" || true
grep -o "RS0016: Symbol '[^']*'" "$log" | sed "s/^RS0016: Symbol '//; s/'$//" | sort -u >"$log.added" || true
grep -o "RS0017: Symbol '[^']*'" "$log" | sed "s/^RS0017: Symbol '//; s/'$//" | sort -u >"$log.removed" || true
grep -o "RS0036: Symbol '[^']*'" "$log" | sed "s/^RS0036: Symbol '//; s/'$//" | sort -u >"$log.annotated" || true
# A declaration without annotations matches its annotated symbol once '?', '!' and a leading '~' are removed.
sed 's/[?!]//g' "$log.annotated" >"$log.bare"
grep -v '^#nullable enable$' "$unshipped" | grep -vxF -f "$log.removed" \
  | awk -v bare="$log.bare" 'BEGIN { while ((getline line < bare) > 0) drop[line] = 1 } { key = $0; sub(/^~/, "", key); gsub(/[?!]/, "", key); if (!(key in drop)) print }' \
  | cat - "$log.added" "$log.annotated" | sed '/^$/d' | sort -u >"$log.merged" || true
{ echo '#nullable enable'; cat "$log.merged"; } >"$unshipped"
echo "added $(wc -l <"$log.added"), removed $(wc -l <"$log.removed"), re-annotated $(wc -l <"$log.annotated") symbols in $unshipped"
rm -f "$log" "$log.added" "$log.removed" "$log.annotated" "$log.bare" "$log.merged"
