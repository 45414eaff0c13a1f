#!/usr/bin/env bash
# Azurite for DevHost and the integration tests.
#   scripts/azurite.sh install   npm-install the pinned version into tools/azurite (idempotent)
#   scripts/azurite.sh start     start it in the background on the default ports unless one is already listening
#   scripts/azurite.sh stop      stop the instance this script started
# The server binary is started directly (not through npx) so it can be stopped by PID.
# --skipApiVersionCheck: the current Azure.Storage SDK sends a newer API version than Azurite knows.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/tools/azurite"
data="$root/.azurite"
pidfile="$data/azurite.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "${1:-start}" in
  install)
    if [ ! -x "$tool/node_modules/.bin/azurite" ]; then
      (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    ;;
  start)
    if listening 10000 && listening 10001 && listening 10002; then
      echo "Azurite is already listening on 10000-10002."
      exit 0
    fi
    "$0" install
    mkdir -p "$data"
    "$tool/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --location "$data" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$data/azurite.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
      if listening 10000 && listening 10001 && listening 10002; then
        echo "Azurite started (pid $(cat "$pidfile"))."
        exit 0
      fi
      sleep 0.2
    done
    echo "Azurite did not start; see $data/azurite.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    fi
    ;;
  *)
    echo "usage: scripts/azurite.sh [install|start|stop]" >&2
    exit 2
    ;;
esac
