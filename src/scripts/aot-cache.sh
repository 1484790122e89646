#!/usr/bin/env bash
# Writes the JDK AOT cache (JDK 25+, JEP 483/514) next to a smtpscope jar: JAR.aot, from a training run of the
# built-in demo (in-process servers on loopback, no network), and JAR.aot.jdk naming the JDK that wrote it.
# bin/smtpscope uses the cache only with that same JDK and only while the cache is newer than the jar; with an
# older JDK this script does nothing. Start-up gain and how it was measured: docs/performance.md.
# Usage: bash src/scripts/aot-cache.sh [JAR]   (default: target/smtpscope.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
jar=$(readlink -f "${1:-target/smtpscope.jar}")
[ -f "$jar" ] || { echo "smtpscope: $jar not found" >&2; exit 2; }
major=$(smtpscope_java_major "$JAVA_HOME")
if [ "${major%%.*}" -lt 25 ] 2>/dev/null; then
  echo "smtpscope: JDK $major has no AOT cache (JDK 25+); the launcher starts without one" >&2
  exit 0
fi
aot="${jar%.jar}.aot"
rm -f "$aot" "$aot.jdk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The demo exercises what a scan loads: picocli, profiles (YAML), the probe and TLS enumeration, the trust
# store, judgement, the JSON writer. It runs in a scratch folder so that its report lands there.
status=0
(cd "$work" && timeout 300 "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$aot" -Xlog:aot=off -Xlog:cds=off \
  -jar "$jar" demo -q --json="$work/demo.json" >"$work/training.log" 2>&1) || status=$?
# the demo exits 1 when its careless server draws FAIL findings: that is a finished run too
# -s: a JVM that crashes while writing the cache (JDK 25.0.3 did, once) leaves an empty file behind
if [ "$status" -gt 1 ] || [ ! -s "$aot" ]; then
  echo "smtpscope: the AOT training run failed (status $status); the launcher starts without a cache" >&2
  tail -5 "$work/training.log" >&2 || true
  rm -f "$aot"
  exit 0
fi
smtpscope_jdk_id "$JAVA_HOME"
printf '%s\n' "$SMTPSCOPE_JDK_ID" > "$aot.jdk"
echo "smtpscope: AOT cache $aot written for $SMTPSCOPE_JDK_ID"
