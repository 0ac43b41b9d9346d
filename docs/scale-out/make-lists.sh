#!/usr/bin/env bash
# Splits the works files of an OpenAlex snapshot into N lists of about equal size in bytes
# (largest file first, each to the list with the fewest bytes so far). Each file goes to exactly one list,
# so the shards partition the works: in a snapshot each work is in one file only.
# Usage: make-lists.sh SNAPSHOT_DIR N   -> shards/list-000 ... shards/list-<N-1>
set -euo pipefail
snapshot=${1:?usage: make-lists.sh SNAPSHOT_DIR N}
n=${2:?usage: make-lists.sh SNAPSHOT_DIR N}
mkdir -p shards
rm -f shards/list-*
find "$snapshot/data/works" -name '*.gz' -printf '%s %p\n' | sort -rn | awk -v n="$n" '
  { best = 0; for (i = 1; i < n; i++) if (size[i] < size[best]) best = i
    size[best] += $1; sub(/^[0-9]+ /, ""); printf "%s\n", $0 > sprintf("shards/list-%03d", best) }'
ls shards | wc -l
