#!/usr/bin/env bash
# Times a packaged Highwater from launch to its first window, and to the embedded demo's Kafka port accepting
# (what the status bar reports as ready). Needs a display (a desktop, or Xvfb), xdotool, and port 9092 free.
# Usage: packaging/startup-time.sh [launcher]   (default: target/installer/Highwater/bin/Highwater)
set -euo pipefail
launcher="${1:-target/installer/Highwater/bin/Highwater}"
if (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then echo "port 9092 is already in use" >&2; exit 1; fi
home="$(mktemp -d)"
now_ms() { date +%s%3N; }
start=$(now_ms)
HIGHWATER_HOME="$home" "$launcher" >"$home/out.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$home"' EXIT
window="" port=""
while [ -z "$window" ] || [ -z "$port" ]; do
  if [ -z "$window" ] && xdotool search --name '^Highwater' >/dev/null 2>&1; then window=$(( $(now_ms) - start )); fi
  if [ -z "$port" ] && (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then port=$(( $(now_ms) - start )); fi
  if [ $(( $(now_ms) - start )) -gt 120000 ]; then echo "not ready after 120 s" >&2; exit 1; fi
  sleep 0.1
done
echo "first window: ${window} ms; demo Kafka accepting on 9092: ${port} ms"
