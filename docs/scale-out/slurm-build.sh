#!/usr/bin/env bash
# One cube per shard: array task i reads the files listed in shards/list-<i> (one path a line).
# Submit with: sbatch --array=0-$((N - 1)) slurm-build.sh   (N = number of lists, see make-lists.sh)
#SBATCH --job-name=cm-cube-build
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=logs/build-%A_%a.log
set -euo pipefail
list=$(printf 'shards/list-%03d' "$SLURM_ARRAY_TASK_ID")
mapfile -t files <"$list"
mkdir -p cubes
# Every shard must be built with the same options (territory, level, years, technology, document filter,
# technology map, limits): the header of each cube records them and 'cube merge' refuses cubes that differ.
# The document filter here keeps articles and reviews with at most 100 authors (retracted works and paratext
# are left out by default); drop or change these options as the study needs, the same for every shard.
collabmetrics cube build --quiet --level country --territory iso \
  --types article,review --max-authors 100 \
  --out "$(printf 'cubes/shard-%03d.cube' "$SLURM_ARRAY_TASK_ID")" --input "${files[@]}"
