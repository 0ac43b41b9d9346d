#!/usr/bin/env bash
# Runs the benchmarks with fixed arguments and copies the result tables to benchmarks/results/.
# Usage: benchmarks/run.sh [all|verify|memory|ingest|parsers|aggregation|compare|process|institutions|reference|endtoend|metrics|impact|stream|parquet]...
# Generated input files are cached in $COLLABMETRICS_BENCH_DATA (default: a folder in the temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
project=benchmarks/CollabMetrics.Benchmarks
results=benchmarks/results
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$project" -v quiet -nologo
bench() { dotnet "$project/bin/Release/net10.0/CollabMetrics.Benchmarks.dll" "$@"; }

# The tool as `dotnet tool install` gives it on this machine: its package's runtime-specific publish (framework-
# dependent, ReadyToRun code), into artifacts/cli/RID, where the process modes look for it first.
publish_cli() {
  local rid
  rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
  dotnet publish src/CollabMetrics.Cli -c Release -r "$rid" -p:UseAppHost=false -o "artifacts/cli/$rid" -v quiet -nologo
}

suite() {
  bench --filter "*.$1.*" --exporters GitHub --artifacts BenchmarkDotNet.Artifacts
  cp BenchmarkDotNet.Artifacts/results/*"$1"-report-github.md "$results/"
}

machine() {
  {
    echo "| | |"
    echo "|---|---|"
    echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
    echo "| Cores (nproc) | $(nproc) |"
    echo "| Memory | $(free -g | awk '/^Mem:/ {print $2 " GB"}') |"
    echo "| OS | $(uname -sr) |"
    echo "| .NET | $(dotnet --version) |"
  } >"$results/machine.md"
}

run() {
  case "$1" in
    ingest) suite IngestBenchmarks ;;
    aggregation) suite CubeVsDuckDbBenchmarks ;;
    reference) suite CubeVsReferenceBenchmarks ;;
    endtoend) suite EndToEndBenchmarks; suite OneTableBenchmarks ;;
    parsers) suite CsvParserBenchmarks; suite OpenAlexIngestBenchmarks ;;
    parquet) suite ParquetWriteBenchmarks ;;
    metrics) suite MetricsBenchmarks ;;
    impact)
      suite ImpactBenchmarks
      { bench impact 1000000 3; echo; bench impact 7000000 2; } >"$results/impact.md" ;;
    memory)
      { bench memory 1000000; bench memory 7000000 | tail -n +3; } >"$results/memory.md"
      { bench cubememory 1000000; bench cubememory 7000000 | tail -n +3; } >"$results/cube-memory.md" ;;
    stream) { bench stream 50000000; bench streampairs 50000000 | tail -n +3; } >"$results/stream.md" ;;
    verify) bench verify 200000 >"$results/verify.md" ;;
    compare)
      { bench compare 1000000 3; bench compare 7000000 2 | tail -n +3; } >"$results/compare.md"
      bench comparetable 1000000 3 >"$results/compare-one-table.md" ;;
    process)
      publish_cli
      bench process 1000000 5 >"$results/process.md"
      bench process 1000000 3 jsonl jsonl.gz pairs countries partners >"$results/process-openalex.md"
      bench process 1000000 3 csv.gz pairs countries partners >"$results/process-csvgz.md"
      bench profile 1000000 >"$results/profile.md" ;;
    institutions) bench institutions 1200000 >"$results/institutions.md" ;;
    *) echo "unknown suite: $1" >&2; exit 2 ;;
  esac
}

machine
if [ "$#" -eq 0 ] || [ "$1" = all ]; then
  set -- verify memory ingest parsers aggregation compare process institutions reference endtoend metrics impact stream
fi
for s in "$@"; do run "$s"; done
