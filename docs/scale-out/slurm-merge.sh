#!/usr/bin/env bash
# The final step: merge every shard's cube, then answer tables from the merged cube.
# Submit after the array job: sbatch --dependency=afterok:<array job id> slurm-merge.sh
#SBATCH --job-name=cm-cube-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=logs/merge-%j.log
set -euo pipefail
collabmetrics cube merge cubes/shard-*.cube --out snapshot.cube
collabmetrics partners --cube snapshot.cube --focus CN --window 5 --output csv --out partners-cn.csv
collabmetrics pairs --cube snapshot.cube --by all --output csv --out pairs.csv
