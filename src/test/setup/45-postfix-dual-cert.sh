#!/usr/bin/env bash
# 45-postfix-dual-cert.sh - one more smtpd service on the loopback test Postfix instance (the one
# src/test/postfix/setup-postfix.sh runs with its own config_directory) that holds TWO certificates, RSA and ECDSA,
# both issued by the test CA (smtpd_tls_chain_files, Postfix >= 3.4): port 2530, STARTTLS, TLS 1.2 and 1.3, and the
# same on port 2531 with TLS 1.3 only (its certificates are encrypted: only a handshake per key type sees both). OpenSSL
# picks the certificate by the client's signature algorithms (and, in TLS 1.2, by the ECDHE_ECDSA / ECDHE_RSA
# suite), so scanners and DANE senders can each see either: the DANE tests need a TLSA record matching each
# (RFC 7671 section 5). The RSA certificate is the base setup's (pki/server.crt); the ECDSA P-256 certificate is
# made here and kept while the test CA that signed it is the current one, so re-running changes nothing.
# Runs after 10-postfix.sh and before 50-dns.sh (which publishes TLSA records of both keys), as root; ports
# 25/465/587 keep the base configuration (everything here is a master.cf -o override).
#
# Result: $STATE_DIR/dual-cert.properties (host, name, port, tls13_port, rsa_chain, ecdsa_chain, rsa_spki_sha256,
# ecdsa_spki_sha256, rsa_cert_sha256, ecdsa_cert_sha256).
set -euo pipefail

NAME=mail.smtpscope.test
PORT=2530
TLS13_PORT=2531
log()  { printf '[postfix-dual-cert] %s\n' "$*"; }
die()  { printf '[postfix-dual-cert] ERROR: %s\n' "$*" >&2; exit 1; }
source "$(dirname "$0")/../postfix/test-mta.sh"
PKI="$STATE_DIR/pki"
DUAL_DIR="$STATE_DIR/dual-cert"
RSA_CHAIN="$DUAL_DIR/rsa.pem"
ECDSA_CHAIN="$DUAL_DIR/ecdsa.pem"
PROPS="$STATE_DIR/dual-cert.properties"

[[ $(id -u) -eq 0 ]] || die "must run as root"

tmta_wait_for_base   # sets HOST
[[ -f $PKI/ca.crt && -f $PKI/ca.key && -f $PKI/server.key && -f $PKI/server.crt ]] || die "$PKI has no test PKI: run 10-postfix.sh first"

mkdir -p "$DUAL_DIR"
chmod 0700 "$DUAL_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# smtpd_tls_chain_files: per certificate, the private key first, then the leaf and its issuer.
write_chain() { # key cert target
  cat "$1" "$2" "$PKI/ca.crt" > "$tmp/chain.pem"
  chmod 0600 "$tmp/chain.pem"
  cmp -s "$tmp/chain.pem" "$3" || mv -f "$tmp/chain.pem" "$3"
}
write_chain "$PKI/server.key" "$PKI/server.crt" "$RSA_CHAIN"

# The ECDSA certificate: kept while it verifies under the current test CA (10-postfix.sh may have made a new one)
# and is not about to expire; else a new P-256 key and certificate with the RSA certificate's names.
ecdsa_current() {
  [[ -f $DUAL_DIR/ecdsa.crt && -f $DUAL_DIR/ecdsa.key ]] || return 1
  openssl verify -CAfile "$PKI/ca.crt" -purpose sslserver "$DUAL_DIR/ecdsa.crt" >/dev/null 2>&1 || return 1
  openssl x509 -in "$DUAL_DIR/ecdsa.crt" -noout -checkend 86400 >/dev/null || return 1
  [[ $(openssl x509 -in "$DUAL_DIR/ecdsa.crt" -noout -pubkey) == $(openssl pkey -in "$DUAL_DIR/ecdsa.key" -pubout) ]]
}
if ! ecdsa_current; then
  log "issuing an ECDSA P-256 certificate under the test CA"
  (
    set -e
    cd "$tmp"
    umask 077
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out ecdsa.key
    openssl req -new -key ecdsa.key -subj "/O=smtpscope test/CN=$NAME" -out ecdsa.csr
    cat > ecdsa.ext <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:$NAME, DNS:localhost, IP:$HOST
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
    openssl x509 -req -in ecdsa.csr -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
      -days 90 -sha256 -extfile ecdsa.ext -out ecdsa.crt 2>/dev/null
    openssl verify -CAfile "$PKI/ca.crt" -purpose sslserver ecdsa.crt >/dev/null
  ) || die "openssl could not issue the ECDSA certificate"
  mv -f "$tmp/ecdsa.key" "$DUAL_DIR/ecdsa.key"
  mv -f "$tmp/ecdsa.crt" "$DUAL_DIR/ecdsa.crt"
fi
write_chain "$DUAL_DIR/ecdsa.key" "$DUAL_DIR/ecdsa.crt" "$ECDSA_CHAIN"

# No chroot (as the base setup): smtpd reads the chain files at start, before dropping privileges.
# A port the instance does not serve yet must be free on $HOST: never taken from another server.
dual_service() { # port syslog-suffix protocols
  [[ -n $(tmta_postconf -M "$HOST:$1/inet" 2>/dev/null) ]] || tmta_require_free_port "$HOST" "$1"
  tmta_postconf -M "$HOST:$1/inet=$HOST:$1 inet n - n - - smtpd -o syslog_name=$SYSLOG_NAME/$2 \
-o smtpd_sasl_auth_enable=no -o smtpd_tls_security_level=may -o smtpd_tls_protocols=$3 \
-o smtpd_tls_mandatory_protocols=$3 -o smtpd_tls_chain_files=$ECDSA_CHAIN,$RSA_CHAIN"
}
dual_service "$PORT" dual-cert '>=TLSv1.2'
dual_service "$TLS13_PORT" dual-cert-tls13 '>=TLSv1.3'
tmta_postfix check || die "postfix -c $PF_CONF check failed"
tmta_reload_or_start

tmta_wait_for_greetings "$HOST" $PORT $TLS13_PORT

sha256() { sha256sum | cut -d' ' -f1; }
cert_sha256() { openssl x509 -in "$1" -outform DER | sha256; }
spki_sha256() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | sha256; }
# Each certificate must be the one the server presents to a client that can verify only its key type. The new
# chain files take effect in new smtpd processes; a reload lets old ones finish: wait for them, bounded.
presented() { # port sigalgs
  echo QUIT | timeout 10 openssl s_client -starttls smtp -connect "$HOST:$1" -servername "$NAME" -sigalgs "$2" 2>/dev/null \
    | openssl x509 -outform DER 2>/dev/null | sha256 || true
}
for port in $PORT $TLS13_PORT; do
  for key in rsa ecdsa; do
    crt=$PKI/server.crt sigalgs=RSA-PSS+SHA256:RSA+SHA256
    [[ $key == ecdsa ]] && crt=$DUAL_DIR/ecdsa.crt sigalgs=ECDSA+SHA256
    want=$(cert_sha256 "$crt")
    seen=
    for _ in $(seq 1 20); do
      seen=$(presented "$port" "$sigalgs")
      [[ $seen == "$want" ]] && break
      sleep 0.5
    done
    [[ $seen == "$want" ]] || die "port $port does not present the $key certificate to a client offering $sigalgs (saw '${seen:-nothing}')"
  done
done
# The TLS 1.3-only port refuses TLS 1.2: its certificates are never sent in plaintext.
if echo QUIT | timeout 10 openssl s_client -starttls smtp -connect "$HOST:$TLS13_PORT" -tls1_2 </dev/null >/dev/null 2>&1; then
  die "port $TLS13_PORT accepts TLS 1.2"
fi

cat > "$PROPS" <<PROPS
# Generated by src/test/setup/45-postfix-dual-cert.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)
host=$HOST
name=$NAME
port=$PORT
tls13_port=$TLS13_PORT
config_directory=$PF_CONF
rsa_chain=$RSA_CHAIN
ecdsa_chain=$ECDSA_CHAIN
rsa_cert_sha256=$(cert_sha256 "$PKI/server.crt")
ecdsa_cert_sha256=$(cert_sha256 "$DUAL_DIR/ecdsa.crt")
rsa_spki_sha256=$(spki_sha256 "$PKI/server.crt")
ecdsa_spki_sha256=$(spki_sha256 "$DUAL_DIR/ecdsa.crt")
PROPS
log "ports $PORT (TLS 1.2+) and $TLS13_PORT (TLS 1.3 only) ready with an RSA and an ECDSA certificate; wrote $PROPS"
