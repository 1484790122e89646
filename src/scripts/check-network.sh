#!/usr/bin/env bash
# Proves the network rule: runs the test suite (offline Maven, after test.sh has set everything up once)
# while tcpdump watches every interface, and fails if any packet left loopback. Needs root and tcpdump
# (apt-get install tcpdump). Usage: sudo bash src/scripts/check-network.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
command -v tcpdump >/dev/null || { echo "check-network: tcpdump is not installed (apt-get install tcpdump)" >&2; exit 2; }
log=$(mktemp)
tcpdump -i any -n -l 'not net 127.0.0.0/8 and not ip6 host ::1 and not arp and not icmp6' >"$log" 2>/dev/null &
watcher=$!
trap 'kill "$watcher" 2>/dev/null || true' EXIT
sleep 2
status=0
mvn -B -q -o verify "$@" || status=$?
sleep 1
kill "$watcher" 2>/dev/null || true
wait "$watcher" 2>/dev/null || true
packets=$(grep -c . "$log" || true)
if [ "$packets" -gt 0 ]; then
  echo "check-network: $packets packet(s) left loopback during the tests:" >&2
  head -20 "$log" >&2
  exit 1
fi
echo "check-network: no packet left loopback during the test suite (mvn exit $status)"
exit "$status"
