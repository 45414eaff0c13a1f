#!/usr/bin/env bash
# Publishes the Functions app the way azd deploys it (Release, framework-dependent; linux-x64 comes
# from Functions.csproj, since azd passes no runtime identifier, and is repeated here),
# prints the published size, and checks that the TorchSharp GLIBCXX fix reached the published
# libLibTorchSharp.so (build/TorchSharp.targets, WeakenTorchSharpGlibcxxAfterPublish).
#   scripts/publish-functions.sh [output-dir]     default: artifacts/functions
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/functions}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

rm -rf "$out"
# Normal verbosity so that the log carries the GLIBCXX task's message; show only what matters.
dotnet publish src/Functions -c Release -r linux-x64 --self-contained false -o "$out" -v:n >"$log" 2>&1 || true
grep -E ": (error|warning) |Marked the GLIBCXX| -> " "$log" | grep -v NU1603 | sed 's/^ *//' | sort -u || true
status=$(grep -qE "Build FAILED|: error " "$log" && echo 1 || echo 0)
if [ "$status" -ne 0 ]; then
  tail -n 30 "$log" >&2
  echo "publish-functions: dotnet publish failed" >&2
  exit "$status"
fi

bytes=$(du -sb "$out" | cut -f1)
echo "publish-functions: published size $(du -sh "$out" | cut -f1) ($bytes bytes, $(find "$out" -type f | wc -l) files) in $out"
echo "publish-functions: largest files:"
find "$out" -type f -printf '%s\t%p\n' | sort -rn | awk -F'\t' 'NR <= 5 {printf "  %8.1f MB  %s\n", $1 / 1048576, $2}'

lib="$out/libLibTorchSharp.so"
if [ ! -f "$lib" ]; then
  echo "publish-functions: no libLibTorchSharp.so in the output; nothing to check"
  exit 0
fi

# The Functions host image (Debian 12) ships libstdc++ up to GLIBCXX_3.4.30; the library asks
# for 3.4.32, so the requirement must be weak or the worker cannot load TorchSharp in Azure.
if command -v readelf >/dev/null 2>&1; then
  requirement=$(readelf -V --wide "$lib" | grep -E "Name: GLIBCXX_3\.4\.32" || true)
  if [ -z "$requirement" ]; then
    echo "publish-functions: libLibTorchSharp.so does not require GLIBCXX_3.4.32"
  elif echo "$requirement" | grep -q "Flags: WEAK"; then
    echo "publish-functions: libLibTorchSharp.so GLIBCXX_3.4.32 requirement is WEAK (fix applied)"
  else
    echo "publish-functions: libLibTorchSharp.so still REQUIRES GLIBCXX_3.4.32 (fix not applied):" >&2
    echo "  $requirement" >&2
    echo "  The publish step (WeakenTorchSharpGlibcxxAfterPublish) did not mark it weak;" >&2
    echo "  the Functions host in Azure does not provide it." >&2
    exit 1
  fi
elif grep -q "Marked the GLIBCXX_3.4.32 requirement" "$log"; then
  echo "publish-functions: GLIBCXX_3.4.32 requirement marked weak during publish (readelf not available to re-check)"
else
  echo "publish-functions: readelf not available and the publish log does not show the GLIBCXX fix" >&2
  exit 1
fi
