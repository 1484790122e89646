#!/usr/bin/env bash
# 20-postfix-tls-variants.sh - two more smtpd services on the loopback test Postfix instance (the one
# src/test/postfix/setup-postfix.sh runs with its own config_directory; never the machine's own Postfix), for
# the TLS enumeration integration tests. Runs after 10-postfix.sh (the base setup) as root.
#
#   port 2525 "modern": TLS 1.2 + 1.3 only, AEAD suites with forward secrecy only.
#   port 2526 "legacy": TLS 1.0 - 1.2 only, CBC and RSA-key-exchange (no forward secrecy) suites,
#                       OpenSSL @SECLEVEL=0 (OpenSSL 3 refuses TLS 1.0/1.1 at the default level 1+),
#                       and the server's own suite order enforced (tls_preempt_cipherlist).
#
# Both are plain "smtp" STARTTLS services without AUTH (so they do not depend on Dovecot); every
# difference is a master.cf -o override, so ports
# 25/465/587 keep the base configuration. Also installs sslscan and testssl.sh (the tools the
# integration tests and the benchmark compare against).
#
# Result: $STATE_DIR/tls-variants.properties (modern_port, legacy_port, host).
set -euo pipefail

MODERN_PORT=2525
LEGACY_PORT=2526
log()  { printf '[tls-variants] %s\n' "$*"; }
die()  { printf '[tls-variants] ERROR: %s\n' "$*" >&2; exit 1; }
source "$(dirname "$0")/../postfix/test-mta.sh"
PROPS="$STATE_DIR/tls-variants.properties"

[[ $(id -u) -eq 0 ]] || die "must run as root"

# The base setup (10-postfix.sh) writes postfix.properties when Postfix is up; wait for it, bounded.
for _ in $(seq 1 60); do
  [[ -f "$PROPS_FILE" ]] && break
  sleep 2
done
[[ -f "$PROPS_FILE" ]] || die "$PROPS_FILE missing: run the base Postfix setup first"
[[ $(tmta_property config_directory) == "$PF_CONF" ]] \
  || die "$PROPS_FILE is not from the current base setup (no config_directory=$PF_CONF): run 10-postfix.sh first"
HOST=$(tmta_property host)

# ------------------------------------------------------------ tools to compare against
# --no-remove: a test tool is never worth removing an installed package (another MTA, say).
apt=(apt-get -y -q -o DPkg::Lock::Timeout=300 --no-remove)
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v sslscan >/dev/null || missing+=(sslscan)
command -v testssl >/dev/null || command -v testssl.sh >/dev/null || missing+=(testssl.sh)
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  "${apt[@]}" install --no-install-recommends "${missing[@]}" \
    || { "${apt[@]}" update && "${apt[@]}" install --no-install-recommends "${missing[@]}"; } \
    || log "WARNING: could not install ${missing[*]}; the cross-checked tests will fail (SMTPSCOPE_REQUIRE_POSTFIX=1)"
fi

# ------------------------------------------------------------ master.cf services (the instance's own)
# Modern: the protocol floor is TLS 1.2; TLS 1.2 suites are ECDHE/DHE with AES-GCM or ChaCha20-Poly1305
# only; TLS 1.3 suites are OpenSSL's defaults (all AEAD). smtpd_tls_ciphers=high selects tls_high_cipherlist.
MODERN_CIPHERS='ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20:!aNULL:!eNULL:!SHA1:!SHA256:!SHA384:!CBC'
# Legacy: no TLS 1.3; CBC suites with and without forward secrecy, one AEAD suite, and 3DES.
# @SECLEVEL=0 lets OpenSSL 3 negotiate TLS 1.0/1.1 (SHA-1 signatures) at all.
LEGACY_CIPHERS='ECDHE-RSA-AES128-SHA:AES128-SHA:AES256-SHA:AES128-SHA256:AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:DES-CBC3-SHA:@SECLEVEL=0'

# A port the instance does not serve yet must be free on $HOST: never taken from another server.
for port in $MODERN_PORT $LEGACY_PORT; do
  [[ -n $(tmta_postconf -M "$HOST:$port/inet" 2>/dev/null) ]] || tmta_require_free_port "$HOST" "$port"
done
tmta_postconf -M "$HOST:$MODERN_PORT/inet=$HOST:$MODERN_PORT inet n - n - - smtpd -o syslog_name=$SYSLOG_NAME/tls-modern -o smtpd_sasl_auth_enable=no \
-o smtpd_tls_security_level=may -o smtpd_tls_protocols=>=TLSv1.2 -o smtpd_tls_mandatory_protocols=>=TLSv1.2 \
-o smtpd_tls_ciphers=high -o smtpd_tls_mandatory_ciphers=high -o tls_high_cipherlist=$MODERN_CIPHERS \
-o smtpd_tls_exclude_ciphers=aNULL,eNULL,CBC"
tmta_postconf -M "$HOST:$LEGACY_PORT/inet=$HOST:$LEGACY_PORT inet n - n - - smtpd -o syslog_name=$SYSLOG_NAME/tls-legacy -o smtpd_sasl_auth_enable=no \
-o smtpd_tls_security_level=may -o smtpd_tls_protocols=>=TLSv1,<=TLSv1.2 -o smtpd_tls_mandatory_protocols=>=TLSv1,<=TLSv1.2 \
-o smtpd_tls_ciphers=medium -o smtpd_tls_mandatory_ciphers=medium -o tls_medium_cipherlist=$LEGACY_CIPHERS \
-o smtpd_tls_exclude_ciphers=aNULL,eNULL -o tls_preempt_cipherlist=yes"
tmta_postfix check || die "postfix -c $PF_CONF check failed"
tmta_reload_or_start

# ------------------------------------------------------------ wait and self-check
for port in $MODERN_PORT $LEGACY_PORT; do
  ok=
  for _ in $(seq 1 40); do
    if timeout 5 bash -c "exec 3<>/dev/tcp/$HOST/$port && head -c 3 <&3" 2>/dev/null | grep -q 220; then ok=1; break; fi
    sleep 0.5
  done
  [[ -n $ok ]] || die "no SMTP greeting on $HOST:$port"
done
echo QUIT | timeout 10 openssl s_client -starttls smtp -connect "$HOST:$MODERN_PORT" -tls1_3 -brief >/dev/null 2>&1 \
  || die "port $MODERN_PORT does not accept TLS 1.3"
echo QUIT | timeout 10 openssl s_client -starttls smtp -connect "$HOST:$LEGACY_PORT" -tls1 -cipher 'AES128-SHA:@SECLEVEL=0' -brief >/dev/null 2>&1 \
  || die "port $LEGACY_PORT does not accept TLS 1.0 with AES128-SHA"

tmp="$PROPS.tmp"
{
  echo "# Generated by src/test/setup/20-postfix-tls-variants.sh on $(date -u +%FT%TZ)"
  echo "host=$HOST"
  echo "modern_port=$MODERN_PORT"
  echo "legacy_port=$LEGACY_PORT"
  echo "legacy_ciphers=$LEGACY_CIPHERS"
} > "$tmp"
mv -f "$tmp" "$PROPS"
log "ready: modern $HOST:$MODERN_PORT, legacy $HOST:$LEGACY_PORT ($PROPS)"
