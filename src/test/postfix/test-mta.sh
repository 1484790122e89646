# test-mta.sh - where the test MTA lives and how to drive it. Sourced (never run) by setup-postfix.sh,
# stop-test-mta.sh and src/test/setup/20-postfix-tls-variants.sh / 40-postfix-swap.sh; the caller defines
# log() and die().
#
# The test MTA is a Postfix instance and a Dovecot instance of their own, everything under $STATE_DIR:
# they never read or write /etc/postfix or /etc/dovecot, and never start, stop or reload the machine's own
# Postfix or Dovecot. Why not postmulti: enabling it means editing /etc/postfix/main.cf
# (multi_instance_enable, multi_instance_directories), which is exactly what we must not do. A plain
# `postfix -c DIR` instance needs no entry there as long as root drives it (alternate_config_directories
# only matters to the set-gid postdrop/postqueue, which the tests never use).

STATE_DIR="${SMTPSCOPE_POSTFIX_DIR:-/var/tmp/smtpscope-postfix}"
STATE_DIR="${STATE_DIR%/}"
PF_CONF="$STATE_DIR/postfix"              # config_directory: main.cf, master.cf and the lookup tables
PF_QUEUE="$STATE_DIR/postfix-queue"       # queue_directory (pid file, private/ sockets, queue files)
PF_DATA="$STATE_DIR/postfix-data"         # data_directory (master.lock, caches)
DOVECOT_DIR="$STATE_DIR/dovecot"
DOVECOT_CONF="$DOVECOT_DIR/dovecot.conf"
DOVECOT_BASE="$DOVECOT_DIR/run"           # base_dir: master.pid and Dovecot's own sockets
DOVECOT_STATE="$DOVECOT_DIR/state"        # state_dir: not /var/lib/dovecot, the system instance's
AUTH_SOCKET="$PF_QUEUE/private/auth"      # = smtpd_sasl_path private/auth, relative to queue_directory
PROPS_FILE="$STATE_DIR/postfix.properties"
SYSTEM_MANIFEST="$STATE_DIR/system-config.manifest"
SYSLOG_NAME=postfix-smtpscope

# The dir ends up in postconf values and dovecot.conf: keep it simple.
[[ $STATE_DIR =~ ^/[A-Za-z0-9._/-]+$ ]] \
  || die "SMTPSCOPE_POSTFIX_DIR must be an absolute path of [A-Za-z0-9._/-] (got '$STATE_DIR')"

tmta_postfix()  { postfix -c "$PF_CONF" "$@"; }
tmta_postconf() { postconf -c "$PF_CONF" "$@"; }

tmta_postfix_running() {
  [[ -f $PF_CONF/main.cf ]] && postfix -c "$PF_CONF" status >/dev/null 2>&1
}

tmta_master_pid() {
  local pid
  pid=$(sed -n '1s/[^0-9]//gp' "$PF_QUEUE/pid/master.pid" 2>/dev/null) || true
  printf '%s' "$pid"
}

tmta_dovecot_running() {
  local pid
  pid=$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null) || return 1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

# One key of postfix.properties (the base set-up's result), or nothing.
tmta_property() {
  [[ -f $PROPS_FILE ]] && sed -n "s/^$1=//p" "$PROPS_FILE" | tail -n 1
}

# A loopback IPv4 address other than the one a machine's own MTA uses: 127.0.0.1 is where Debian's
# "Local only" Postfix (inet_interfaces = loopback-only) and most admins' MTAs listen. All of 127.0.0.0/8
# is this host (RFC 1122 section 3.2.1.3 (g)) and Linux routes it to lo, so the instance binds 127.0.0.2
# without adding an address to any interface. SMTPSCOPE_POSTFIX_HOST chooses another one.
tmta_host() {
  local host="${SMTPSCOPE_POSTFIX_HOST:-127.0.0.2}"
  [[ $host =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] \
    || die "SMTPSCOPE_POSTFIX_HOST must be an IPv4 loopback address 127.x.y.z (got '$host')"
  printf '%s' "$host"
}

# Whether anything accepts a TCP connection on HOST:PORT (a listener on HOST or on the wildcard address).
tmta_port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# Who listens on HOST:PORT or on a wildcard address (which blocks every address), as ss tells it; empty
# when ss is not installed.
tmta_port_holders() {
  command -v ss >/dev/null || return 0
  ss -Hltnp "( sport = :$2 )" 2>/dev/null \
    | awk -v mine="$1:$2" -v port=":$2" '$4 == mine || $4 == "0.0.0.0" port || $4 == "*" port || $4 == "[::]" port { print $4, $6 }'
}

# Dies when HOST:PORT is taken by something that is not the test instance: the set-up never stops or
# reconfigures another server to get a port. Call it only for ports the running instance does not serve.
# For the scripts that add services to the base instance: waits (at most 2 minutes) for the base setup
# (10-postfix.sh) to write postfix.properties once Postfix is up, checks that it is this instance's, and sets HOST.
# Uses the caller's die().
tmta_wait_for_base() {
  for _ in $(seq 1 60); do
    [[ -f "$PROPS_FILE" ]] && break
    sleep 2
  done
  [[ -f "$PROPS_FILE" ]] || die "$PROPS_FILE missing: run the base Postfix setup first"
  [[ $(tmta_property config_directory) == "$PF_CONF" ]] \
    || die "$PROPS_FILE is not from the current base setup (no config_directory=$PF_CONF): run 10-postfix.sh first"
  HOST=$(tmta_property host)
}

# Waits (at most ~40 s per port) for an SMTP greeting on each HOST:PORT given; dies naming the first silent one.
tmta_wait_for_greetings() {
  local host=$1 port ok; shift
  for port in "$@"; do
    ok=
    for _ in $(seq 1 40); do
      if timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port && head -c 3 <&3" 2>/dev/null | grep -q 220; then ok=1; break; fi
      sleep 0.5
    done
    [[ -n $ok ]] || die "no SMTP greeting on $host:$port"
  done
}

tmta_require_free_port() {
  local host=$1 port=$2 holders
  tmta_port_answers "$host" "$port" || return 0
  holders=$(tmta_port_holders "$host" "$port")
  die "$host:$port is already taken${holders:+ by: $(tr '\n' ';' <<<"$holders")}. The test MTA stops and \
reconfigures nothing else: free the port, or choose another loopback address with SMTPSCOPE_POSTFIX_HOST=127.0.0.3"
}

# Reloads the instance, or starts it when it is not running.
tmta_reload_or_start() {
  if tmta_postfix_running; then tmta_postfix reload; else tmta_postfix start; fi
}
