#!/usr/bin/env bash
# The speed-and-scale benchmark (not a test; loopback only; every step bounded by `timeout`). Prints each figure
# with its ratio and PASS/MISS against its goal (docs/performance.md explains each one and its profile):
#   1. whole process incl. JVM start: smtpscope vs sslscan, one endpoint and six endpoints (the real Postfix on
#      127.0.0.2, see src/test/setup/10-postfix.sh and 20-postfix-tls-variants.sh), hyperfine;
#   2. enumeration connections vs the lower bound (per accepted version: accepted suites + 1; + 1 per refused);
#   3. a mass scan of a fleet (src/test/java/io/smtpscope/bench/FleetServer.java: N loopback addresses
#      127.1.x.y:25 greeting after D ms) for the profiles off/quick/default, at the default concurrency and at
#      --concurrency 512, vs the delay bound (sum of connections x D / connection slots + start-up), and nmap
#      (smtp-commands, ssl-cert) on the same fleet; whether a 10,000-endpoint scan (enumeration off)
#      completes under -Xmx256m, with its GC log's peaks.
# Needs: root (port 25 on 127.1.x.y), hyperfine, sslscan, nmap, python3; a built tree (mvn -B -DskipTests package
# and test-compile; this script builds when target/ lacks them).
# Usage: sudo bash src/scripts/bench-fleet.sh [N] [D_MS] [RUNS]   (defaults 100 1000 5; smoke: 3 100 1)
# BENCH_SKIP="sslscan mass nmap heap" leaves steps out; BENCH_OUT names the folder for the raw outputs (default: a temp
# dir); BENCH_SMTPSCOPE names another launcher (another build's bin/smtpscope, for before/after figures).
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-100}"; delay_ms="${2:-1000}"; runs="${3:-5}"
skip=" ${BENCH_SKIP:-} "
out="${BENCH_OUT:-$(mktemp -d /tmp/smtpscope-bench.XXXXXX)}"
mkdir -p "$out"
source src/scripts/java-env.sh
[ "$n" -ge 1 ] && [ "$n" -le 250 ] || { echo "N must be 1-250 (one /24 of the fleet, nmap's range)" >&2; exit 2; }
if [ ! -f target/smtpscope.jar ] || [ ! -d target/test-classes/io/smtpscope/bench ]; then
  source src/scripts/maven-quiet.sh
  smtpscope_mvn_quiet -DskipTests package test-compile
fi
if [ ! -f target/smtpscope.aot ] || [ target/smtpscope.jar -nt target/smtpscope.aot ]; then
  bash src/scripts/aot-cache.sh target/smtpscope.jar
fi
# The fleet's classpath: the shaded jar holds smtpscope and every dependency (no dependency plugin needed offline).
cp="target/test-classes:target/smtpscope.jar"
# The history stays on, as by default (each run recorded in a SQLite file), in a file of the benchmark's own: its cost
# belongs to what a user waits for.
smtpscope=(${BENCH_SMTPSCOPE:-bin/smtpscope} scan --history="$out/history.db" -q)
{
  echo "# smtpscope benchmark, $(date -u +%FT%TZ), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# JDK: $JAVA_HOME; fleet N=$n D=${delay_ms} ms; hyperfine runs=$runs; raw outputs in $out"
} | tee "$out/summary.txt"
say() { echo "$*" | tee -a "$out/summary.txt"; }
# ratio VALUE REFERENCE GOAL LABEL: prints value, ratio and PASS when value/reference <= goal
verdict() {
  python3 - "$@" <<'PY' | tee -a "$out/summary.txt"
import sys
value, ref, goal, label = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
ratio = value / ref if ref > 0 else float('inf')
print(f"{label}: {value:.3f} vs {ref:.3f} = {ratio:.2f}x (goal <= {goal}x) {'PASS' if ratio <= goal else 'MISS'}")
PY
}
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$1" "$2"; }

# ---------------------------------------------------------------- 1. whole process vs sslscan
one=127.0.0.2:2526
six_ports=(25 465 587 2525 2526 2527)
six_sslscan=""
six_targets=()
for p in "${six_ports[@]}"; do
  six_targets+=("127.0.0.2:$p")
  if [ "$p" = 465 ]; then six_sslscan+="sslscan --no-colour 127.0.0.2:$p >/dev/null; "
  else six_sslscan+="sslscan --no-colour --starttls-smtp 127.0.0.2:$p >/dev/null; "; fi
done
if [[ $skip != *" sslscan "* ]]; then
  timeout 900 hyperfine -N -i -w 1 -r "$runs" --export-json "$out/one.json" \
    "${smtpscope[*]} --json=$out/one-report.json $one" "sslscan --no-colour --starttls-smtp $one" > "$out/one.txt" 2>&1
  verdict "$(mean "$out/one.json" 0)" "$(mean "$out/one.json" 1)" 1.0 "one endpoint, whole process, s (smtpscope vs sslscan)"
  timeout 900 hyperfine -i -w 1 -r "$runs" --export-json "$out/six.json" \
    "${smtpscope[*]} --json=$out/six-report.json ${six_targets[*]}" "$six_sslscan" > "$out/six.txt" 2>&1
  verdict "$(mean "$out/six.json" 0)" "$(mean "$out/six.json" 1)" 0.5 "six endpoints, whole process, s (smtpscope vs sslscan one after another)"
  timeout 300 hyperfine -N -i -w 1 -r "$runs" --export-json "$out/version.json" "${BENCH_SMTPSCOPE:-bin/smtpscope} --version" > /dev/null 2>&1
fi
startup=$(python3 -c "import json; print(json.load(open('$out/version.json'))['results'][0]['mean'])" 2>/dev/null || echo 0.5)
say "start-up (bin/smtpscope --version, mean): ${startup} s"

# ---------------------------------------------------------------- 2. connections vs the lower bound
bound() {
  python3 - "$1" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for e in report['endpoints']:
    tls = e.get('tls') or {}
    if not tls.get('connections_used'):
        continue
    protocols, suites = tls.get('protocols') or {}, tls.get('cipher_suites') or {}
    bound = sum(len(suites.get(v, [])) + 1 if ok else 1 for v, ok in protocols.items() if ok is not None)
    extra = f"groups {len(tls.get('groups') or [])}, curves {len(tls.get('curves') or [])}"
    print(e['address'], e['port'], tls['connections_used'], bound, extra)
PY
}
if [ -f "$out/one-report.json" ]; then
  bound "$out/one-report.json" | while read -r addr port used lb rest; do
    verdict "$used" "$lb" 1.05 "connections $addr:$port (lower bound counts suites only; $rest)"
  done
fi

# ---------------------------------------------------------------- 3. the fleet
fleet_pid=""
stop_fleet() { [ -n "$fleet_pid" ] && kill "$fleet_pid" 2>/dev/null; fleet_pid=""; }
trap stop_fleet EXIT
start_fleet() { # N D_MS [PORT]
  local fifo="$out/fleet.in.$1"
  rm -f "$fifo"; mkfifo "$fifo"
  java -cp "$cp" io.smtpscope.bench.FleetServer "$1" "$2" "${3:-25}" 3600 < "$fifo" > "$out/fleet.$1.out" 2>&1 &
  fleet_pid=$!
  exec 9>"$fifo"   # held open: the fleet ends when this script closes it (or by its lifetime)
  for _ in $(seq 1 120); do grep -q '^ready' "$out/fleet.$1.out" 2>/dev/null && return 0; sleep 1; done
  echo "the fleet did not start: $(tail -3 "$out/fleet.$1.out")" >&2; exit 1
}
targets="$out/fleet.txt"
python3 -c "
for i in range($n): print(f'127.1.{i // 250}.{i % 250 + 1}:25')" > "$targets"
sed -e 's/^name: default/name: bench-off/' -e 's/^enumeration: full/enumeration: off/' profiles/default.yaml > "$out/off.yaml"
startup=${startup:-0.5}
if [[ $skip != *" mass "* ]]; then
start_fleet "$n" "$delay_ms"
d=$(python3 -c "print($delay_ms / 1000)")
for profile in "$out/off.yaml" quick default; do
  name=$(basename "$profile" .yaml)
  for conc in 32 512; do
    report="$out/mass-$name-$conc.json"
    s=$(date +%s.%N)
    timeout 1800 "${smtpscope[@]}" --profile "$profile" --concurrency "$conc" --json="$report" -i "$targets" || true
    e=$(date +%s.%N)
    python3 - "$report" "$s" "$e" "$d" "$conc" "$startup" "$name" <<'PY' > "$out/mass-$name-$conc.txt"
import json, sys
report = json.load(open(sys.argv[1]))
start, end, d, conc, startup, name = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
eps = [e for e in report['endpoints'] if e.get('reachability') == 'open']
conns = sum(1 + ((e.get('tls') or {}).get('connections_used') or 0) for e in eps)
slots = min(conc, 2 * len(report['endpoints']))   # per-address limit 2: N endpoints cannot use more
bound = conns * d / slots + startup
print(end - start, bound, f"{len(eps)}/{len(report['endpoints'])} open, {conns} connections, {slots} slots")
PY
    read -r wall lb note < "$out/mass-$name-$conc.txt"
    goal=1.1; [ "$conc" = 512 ] && goal=1.5
    verdict "$wall" "$lb" "$goal" "mass scan $name --concurrency $conc, s ($note)"
  done
done
if [[ $skip != *" nmap "* ]]; then
  last=$(tail -1 "$targets" | cut -d: -f1)
  s=$(date +%s.%N)
  timeout 1800 nmap -Pn -n -p25 --script smtp-commands,ssl-cert --host-timeout 600s "127.1.0.1-${last##*.}" -oN "$out/nmap.txt" > /dev/null 2>&1 || true
  e=$(date +%s.%N)
  nmap_s=$(python3 -c "print($e - $s)")
  off_s=$(cut -d' ' -f1 "$out/mass-off-32.txt")
  verdict "$off_s" "$nmap_s" 1.0 "fleet connectivity+STARTTLS+certificate, s (smtpscope enumeration off vs nmap smtp-commands,ssl-cert; nmap saw $(grep -c 'ssl-cert' "$out/nmap.txt" || echo 0) certificates)"
fi
stop_fleet
exec 9>&-
fi

# ---------------------------------------------------------------- heap at 10,000 endpoints
# on port 10025, so that it may run while another run's fleet holds port 25
if [[ $skip != *" heap "* ]]; then
  python3 -c "
for i in range(10000): print(f'127.1.{i // 250}.{i % 250 + 1}:10025')" > "$out/fleet10k.txt"
  start_fleet 10000 0 10025
  rm -f "$out/mass-10k.json"   # a report left by an earlier run in BENCH_OUT must not pass for this one
  # Under a 256 MB heap cap: PASS means the scan completed with every endpoint in its report (a scan that needs more
  # heap dies of OutOfMemoryError or never ends). The GC log gives the live set (largest after-collection figure)
  # and the largest before-collection figure.
  JDK_JAVA_OPTIONS="-Xmx256m -Xlog:gc:file=$out/gc10k.log" timeout 1200 "${smtpscope[@]}" --profile "$out/off.yaml" \
    --mode starttls --concurrency 512 --json="$out/mass-10k.json" -i "$out/fleet10k.txt" > "$out/mass-10k.out" 2>&1 || true
  stop_fleet
  exec 9>&-
  python3 - "$out/gc10k.log" "$out/mass-10k.json" <<'PY' | tee -a "$out/summary.txt"
import json, re, sys
before = after = 0
for line in open(sys.argv[1]):
    for b, a in re.findall(r'(\d+)M->(\d+)M', line):
        before, after = max(before, int(b)), max(after, int(a))
try:
    endpoints = len(json.load(open(sys.argv[2]))['endpoints'])
except (OSError, ValueError, KeyError):
    endpoints = 0
ok = endpoints == 10000
print(f"heap at 10,000 endpoints (enumeration off, --concurrency 512, -Xmx256m): {'completed' if ok else 'did not complete'}"
      f" with {endpoints} endpoint(s) in the report; peak after collection {after} MB (under the cap not the live set: soft references and old garbage wait for a mixed collection), peak before collection {before} MB"
      f" (goal: completes under 256 MB) {'PASS' if ok else 'MISS'}")
PY
fi
say "raw outputs: $out"
