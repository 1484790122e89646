#!/usr/bin/env bash
# Regenerates reports/examples/: the JSON, JSONL, CSV and HTML of a `demo` run (built-in servers on
# loopback, no network), and a screenshot of the HTML report taken with headless Chromium (if installed).
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
mvn -q -B -DskipTests package
out=reports/examples
mkdir -p "$out"
java -jar target/smtpscope.jar demo -q \
  --json "$out/demo.json" --jsonl "$out/demo.jsonl" \
  --csv "$out/demo.csv" --csv-findings "$out/demo-findings.csv" --html "$out/demo.html"
chmod 644 "$out"/demo*
if command -v chromium >/dev/null 2>&1; then
  profile=$(mktemp -d)
  trap 'rm -rf "$profile"' EXIT
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$profile" --window-size=1280,1500 --screenshot="$PWD/$out/demo-html.png" \
    "file://$PWD/$out/demo.html" 2>/dev/null
else
  echo "chromium not installed: $out/demo-html.png not refreshed (src/test/setup/30-chromium.sh installs it)" >&2
fi
ls -l "$out"
