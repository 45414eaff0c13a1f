#!/usr/bin/env bash
# One entry point for the common tasks:
#   ./build.sh test     start Azurite if needed, restore, build and run every test project
#   ./build.sh demo     train on the bundled sample with the runner CLI, then predict
#   ./build.sh local    the whole platform locally (DevHost): upload the sample, follow the job, predict
#   ./build.sh bench    print the benchmark figures (not part of the test run)
set -euo pipefail
cd "$(dirname "$0")"
command="${1:-test}"
shift || true

case "$command" in
  test)
    # Integration tests use Azurite (installed from npm into tools/azurite on first use; left running).
    scripts/azurite.sh start
    dotnet build Platform.sln -c Release
    log=$(mktemp)
    status=0
    dotnet test Platform.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
    # One summary line over all test projects.
    awk '/^ +Passed: +[0-9]+/ {p += $2} /^ +Failed: +[0-9]+/ {f += $2} /^ +Skipped: +[0-9]+/ {s += $2}
         END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}' "$log"
    # The failing tests by name, last, so that the tail of a CI log always says which ones failed.
    grep -E '^ +Failed [A-Za-z_][A-Za-z0-9_.]*' "$log" | sed 's/^ */failed: /' || true
    rm -f "$log"
    exit "$status"
    ;;
  demo)
    dotnet build src/GpuJobRunner -c Release
    runner=(dotnet src/GpuJobRunner/bin/Release/net10.0/Platform.GpuJobRunner.dll)
    out="${DEMO_OUT:-out/demo-model}"
    "${runner[@]}" train --data samples/sst2-sample.csv --out "$out" --epochs 1 --lr 1e-4 --max-length 64 "$@"
    "${runner[@]}" predict --model "$out" "a gripping, beautifully acted film" "a dull and lifeless mess"
    ;;
  local)
    # The whole event-driven platform on this machine (DevHost): upload the bundled sample to Azurite,
    # follow the job through the HTTP routes, predict when the model is published.
    scripts/azurite.sh start
    dotnet build src/DevHost -c Release
    dotnet run --project src/DevHost -c Release --no-build -- --demo "$PWD/samples/sst2-sample.csv" "$@"
    ;;
  bench)
    dotnet run --project benchmarks/Benchmarks -c Release -- "$@"
    ;;
  *)
    echo "usage: ./build.sh [test|demo|local|bench]" >&2
    exit 2
    ;;
esac
