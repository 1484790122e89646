#!/usr/bin/env bash
# setup-postfix.sh - set up a loopback-only Postfix + Dovecot-SASL test MTA for
# the smtpscope integration tests.
#
# Run as root on Debian 12 (CI runs it on a fresh machine before `mvn test`).
# Idempotent: every run regenerates the test PKI and the SASL password,
# rewrites the configuration, (re)starts the daemons and self-checks them.
#
#   SMTPSCOPE_POSTFIX_DIR   state dir (default /var/tmp/smtpscope-postfix)
#   SMTPSCOPE_SKIP_INSTALL  set to 1 to never call apt-get
#
# NETWORK: everything listens on 127.0.0.1 only and Postfix never delivers or
# relays off this machine (default_transport/relay_transport = error:...).
#
# Result: $STATE_DIR/postfix.properties (see README.md next to this script).
set -euo pipefail

STATE_DIR="${SMTPSCOPE_POSTFIX_DIR:-/var/tmp/smtpscope-postfix}"
STATE_DIR="${STATE_DIR%/}"
HOST=127.0.0.1
DOMAIN=smtpscope.test
MAIL_NAME=mail.smtpscope.test
SASL_USER=alice@smtpscope.test
MAILBOX_USERS=(alice bob)
MAIL_SYSUSER=smtpscope-mail
SMTP_PORT=25
SMTPS_PORT=465
SUBMISSION_PORT=587
NO_DELIVERY_MSG="error:no external delivery in test"
AUTH_SOCKET=/var/spool/postfix/private/auth   # = smtpd_sasl_path private/auth
DOVECOT_CONF=/etc/dovecot/dovecot.conf
MARKER="# Managed by smtpscope src/test/postfix/setup-postfix.sh - do not edit"
PORT_WAIT_SECS=20

PKI_DIR="$STATE_DIR/pki"
CA_KEY="$PKI_DIR/ca.key"
CA_CERT="$PKI_DIR/ca.crt"
SERVER_KEY="$PKI_DIR/server.key"
SERVER_CERT="$PKI_DIR/server.crt"
SERVER_CHAIN="$PKI_DIR/server-chain.pem"   # leaf first, then the CA
MAIL_BASE="$STATE_DIR/mail"
PF_MAPS_DIR="$STATE_DIR/postfix"
DOVECOT_DIR="$STATE_DIR/dovecot"
PASSWORD_FILE="$STATE_DIR/sasl-password"
PROPS_FILE="$STATE_DIR/postfix.properties"
POSTFIX_LOG="$STATE_DIR/postfix.log"
DOVECOT_LOG="$STATE_DIR/dovecot.log"

T0=$SECONDS
log()  { printf '[setup-postfix] %s\n' "$*"; }
warn() { printf '[setup-postfix] WARNING: %s\n' "$*" >&2; }
die()  { printf '[setup-postfix] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"
# The dir ends up in postconf values and dovecot.conf: keep it simple.
[[ $STATE_DIR =~ ^/[A-Za-z0-9._/-]+$ ]] \
  || die "SMTPSCOPE_POSTFIX_DIR must be an absolute path of [A-Za-z0-9._/-] (got '$STATE_DIR')"

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
  # No prompt: Postfix "Local only"; we rewrite its config below anyway.
  debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string $MAIL_NAME
postfix postfix/destinations string $MAIL_NAME, localhost
postfix postfix/mynetworks string 127.0.0.0/8
postfix postfix/relayhost string
EOF
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300
             -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  export DEBIAN_FRONTEND=noninteractive
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    log "apt lists are empty: apt-get update"
    "${apt[@]}" update
  fi
  if ! "${apt[@]}" install --no-install-recommends "${missing[@]}"; then
    log "install failed; retrying after apt-get update"
    "${apt[@]}" update
    "${apt[@]}" install --no-install-recommends "${missing[@]}"
  fi
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || die "package $p still not installed"; done
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
subjectAltName = DNS:$MAIL_NAME, DNS:localhost, IP:127.0.0.1
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

  install -d -m 0755 "$STATE_DIR" "$PF_MAPS_DIR" "$DOVECOT_DIR"
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
  } | write_if_changed "$PF_MAPS_DIR/vmailbox"
  printf 'postmaster@%s alice@%s\nabuse@%s alice@%s\n' "$DOMAIN" "$DOMAIN" "$DOMAIN" "$DOMAIN" \
    | write_if_changed "$PF_MAPS_DIR/valias"

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
PF_RESTART=0
configure_postfix() {
  log "configuring Postfix ($(postconf -h mail_version))"
  [[ -f /etc/postfix/main.cf ]] || cp /usr/share/postfix/main.cf.debian /etc/postfix/main.cf
  [[ -f /etc/postfix/master.cf ]] || cp /usr/share/postfix/master.cf.dist /etc/postfix/master.cf
  local f
  for f in main.cf master.cf; do
    [[ -e /etc/postfix/$f.smtpscope-orig ]] || cp -p "/etc/postfix/$f" "/etc/postfix/$f.smtpscope-orig"
  done

  # Edit a scratch copy and install only what changed. Besides keeping warm
  # re-runs side-effect free, this avoids Postfix's "file is hot" logic:
  # every postconf/postfix command waits ~2 s (re-reading every 300 ms)
  # while main.cf's mtime is less than ~2 s old.
  local stage
  stage=$(mktemp -d /tmp/smtpscope-postfix-conf.XXXXXX)
  cp -p /etc/postfix/main.cf /etc/postfix/master.cf "$stage/"
  pc() {
    postconf -c "$stage" "$@"
    touch -d "@$(( $(date +%s) - 10 ))" "$stage/main.cf" "$stage/master.cf"
  }

  local prefixes="/var, /dev/stdout"
  [[ $STATE_DIR == /var/* ]] || prefixes="$prefixes, $STATE_DIR"

  # 25/465/587 are configured as a careful admin would (TLS 1.2+, ECDHE, AEAD): the integration tests expect a
  # clean scan there. The legacy counterexample has its own port (src/test/setup/20-postfix-tls-variants.sh).
  pc -e \
    "myhostname = $MAIL_NAME" \
    "mydomain = $DOMAIN" \
    "myorigin = \$myhostname" \
    "mydestination = \$myhostname, localhost.localdomain, localhost" \
    "inet_interfaces = $HOST" \
    "inet_protocols = ipv4" \
    "mynetworks = 127.0.0.0/8" \
    "relayhost =" \
    "relay_domains =" \
    "default_transport = $NO_DELIVERY_MSG" \
    "relay_transport = $NO_DELIVERY_MSG" \
    "smtpd_banner = \$myhostname ESMTP smtpscope-test" \
    "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination" \
    "smtpd_peername_lookup = no" \
    "smtpd_tls_security_level = may" \
    "smtpd_tls_cert_file = $SERVER_CHAIN" \
    "smtpd_tls_key_file = $SERVER_KEY" \
    "smtpd_tls_chain_files =" \
    "smtpd_tls_auth_only = yes" \
    "smtpd_tls_loglevel = 1" \
    "smtpd_tls_received_header = yes" \
    "smtpd_tls_protocols = >=TLSv1.2" \
    "smtpd_tls_mandatory_protocols = >=TLSv1.2" \
    "smtpd_tls_ciphers = high" \
    "smtpd_tls_mandatory_ciphers = high" \
    "smtpd_tls_exclude_ciphers = aNULL, eNULL, kRSA, kDHE, CBC" \
    "smtpd_sasl_auth_enable = no" \
    "smtpd_sasl_type = dovecot" \
    "smtpd_sasl_path = private/auth" \
    "smtpd_sasl_security_options = noanonymous" \
    "smtpd_sasl_tls_security_options = noanonymous" \
    "broken_sasl_auth_clients = no" \
    "virtual_mailbox_domains = $DOMAIN" \
    "virtual_mailbox_base = $MAIL_BASE" \
    "virtual_mailbox_maps = texthash:$PF_MAPS_DIR/vmailbox" \
    "virtual_alias_maps = texthash:$PF_MAPS_DIR/valias" \
    "virtual_transport = virtual" \
    "virtual_uid_maps = static:$MAIL_UID" \
    "virtual_gid_maps = static:$MAIL_GID" \
    "virtual_minimum_uid = $(( MAIL_UID < 100 ? MAIL_UID : 100 ))" \
    "maillog_file_prefixes = $prefixes" \
    "maillog_file = $POSTFIX_LOG"

  # master.cf: plain smtpd on 25 (no postscreen), submissions (465, implicit
  # TLS) and submission (587, STARTTLS required). postconf -M replaces whole
  # entries, so re-runs are idempotent.
  local e
  for e in smtps/inet 465/inet 587/inet 25/inet smtpd/pass dnsblog/unix; do
    [[ -z $(postconf -c "$stage" -M "$e" 2>/dev/null) ]] || pc -MX "$e"
  done
  local common="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes -o smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination"
  # SASL is enabled per service (not globally), so other smtpd services in
  # master.cf do not die with "no SASL authentication mechanisms" whenever
  # Dovecot is down.
  pc -M "smtp/inet=smtp inet n - n - - smtpd -o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes"
  pc -M "submission/inet=submission inet n - n - - smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt $common"
  pc -M "submissions/inet=submissions inet n - n - - smtpd -o syslog_name=postfix/submissions -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt $common"
  pc -M "postlog/unix-dgram=postlog unix-dgram n - n - 1 postlogd"
  # No chroot anywhere: without Debian's init script nothing populates the
  # chroot (/var/spool/postfix/etc, ...), which breaks things subtly.
  # (One entry at a time: postconf -F '*/*/chroot = n' reorders master.cf.)
  local svc
  for svc in $(postconf -c "$stage" -F '*/*/chroot' | awk '$3 != "n" {print $1}'); do
    pc -F "${svc} = n"
  done

  # inet_interfaces/inet_protocols changes need a full stop/start, not a reload.
  [[ $(postconf -h inet_interfaces inet_protocols) == "$(postconf -c "$stage" -h inet_interfaces inet_protocols)" ]] \
    || PF_RESTART=1
  for f in main.cf master.cf; do
    if ! cmp -s "$stage/$f" "/etc/postfix/$f"; then
      cp "$stage/$f" "/etc/postfix/$f.smtpscope-tmp"
      chmod 0644 "/etc/postfix/$f.smtpscope-tmp"
      # Backdate: Postfix treats a main.cf younger than ~2 s as "hot" and
      # every command/daemon then re-reads it for 2 s. Written atomically.
      touch -d "@$(( $(date +%s) - 10 ))" "/etc/postfix/$f.smtpscope-tmp"
      mv -f "/etc/postfix/$f.smtpscope-tmp" "/etc/postfix/$f"
      log "updated /etc/postfix/$f"
    fi
  done
  rm -rf "$stage"

  [[ -f /etc/aliases ]] || printf 'postmaster: root\n' > /etc/aliases
  [[ /etc/aliases.db -nt /etc/aliases ]] || newaliases
  touch "$POSTFIX_LOG"
  postfix check || die "postfix check failed"
}

# ------------------------------------------------------------- 3c. Dovecot
DOVECOT_CHANGED=0
configure_dovecot() {
  log "configuring Dovecot ($(dovecot --version | cut -d' ' -f1)) as SASL backend only"
  if [[ -f $DOVECOT_CONF ]] && ! grep -qF "$MARKER" "$DOVECOT_CONF" \
     && [[ ! -e $DOVECOT_CONF.smtpscope-orig ]]; then
    cp -p "$DOVECOT_CONF" "$DOVECOT_CONF.smtpscope-orig"
  fi
  local new
  new=$(cat <<EOF
$MARKER
# Standalone config: SASL authentication for Postfix only, no IMAP/POP3.
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
# every client is 127.0.0.1 and tests deliberately use wrong passwords.
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
  doveconf -n >/dev/null || die "doveconf rejected $DOVECOT_CONF"
}

# ------------------------------------------------------------- 4. daemons
dovecot_running() {
  local pid
  pid=$(cat /run/dovecot/master.pid 2>/dev/null) || return 1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

wait_until() {  # wait_until SECONDS CMD... : poll CMD every 0.2 s
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }
all_ports_open() { local p; for p in "$SMTP_PORT" "$SMTPS_PORT" "$SUBMISSION_PORT"; do port_open "$p" || return 1; done; }
not_dovecot_running() { ! dovecot_running; }

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

start_daemons() {
  # With the anvil-auth-penalty listener disabled (mode = 0), a socket file
  # left over from an earlier Dovecot config makes every new auth process
  # retry connecting to it for 5 s (ECONNREFUSED) before answering Postfix.
  rm -f "$(doveconf -h base_dir)/anvil-auth-penalty"
  if dovecot_running && { ((DOVECOT_CHANGED)) || [[ ! -S $AUTH_SOCKET ]]; }; then
    log "Dovecot: config changed, restarting"
    daemon_ctl doveadm stop || true
    wait_until 10 not_dovecot_running || die "Dovecot did not stop"
  fi
  if dovecot_running; then
    log "Dovecot: running, reloading"
    daemon_ctl doveadm reload || die "doveadm reload failed"
  else
    log "Dovecot: starting"
    daemon_ctl dovecot || die "dovecot failed to start (see $DOVECOT_LOG)"
  fi
  wait_until "$PORT_WAIT_SECS" test -S "$AUTH_SOCKET" \
    || die "Dovecot auth socket $AUTH_SOCKET did not appear (see $DOVECOT_LOG)"

  if postfix status >/dev/null 2>&1; then
    if ((PF_RESTART)); then
      log "Postfix: listen addresses changed, stop + start"
      daemon_ctl postfix stop || die "postfix stop failed"
      wait_until 10 bash -c '! postfix status >/dev/null 2>&1' || die "Postfix did not stop"
      daemon_ctl postfix start || die "postfix start failed (see $POSTFIX_LOG)"
    else
      log "Postfix: running, reloading"
      daemon_ctl postfix reload || die "postfix reload failed (see $POSTFIX_LOG)"
    fi
  else
    log "Postfix: starting"
    daemon_ctl postfix start || die "postfix start failed (see $POSTFIX_LOG)"
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
EOF
  chmod 0644 "$tmp"
  mv -f "$tmp" "$PROPS_FILE"
  log "wrote $PROPS_FILE"
}

# ------------------------------------------------------------ 5. self-check
FAILS=0
ok()   { printf '  OK    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; FAILS=$((FAILS + 1)); }

# --- tiny SMTP client on top of bash /dev/tcp and openssl s_client ---------
SMTP_R= SMTP_W= SMTP_PID= SMTP_REPLY= SMTP_CODE=
# smtp_open plain|starttls|tls PORT
smtp_open() {
  local mode=$1 port=$2
  SMTP_PID=
  if [[ $mode == plain ]]; then
    exec {SMTP_R}<>"/dev/tcp/$HOST/$port" || return 1
    SMTP_W=$SMTP_R
    smtp_read                            # banner
    return
  fi
  local args=(-quiet -nocommands -connect "$HOST:$port" -servername "$MAIL_NAME"
              -CAfile "$CA_CERT" -verify_return_error -verify_hostname "$MAIL_NAME")
  [[ $mode == starttls ]] && args+=(-starttls smtp)
  coproc SMTPC { exec openssl s_client "${args[@]}" 2>/dev/null; }
  SMTP_PID=$SMTPC_PID
  # Duplicate the fds: bash closes the coproc's own fds once it is reaped.
  exec {SMTP_R}<&"${SMTPC[0]}" {SMTP_W}>&"${SMTPC[1]}"
  if [[ $mode == tls ]]; then
    smtp_read                            # banner (s_client consumed it for starttls)
  else
    SMTP_CODE=220
  fi
}
# Read one (multi-line) reply into SMTP_REPLY / SMTP_CODE.
smtp_read() {
  local line
  SMTP_REPLY= SMTP_CODE=
  while IFS= read -r -t 10 line <&"$SMTP_R"; do
    line=${line%$'\r'}
    SMTP_REPLY+="$line"$'\n'
    if [[ $line =~ ^([0-9]{3})\ |^([0-9]{3})$ ]]; then
      SMTP_CODE=${BASH_REMATCH[1]:-${BASH_REMATCH[2]}}
      return 0
    fi
  done
  SMTP_CODE=000
  return 1
}
smtp_send() { printf '%s\r\n' "$@" >&"$SMTP_W"; }
smtp_cmd()  { smtp_send "$1"; smtp_read || true; }
smtp_close() {
  [[ -n $SMTP_R ]] || return 0
  smtp_send QUIT 2>/dev/null && smtp_read 2>/dev/null || true
  exec {SMTP_R}>&- 2>/dev/null || true
  [[ $SMTP_W == "$SMTP_R" ]] || exec {SMTP_W}>&- 2>/dev/null || true
  if [[ -n $SMTP_PID ]]; then
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$SMTP_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$SMTP_PID" 2>/dev/null || true
    wait "$SMTP_PID" 2>/dev/null || true
  fi
  SMTP_PID= SMTP_R= SMTP_W=
}
ehlo_has() { grep -Eq "^250[ -]$1" <<<"$SMTP_REPLY"; }
auth_plain_arg() { printf '\0%s\0%s' "$1" "$2" | base64 -w0; }

check_tls() {  # check_tls LABEL PORT [starttls] -- full chain verification
  local label=$1 port=$2 out rc=0 args=()
  [[ ${3:-} == starttls ]] && args=(-starttls smtp)
  out=$(timeout 15 openssl s_client "${args[@]}" -connect "$HOST:$port" -servername "$MAIL_NAME" \
          -CAfile "$CA_CERT" -verify_return_error -verify_hostname "$MAIL_NAME" -showcerts \
          </dev/null 2>&1) || rc=$?
  if ((rc == 0)) && grep -q 'Verify return code: 0 (ok)' <<<"$out"; then
    local n leaf proto
    n=$(grep -c 'BEGIN CERTIFICATE' <<<"$out")
    leaf=$(grep -m1 '^ 0 s:' <<<"$out" | sed 's/^ 0 s://')
    proto=$(grep -m1 -E '^(New|Reused), ' <<<"$out" | sed 's/, Cipher is / /')
    if ((n == 2)) && [[ $leaf == *"CN = $MAIL_NAME"* ]]; then
      ok "$label: TLS handshake + verification against test CA ($proto; chain leaf+CA)"
    else
      fail "$label: verified but served chain unexpected (certs=$n, leaf='$leaf')"
    fi
  else
    fail "$label: TLS verification failed (rc=$rc): $(grep -E 'error|Verify return' <<<"$out" | head -3 | tr '\n' ' ')"
  fi
}

self_check() {
  log "self-check:"
  local pw
  pw=$(cat "$PASSWORD_FILE")

  # Listening addresses.
  if command -v ss >/dev/null; then
    local bad
    bad=$(ss -Hltn "( sport = :$SMTP_PORT or sport = :$SMTPS_PORT or sport = :$SUBMISSION_PORT )" \
            | awk '{print $4}' | grep -v "^$HOST:" || true)
    if [[ -z $bad ]]; then ok "ports $SMTP_PORT/$SMTPS_PORT/$SUBMISSION_PORT listen on $HOST only"
    else fail "unexpected listeners: $(tr '\n' ' ' <<<"$bad")"; fi
  else
    [[ $(postconf -h inet_interfaces) == "$HOST" ]] \
      && ok "inet_interfaces = $HOST (ss not installed)" || fail "inet_interfaces is not $HOST"
  fi

  # TLS with full verification (CA, hostname), IP SAN on 465.
  check_tls "port $SMTP_PORT STARTTLS" "$SMTP_PORT" starttls
  check_tls "port $SUBMISSION_PORT STARTTLS" "$SUBMISSION_PORT" starttls
  check_tls "port $SMTPS_PORT implicit TLS" "$SMTPS_PORT"
  if timeout 15 openssl s_client -connect "$HOST:$SMTPS_PORT" -CAfile "$CA_CERT" -verify_return_error \
       -verify_ip "$HOST" </dev/null >/dev/null 2>&1; then
    ok "port $SMTPS_PORT: certificate valid for IP $HOST"
  else
    fail "port $SMTPS_PORT: certificate not valid for IP $HOST"
  fi

  # Banner and EHLO before TLS: STARTTLS offered, AUTH not.
  local port
  for port in "$SMTP_PORT" "$SUBMISSION_PORT"; do
    if smtp_open plain "$port" && [[ $SMTP_REPLY == "220 $MAIL_NAME ESMTP smtpscope-test"* ]]; then
      smtp_cmd "EHLO selfcheck.smtpscope.test"
      if ehlo_has STARTTLS && ! ehlo_has AUTH; then
        ok "port $port plaintext: banner ok, EHLO lists STARTTLS, no AUTH"
      else
        fail "port $port plaintext EHLO: $(tr '\n' ' ' <<<"$SMTP_REPLY")"
      fi
      if [[ $port == "$SUBMISSION_PORT" ]]; then
        smtp_cmd "MAIL FROM:<alice@$DOMAIN>"
        [[ $SMTP_CODE == 530 ]] && ok "port $port plaintext: MAIL FROM refused before STARTTLS (530)" \
          || fail "port $port plaintext MAIL FROM gave: $SMTP_REPLY"
      fi
    else
      fail "port $port: unexpected banner: $SMTP_REPLY"
    fi
    smtp_close
  done

  # EHLO after TLS lists AUTH; AUTH with the generated password works.
  local mode
  for port in "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT"; do
    mode=starttls; [[ $port == "$SMTPS_PORT" ]] && mode=tls
    if smtp_open "$mode" "$port" && [[ $SMTP_CODE == 220 ]]; then
      smtp_cmd "EHLO selfcheck.smtpscope.test"
      if ehlo_has 'AUTH .*PLAIN' && ehlo_has 'AUTH .*LOGIN'; then
        ok "port $port after TLS: EHLO lists $(grep -Eo 'AUTH .*' <<<"$SMTP_REPLY")"
      else
        fail "port $port after TLS: EHLO lacks AUTH PLAIN/LOGIN: $(tr '\n' ' ' <<<"$SMTP_REPLY")"
      fi
      smtp_cmd "AUTH PLAIN $(auth_plain_arg "$SASL_USER" "wrong-$pw")"
      [[ $SMTP_CODE == 535 ]] && ok "port $port: AUTH PLAIN with wrong password rejected (535)" \
        || fail "port $port: wrong password gave: $SMTP_REPLY"
      smtp_cmd "AUTH PLAIN $(auth_plain_arg "$SASL_USER" "$pw")"
      [[ $SMTP_CODE == 235 ]] && ok "port $port: AUTH PLAIN as $SASL_USER with generated password (235)" \
        || fail "port $port: AUTH PLAIN gave: $SMTP_REPLY"
    else
      fail "port $port: could not open TLS session (code $SMTP_CODE)"
    fi
    smtp_close
  done

  # AUTH LOGIN on 587.
  if smtp_open starttls "$SUBMISSION_PORT"; then
    smtp_cmd "EHLO selfcheck.smtpscope.test"
    smtp_cmd "AUTH LOGIN"
    [[ $SMTP_CODE == 334 ]] && smtp_cmd "$(printf '%s' "$SASL_USER" | base64 -w0)"
    [[ $SMTP_CODE == 334 ]] && smtp_cmd "$(printf '%s' "$pw" | base64 -w0)"
    [[ $SMTP_CODE == 235 ]] && ok "port $SUBMISSION_PORT: AUTH LOGIN works (235)" \
      || fail "port $SUBMISSION_PORT: AUTH LOGIN gave: $SMTP_REPLY"
  else
    fail "port $SUBMISSION_PORT: could not open TLS session"
  fi
  smtp_close

  # AUTH CRAM-MD5 on 587 (works because the passwd-file uses {PLAIN}).
  if smtp_open starttls "$SUBMISSION_PORT"; then
    smtp_cmd "EHLO selfcheck.smtpscope.test"
    smtp_cmd "AUTH CRAM-MD5"
    if [[ $SMTP_CODE == 334 ]]; then
      local challenge digest
      challenge=$(sed -n 's/^334 //p' <<<"$SMTP_REPLY" | base64 -d)
      digest=$(printf '%s' "$challenge" | openssl dgst -md5 -hmac "$pw" -r | cut -d' ' -f1)
      smtp_cmd "$(printf '%s %s' "$SASL_USER" "$digest" | base64 -w0)"
    fi
    [[ $SMTP_CODE == 235 ]] && ok "port $SUBMISSION_PORT: AUTH CRAM-MD5 works (235)" \
      || fail "port $SUBMISSION_PORT: AUTH CRAM-MD5 gave: $SMTP_REPLY"
  else
    fail "port $SUBMISSION_PORT: could not open TLS session"
  fi
  smtp_close

  # Relay / unknown recipient rejected, local delivery to bob's Maildir works.
  local marker="smtpscope-selfcheck-$(date +%s)-$RANDOM"
  if smtp_open plain "$SMTP_PORT"; then
    smtp_cmd "EHLO selfcheck.smtpscope.test"
    smtp_cmd "MAIL FROM:<selfcheck@$DOMAIN>"
    smtp_cmd "RCPT TO:<probe@example.invalid>"
    [[ $SMTP_CODE == 554 && $SMTP_REPLY == *"Relay access denied"* ]] \
      && ok "port $SMTP_PORT: relay to external domain denied (554)" \
      || fail "port $SMTP_PORT: external RCPT gave: $SMTP_REPLY"
    smtp_cmd "RCPT TO:<nobody@$DOMAIN>"
    [[ $SMTP_CODE == 550 ]] && ok "port $SMTP_PORT: unknown user nobody@$DOMAIN rejected (550)" \
      || fail "port $SMTP_PORT: unknown RCPT gave: $SMTP_REPLY"
    smtp_cmd "RCPT TO:<bob@$DOMAIN>"
    if [[ $SMTP_CODE == 250 ]]; then
      smtp_cmd "DATA"
      smtp_send "From: <selfcheck@$DOMAIN>" "To: <bob@$DOMAIN>" "Subject: $marker" "" \
                "setup-postfix.sh self-check, safe to delete." "."
      smtp_read || true
    fi
    [[ $SMTP_CODE == 250 ]] || fail "port $SMTP_PORT: message to bob not accepted: $SMTP_REPLY"
  else
    fail "port $SMTP_PORT: no banner"
  fi
  smtp_close
  if [[ $SMTP_CODE == 221 || $SMTP_CODE == 250 ]]; then
    local found=
    find_marker() { found=$(grep -lF "Subject: $marker" "$MAIL_BASE/$DOMAIN/bob/new/"* 2>/dev/null | head -1); [[ -n $found ]]; }
    if wait_until 15 find_marker; then
      ok "delivery: message to bob@$DOMAIN landed in $MAIL_BASE/$DOMAIN/bob/new"
      rm -f "$found"
    else
      fail "delivery: message to bob@$DOMAIN not found in Maildir within 15 s (see $POSTFIX_LOG)"
    fi
  fi
}

# ----------------------------------------------------------------------- main
install_packages
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
log "all self-checks passed in $((SECONDS - T0)) s; properties: $PROPS_FILE"
