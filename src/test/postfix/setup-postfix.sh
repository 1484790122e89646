#!/usr/bin/env bash
# setup-postfix.sh - set up the loopback-only Postfix + Dovecot-SASL test MTA for the smtpscope integration
# tests, as a Postfix instance and a Dovecot instance of their own (see test-mta.sh next to this script).
#
# Run as root on Debian 12 (CI runs it on a fresh machine before `mvn verify`). Idempotent: every run
# regenerates the test PKI and the SASL password, rewrites the instances' configuration, (re)starts them and
# self-checks them.
#
#   SMTPSCOPE_POSTFIX_DIR   state dir (default /var/tmp/smtpscope-postfix): configuration, queue, logs, PKI
#   SMTPSCOPE_POSTFIX_HOST  loopback address of the test MTA (default 127.0.0.2)
#   SMTPSCOPE_SKIP_INSTALL  set to 1 to never call apt-get
#
# The machine's own mail server is left alone: nothing under /etc/postfix or /etc/dovecot is written (a
# manifest of both is taken before and verified after), and the machine's own Postfix and Dovecot are never
# started, stopped or reloaded -- except once, to undo the takeover by an older version of this script
# (old-takeover.sh). A port the test MTA needs that something else holds is an error, never a reason to stop it.
#
# NETWORK: everything listens on $SMTPSCOPE_POSTFIX_HOST only and the instance never delivers or relays off
# this machine (default_transport/relay_transport = error:...).
#
# Result: $STATE_DIR/postfix.properties (see README.md next to this script).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
T0=$SECONDS
log()  { printf '[setup-postfix] %s\n' "$*"; }
warn() { printf '[setup-postfix] WARNING: %s\n' "$*" >&2; }
die()  { printf '[setup-postfix] ERROR: %s\n' "$*" >&2; exit 1; }

source "$HERE/test-mta.sh"
source "$HERE/old-takeover.sh"
source "$HERE/self-check.sh"

HOST=$(tmta_host)
DOMAIN=smtpscope.test
MAIL_NAME=mail.smtpscope.test
SASL_USER=alice@smtpscope.test
MAILBOX_USERS=(alice bob)
MAIL_SYSUSER=smtpscope-mail
SMTP_PORT=25
SMTPS_PORT=465
SUBMISSION_PORT=587
NO_DELIVERY_MSG="error:no external delivery in test"
MARKER="# Managed by smtpscope src/test/postfix/setup-postfix.sh - do not edit"
PORT_WAIT_SECS=20

PKI_DIR="$STATE_DIR/pki"
CA_KEY="$PKI_DIR/ca.key"
CA_CERT="$PKI_DIR/ca.crt"
SERVER_KEY="$PKI_DIR/server.key"
SERVER_CERT="$PKI_DIR/server.crt"
SERVER_CHAIN="$PKI_DIR/server-chain.pem"   # leaf first, then the CA
MAIL_BASE="$STATE_DIR/mail"
PASSWORD_FILE="$STATE_DIR/sasl-password"
POSTFIX_LOG="$STATE_DIR/postfix.log"
DOVECOT_LOG="$STATE_DIR/dovecot.log"

[[ $(id -u) -eq 0 ]] || die "must run as root"

# Several test runs/worktrees may call this script at the same time on one
# machine: serialize them (PKI swap, master.cf edits, daemon restarts).
LOCK_FILE=/run/lock/smtpscope-postfix-setup.lock
[[ -d /run/lock ]] || LOCK_FILE=/tmp/smtpscope-postfix-setup.lock
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  log "another setup-postfix.sh run holds $LOCK_FILE; waiting (max 300 s)"
  flock -w 300 9 || die "timed out waiting for $LOCK_FILE"
fi

# ---------------------------------------------------------------- 1. packages
PACKAGES=(postfix dovecot-core openssl libsasl2-modules)

pkg_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]} == 0)); then
    log "packages already installed: ${PACKAGES[*]}"
    return
  fi
  [[ ${SMTPSCOPE_SKIP_INSTALL:-0} == 1 ]] && die "missing packages (${missing[*]}) and SMTPSCOPE_SKIP_INSTALL=1"
  log "installing: ${missing[*]}"
  # A fresh postfix package configures (and may start) the machine's own instance: "Local only" makes that
  # listen on loopback-only (127.0.0.1, ::1), beside the test instance on $HOST, and deliver nothing
  # remotely. Nothing else is preseeded: the machine's mail name stays its own. Only asked on first install.
  debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
EOF
  # --no-remove: installing postfix would remove another MTA (exim4, ...) -- a real mail server. Refuse.
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300 --no-remove
             -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  export DEBIAN_FRONTEND=noninteractive
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    log "apt lists are empty: apt-get update"
    "${apt[@]}" update
  fi
  if ! "${apt[@]}" install --no-install-recommends "${missing[@]}"; then
    log "install failed; retrying after apt-get update"
    "${apt[@]}" update
    "${apt[@]}" install --no-install-recommends "${missing[@]}" \
      || die "could not install ${missing[*]} (apt-get refuses to remove packages here: is another MTA installed?)"
  fi
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || die "package $p still not installed"; done
}

# The manifest the suite's end is compared with: taken after the packages are installed (a fresh machine
# gets their own configuration) and after an old takeover is undone, before this script does anything else.
snapshot_system_config() {
  install -d -m 0755 "$STATE_DIR"
  bash "$HERE/system-config.sh" snapshot "$SYSTEM_MANIFEST"
  log "manifest of /etc/postfix and /etc/dovecot: $SYSTEM_MANIFEST"
}

# ------------------------------------------------------------------- 2. PKI
generate_pki() {
  log "generating test PKI in $PKI_DIR"
  install -d -m 0755 "$PKI_DIR"
  local tmp
  tmp=$(mktemp -d "$PKI_DIR/.new.XXXXXX")
  (
    set -e
    cd "$tmp"
    umask 077
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca.key
    openssl req -x509 -new -key ca.key -sha256 -days 365 -set_serial "0x$(openssl rand -hex 8)" \
      -subj "/O=smtpscope test/CN=smtpscope test root CA" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -addext "subjectKeyIdentifier=hash" \
      -out ca.crt
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key
    openssl req -new -key server.key -subj "/O=smtpscope test/CN=$MAIL_NAME" -out server.csr
    cat > server.ext <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$MAIL_NAME, DNS:localhost, IP:$HOST
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
      -days 90 -sha256 -extfile server.ext -out server.crt 2>/dev/null
    openssl verify -CAfile ca.crt -purpose sslserver server.crt >/dev/null
    cat server.crt ca.crt > server-chain.pem
    chmod 0644 ca.crt server.crt server-chain.pem
    chmod 0600 ca.key server.key
    rm -f server.csr server.ext
  ) || { rm -rf "$tmp"; die "openssl failed to generate the test PKI"; }
  local f
  for f in ca.key ca.crt server.key server.crt server-chain.pem; do
    mv -f "$tmp/$f" "$PKI_DIR/$f"
  done
  rmdir "$tmp"
}

# ----------------------------------------------------- 3a. mail user + files
write_if_changed() {  # stdin -> $1 (mode 0644), untouched if identical
  local dst=$1
  cat > "$dst.tmp"
  if cmp -s "$dst.tmp" "$dst"; then
    rm -f "$dst.tmp"
  else
    chmod 0644 "$dst.tmp"
    mv -f "$dst.tmp" "$dst"
  fi
}

MAIL_UID= MAIL_GID=
setup_mail_user_and_maps() {
  getent group "$MAIL_SYSUSER" >/dev/null || groupadd --system "$MAIL_SYSUSER"
  if ! getent passwd "$MAIL_SYSUSER" >/dev/null; then
    useradd --system --gid "$MAIL_SYSUSER" --home-dir "$MAIL_BASE" --no-create-home \
      --shell /usr/sbin/nologin --comment "smtpscope test mailboxes" "$MAIL_SYSUSER"
  fi
  MAIL_UID=$(id -u "$MAIL_SYSUSER")
  MAIL_GID=$(id -g "$MAIL_SYSUSER")

  install -d -m 0755 "$STATE_DIR" "$PF_CONF" "$DOVECOT_DIR"
  install -d -m 0755 -o "$MAIL_UID" -g "$MAIL_GID" "$MAIL_BASE" "$MAIL_BASE/$DOMAIN"
  local u sub
  for u in "${MAILBOX_USERS[@]}"; do
    for sub in "" /new /cur /tmp; do
      install -d -m 0755 -o "$MAIL_UID" -g "$MAIL_GID" "$MAIL_BASE/$DOMAIN/$u$sub"
    done
  done

  # Postfix virtual mailbox + alias tables (texthash: no postmap needed).
  # Rewritten only when the content changes: Postfix processes stall ~2 s
  # opening a texthash/main.cf file whose mtime is less than ~2 s old.
  {
    for u in "${MAILBOX_USERS[@]}"; do printf '%s@%s %s/%s/\n' "$u" "$DOMAIN" "$DOMAIN" "$u"; done
  } | write_if_changed "$PF_CONF/vmailbox"
  printf 'postmaster@%s alice@%s\nabuse@%s alice@%s\n' "$DOMAIN" "$DOMAIN" "$DOMAIN" "$DOMAIN" \
    | write_if_changed "$PF_CONF/valias"
  # Local aliases (alias_maps; texthash takes postmap's "key value" form): the postmaster and root of
  # mail.smtpscope.test are alice, so nothing is ever delivered into the machine's own /var/mail.
  printf 'postmaster alice@%s\nroot alice@%s\n' "$DOMAIN" "$DOMAIN" | write_if_changed "$PF_CONF/aliases"

  # Fresh random SASL password each run.
  local pw
  pw=$(openssl rand -base64 24 | tr -dc 'A-Za-z0-9' | head -c 20)
  [[ ${#pw} -ge 16 ]] || die "could not generate a password"
  (umask 077; printf '%s\n' "$pw" > "$PASSWORD_FILE.tmp")
  chmod 0600 "$PASSWORD_FILE.tmp"
  mv -f "$PASSWORD_FILE.tmp" "$PASSWORD_FILE"
  # Dovecot passwd-file ({PLAIN} so CRAM-MD5 works too); readable by the
  # unprivileged auth process (user dovecot).
  (umask 027; printf '%s:{PLAIN}%s\n' "$SASL_USER" "$pw" > "$DOVECOT_DIR/users.tmp")
  chown root:dovecot "$DOVECOT_DIR/users.tmp"
  chmod 0640 "$DOVECOT_DIR/users.tmp"
  mv -f "$DOVECOT_DIR/users.tmp" "$DOVECOT_DIR/users"
}

# ------------------------------------------------------------- 3b. Postfix
# The instance's main.cf is generated whole: nothing is inherited from /etc/postfix/main.cf.
PF_RESTART=0
configure_postfix() {
  log "configuring the test Postfix instance ($(postconf -h mail_version)) in $PF_CONF"
  install -d -m 0755 "$PF_CONF" "$PF_QUEUE"

  # Edit a scratch copy and install only what changed. Besides keeping warm
  # re-runs side-effect free, this avoids Postfix's "file is hot" logic:
  # every postconf/postfix command waits ~2 s (re-reading every 300 ms)
  # while main.cf's mtime is less than ~2 s old.
  local stage
  stage=$(mktemp -d /tmp/smtpscope-postfix-conf.XXXXXX)
  local prefixes="/var, /dev/stdout"
  [[ $STATE_DIR == /var/* ]] || prefixes="$prefixes, $STATE_DIR"

  # 25/465/587 are configured as a careful admin would (TLS 1.2+, ECDHE, AEAD): the integration tests expect a
  # clean scan there. The legacy counterexample has its own port (src/test/setup/20-postfix-tls-variants.sh).
  # config_directory is written out: post-install (run by every `postfix check`/`start`) adds it otherwise,
  # making main.cf differ from this text on every run.
  cat > "$stage/main.cf.new" <<EOF
$MARKER
# The test MTA's own instance (postfix -c $PF_CONF): never the machine's own Postfix.
compatibility_level = 3.6
config_directory = $PF_CONF
queue_directory = $PF_QUEUE
data_directory = $PF_DATA
syslog_name = $SYSLOG_NAME
maillog_file = $POSTFIX_LOG
maillog_file_prefixes = $prefixes
# Every inet service in master.cf names its address ($HOST:port). inet_interfaces must be an address of an
# interface (Postfix checks), and only serves outgoing connections, which this instance never makes.
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = $MAIL_NAME
mydomain = $DOMAIN
myorigin = \$myhostname
mydestination = \$myhostname, localhost.localdomain, localhost
# Local addresses are aliases only (to alice), so nothing is ever written to the machine's /var/mail.
alias_maps = texthash:$PF_CONF/aliases
alias_database =
local_recipient_maps = \$alias_maps
mynetworks = 127.0.0.0/8
relayhost =
relay_domains =
default_transport = $NO_DELIVERY_MSG
relay_transport = $NO_DELIVERY_MSG
biff = no
append_dot_mydomain = no
readme_directory = no
recipient_delimiter = +
mailbox_size_limit = 0
smtpd_banner = \$myhostname ESMTP smtpscope-test
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_peername_lookup = no
smtpd_tls_security_level = may
smtpd_tls_cert_file = $SERVER_CHAIN
smtpd_tls_key_file = $SERVER_KEY
smtpd_tls_auth_only = yes
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_ciphers = high
smtpd_tls_mandatory_ciphers = high
smtpd_tls_exclude_ciphers = aNULL, eNULL, kRSA, kDHE, CBC
smtpd_sasl_auth_enable = no
smtpd_sasl_type = dovecot
# Relative to queue_directory: Dovecot's auth listener $AUTH_SOCKET.
smtpd_sasl_path = private/auth
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
broken_sasl_auth_clients = no
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_base = $MAIL_BASE
virtual_mailbox_maps = texthash:$PF_CONF/vmailbox
virtual_alias_maps = texthash:$PF_CONF/valias
virtual_transport = virtual
virtual_uid_maps = static:$MAIL_UID
virtual_gid_maps = static:$MAIL_GID
virtual_minimum_uid = $(( MAIL_UID < 100 ? MAIL_UID : 100 ))
EOF

  # master.cf: the instance's own copy (from Postfix's stock master.cf the first time), edited in place so
  # the services src/test/setup/20-/40- add survive. postconf -M replaces whole entries: re-runs are idempotent.
  # While it is edited, main.cf is empty: the generated one names the real config_directory.
  : > "$stage/main.cf"
  if [[ -f $PF_CONF/master.cf ]]; then cp "$PF_CONF/master.cf" "$stage/"; else cp /usr/share/postfix/master.cf.dist "$stage/master.cf"; fi
  touch -d "@$(( $(date +%s) - 10 ))" "$stage/main.cf" "$stage/master.cf"
  pc() {
    postconf -c "$stage" "$@"
    touch -d "@$(( $(date +%s) - 10 ))" "$stage/main.cf" "$stage/master.cf"
  }
  # Every inet service is bound to $HOST explicitly; any other (the stock "smtp inet", or one left from an
  # earlier SMTPSCOPE_POSTFIX_HOST) goes, so the instance never listens anywhere else.
  local e
  for e in $(postconf -c "$stage" -M 2>/dev/null | awk -v host="$HOST:" '$2 == "inet" && index($1, host) != 1 {print $1 "/inet"}'); do
    pc -MX "$e"
  done
  for e in smtpd/pass dnsblog/unix; do
    [[ -z $(postconf -c "$stage" -M "$e" 2>/dev/null) ]] || pc -MX "$e"
  done
  local common="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes -o smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination"
  # SASL is enabled per service (not globally), so other smtpd services in
  # master.cf do not die with "no SASL authentication mechanisms" whenever
  # Dovecot is down. Port 465 is submissions, implicit TLS (RFC 8314 section 3.3).
  pc -M "$HOST:$SMTP_PORT/inet=$HOST:$SMTP_PORT inet n - n - - smtpd -o syslog_name=$SYSLOG_NAME/smtp -o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes"
  pc -M "$HOST:$SUBMISSION_PORT/inet=$HOST:$SUBMISSION_PORT inet n - n - - smtpd -o syslog_name=$SYSLOG_NAME/submission -o smtpd_tls_security_level=encrypt $common"
  pc -M "$HOST:$SMTPS_PORT/inet=$HOST:$SMTPS_PORT inet n - n - - smtpd -o syslog_name=$SYSLOG_NAME/submissions -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt $common"
  pc -M "postlog/unix-dgram=postlog unix-dgram n - n - 1 postlogd"
  # No chroot anywhere: nothing populates a chroot under this queue_directory.
  # (One entry at a time: postconf -F '*/*/chroot = n' reorders master.cf.)
  local svc
  for svc in $(postconf -c "$stage" -F '*/*/chroot' | awk '$3 != "n" {print $1}'); do
    pc -F "${svc} = n"
  done

  mv -f "$stage/main.cf.new" "$stage/main.cf"
  touch -d "@$(( $(date +%s) - 10 ))" "$stage/main.cf"

  # inet_interfaces/inet_protocols changes need a full stop/start, not a reload.
  if [[ -f $PF_CONF/main.cf ]] && [[ $(tmta_postconf -h inet_interfaces inet_protocols | tr '\n' ' ') != \
        "$(sed -n 's/^inet_interfaces = //p; s/^inet_protocols = //p' "$stage/main.cf" | tr '\n' ' ')" ]]; then
    PF_RESTART=1
  fi
  local f
  for f in main.cf master.cf; do
    if ! cmp -s "$stage/$f" "$PF_CONF/$f"; then
      cp "$stage/$f" "$PF_CONF/$f.tmp"
      chmod 0644 "$PF_CONF/$f.tmp"
      # Backdate: Postfix treats a main.cf younger than ~2 s as "hot" and
      # every command/daemon then re-reads it for 2 s. Written atomically.
      touch -d "@$(( $(date +%s) - 10 ))" "$PF_CONF/$f.tmp"
      mv -f "$PF_CONF/$f.tmp" "$PF_CONF/$f"
      log "updated $PF_CONF/$f"
    fi
  done
  rm -rf "$stage"

  touch "$POSTFIX_LOG"
  # Also creates the queue directories (post-install create-missing), private/ among them, which Dovecot's
  # auth listener needs before the instance first starts.
  tmta_postfix check || die "postfix -c $PF_CONF check failed"
}

# ------------------------------------------------------------- 3c. Dovecot
DOVECOT_CHANGED=0
configure_dovecot() {
  log "configuring the test Dovecot instance ($(dovecot --version | cut -d' ' -f1)) as SASL backend only: $DOVECOT_CONF"
  install -d -m 0755 "$DOVECOT_DIR" "$DOVECOT_STATE"
  local new
  new=$(cat <<EOF
$MARKER
# The test MTA's own Dovecot (dovecot -c $DOVECOT_CONF): SASL authentication for the test Postfix
# instance only, no IMAP/POP3. Its own base_dir and state_dir: never the machine's own Dovecot.
instance_name = smtpscope-test
base_dir = $DOVECOT_BASE
state_dir = $DOVECOT_STATE
protocols =
listen = $HOST
ssl = no
log_path = $DOVECOT_LOG
auth_verbose = yes
# no 2 s penalty after a failed login: tests exercise wrong passwords
auth_failure_delay = 0
auth_mechanisms = plain login cram-md5
auth_username_format = %Lu
disable_plaintext_auth = yes

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT_DIR/users
}
userdb {
  driver = static
  args = uid=$MAIL_UID gid=$MAIL_GID home=$MAIL_BASE/%d/%n
}

# No anvil auth penalty (up to 15 s delay per client IP after a failed login):
# every client is loopback and tests deliberately use wrong passwords.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

service auth {
  unix_listener $AUTH_SOCKET {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
)
  if [[ ! -f $DOVECOT_CONF ]] || [[ $(cat "$DOVECOT_CONF") != "$new" ]]; then
    printf '%s\n' "$new" > "$DOVECOT_CONF.tmp"
    chmod 0644 "$DOVECOT_CONF.tmp"
    mv -f "$DOVECOT_CONF.tmp" "$DOVECOT_CONF"
    DOVECOT_CHANGED=1
  fi
  touch "$DOVECOT_LOG"
  doveconf -c "$DOVECOT_CONF" -n >/dev/null || die "doveconf rejected $DOVECOT_CONF"
}

# ------------------------------------------------------------- 4. daemons
wait_until() {  # wait_until SECONDS CMD... : poll CMD every 0.2 s
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

port_open() { tmta_port_answers "$HOST" "$1"; }
all_ports_open() { local p; for p in "$SMTP_PORT" "$SMTPS_PORT" "$SUBMISSION_PORT"; do port_open "$p" || return 1; done; }
not_dovecot_running() { ! tmta_dovecot_running; }
not_postfix_running() { ! tmta_postfix_running; }

# Run a daemon-control command with stdio detached from ours: the Dovecot
# master keeps its stderr open forever, which would hang a caller that pipes
# this script's output (`setup-postfix.sh | tee log`). Output shown on failure.
daemon_ctl() {
  local out rc=0
  out=$(mktemp /tmp/smtpscope-daemon.XXXXXX)
  # 9>&-: daemons must not inherit (and hold forever) the setup lock.
  "$@" </dev/null >"$out" 2>&1 9>&- || rc=$?
  ((rc == 0)) || { sed 's/^/    /' "$out" >&2; warn "'$*' exited with $rc"; }
  rm -f "$out"
  return "$rc"
}

# Before the instance starts, every port its master.cf names must be free on $HOST (tmta_require_free_port
# dies naming the holder): the set-up never stops another server to get a port.
require_free_ports() {
  local port
  for port in $(tmta_postconf -M | awk -v host="$HOST:" '$2 == "inet" && index($1, host) == 1 {sub(host, "", $1); print $1}'); do
    tmta_require_free_port "$HOST" "$port"
  done
}

start_daemons() {
  if tmta_postfix_running && ((PF_RESTART)); then
    log "Postfix: listen addresses changed, stop + start"
    daemon_ctl tmta_postfix stop || die "postfix stop failed"
    wait_until 10 not_postfix_running || die "the test Postfix did not stop"
  fi
  # Before anything starts: a taken port stops the set-up with nothing of ours left running.
  tmta_postfix_running || require_free_ports

  # With the anvil-auth-penalty listener disabled (mode = 0), a socket file
  # left over from an earlier Dovecot config makes every new auth process
  # retry connecting to it for 5 s (ECONNREFUSED) before answering Postfix.
  rm -f "$DOVECOT_BASE/anvil-auth-penalty"
  if tmta_dovecot_running && { ((DOVECOT_CHANGED)) || [[ ! -S $AUTH_SOCKET ]]; }; then
    log "Dovecot: config changed, restarting"
    daemon_ctl doveadm -c "$DOVECOT_CONF" stop || true
    wait_until 10 not_dovecot_running || die "the test Dovecot did not stop"
  fi
  if tmta_dovecot_running; then
    log "Dovecot: running, reloading"
    daemon_ctl doveadm -c "$DOVECOT_CONF" reload || die "doveadm reload failed"
  else
    log "Dovecot: starting"
    daemon_ctl dovecot -c "$DOVECOT_CONF" || die "dovecot failed to start (see $DOVECOT_LOG)"
  fi
  wait_until "$PORT_WAIT_SECS" test -S "$AUTH_SOCKET" \
    || die "Dovecot auth socket $AUTH_SOCKET did not appear (see $DOVECOT_LOG)"

  if tmta_postfix_running; then
    log "Postfix: running, reloading"
    daemon_ctl tmta_postfix reload || die "postfix reload failed (see $POSTFIX_LOG)"
  else
    log "Postfix: starting"
    daemon_ctl tmta_postfix start || die "postfix start failed (see $POSTFIX_LOG)"
  fi
  # A reload restarts smtpd lazily; give master a moment, then wait for ports.
  wait_until "$PORT_WAIT_SECS" all_ports_open \
    || die "ports $SMTP_PORT/$SMTPS_PORT/$SUBMISSION_PORT not accepting on $HOST after ${PORT_WAIT_SECS}s (see $POSTFIX_LOG)"
  log "ports $SMTP_PORT, $SMTPS_PORT, $SUBMISSION_PORT accept connections on $HOST"
}

# ------------------------------------------------------------ 6. properties
write_properties() {
  local tmp="$PROPS_FILE.tmp"
  cat > "$tmp" <<EOF
# Generated by src/test/postfix/setup-postfix.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)
host=$HOST
name=$MAIL_NAME
domain=$DOMAIN
smtp_port=$SMTP_PORT
smtps_port=$SMTPS_PORT
submission_port=$SUBMISSION_PORT
ca_file=$CA_CERT
cert_file=$SERVER_CERT
key_file=$SERVER_KEY
chain_file=$SERVER_CHAIN
sasl_user=$SASL_USER
sasl_password_file=$PASSWORD_FILE
sasl_mechanisms=PLAIN LOGIN CRAM-MD5
maildir_alice=$MAIL_BASE/$DOMAIN/alice/new
maildir_bob=$MAIL_BASE/$DOMAIN/bob/new
postfix_log=$POSTFIX_LOG
dovecot_log=$DOVECOT_LOG
config_directory=$PF_CONF
dovecot_config=$DOVECOT_CONF
system_config_manifest=$SYSTEM_MANIFEST
EOF
  chmod 0644 "$tmp"
  mv -f "$tmp" "$PROPS_FILE"
  log "wrote $PROPS_FILE"
}

# ----------------------------------------------------------------------- main
install_packages
undo_old_takeover
snapshot_system_config
generate_pki
setup_mail_user_and_maps
configure_postfix
configure_dovecot
start_daemons
write_properties
self_check

if ((FAILS)); then
  log "FAILED: $FAILS self-check(s) failed (logs: $POSTFIX_LOG, $DOVECOT_LOG)"
  exit 1
fi
bash "$HERE/system-config.sh" verify "$SYSTEM_MANIFEST" \
  || die "this set-up changed the machine's own mail configuration (see above)"
log "all self-checks passed in $((SECONDS - T0)) s; properties: $PROPS_FILE"
