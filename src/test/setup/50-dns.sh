#!/usr/bin/env bash
# 50-dns.sh - a signed test DNS for the mail-domain tests (DNSSEC, DANE): NSD as the authoritative server on
# 127.0.0.20:53 and Unbound as the validating resolver on 127.0.0.21:53, each its own instance (own config
# passed with -c, own pid, log and zone files under /var/tmp/smtpscope-dns); the machine's resolver and any
# system NSD/Unbound are left alone. Runs after 10-postfix.sh, as root: the TLSA records are computed from the
# test Postfix's certificates, which that setup regenerates on every run, so the zones are rebuilt and
# re-signed (ldns-keygen, ldns-signzone) and both servers restarted on every run.
#
# Zones (all under the private name smtpscope.test, trust anchor = the DS of smtpscope.test):
#   smtpscope.test            signed; the test domains below, each an MX pointing at the test Postfix 127.0.0.2
#     ee.                     MX mx.ee, TLSA 3 1 1 = the server key (DANE-EE)
#     ta.                     MX mail.smtpscope.test, TLSA 2 0 1 = the test CA (DANE-TA, name in the certificate)
#     nomatch.                TLSA 3 1 1 of another key (after a "renewal" without new TLSA)
#     rollover.               two TLSA 3 1 1, one of another key, one of the server key
#     cname.                  MX mx.cname, a CNAME to host.cname; TLSA at the CNAME target (RFC 7672 section 2.2.2)
#     pkix.                   TLSA 1 1 1 only (unusable for SMTP): TLS required, not authenticated
#     dualboth.               MX mx.dualboth, TLSA at _2530._tcp (the RSA + ECDSA service of 45-postfix-dual-cert.sh):
#                             3 1 1 of each key: every certificate matched
#     dualrsa.                the same with 3 1 1 of the RSA key only: the ECDSA certificate matches nothing
#     dualtls13.              as dualrsa, at _2531._tcp (the same certificates, TLS 1.3 only: both encrypted)
#   unsigned.smtpscope.test   delegated without DS: MX, A and TLSA insecure
#   expired.smtpscope.test    delegated with DS, signatures expired in 2020: bogus
#   _tcp.mx.badtlsa.smtpscope.test  the same for the TLSA records only: MX and A secure, TLSA bogus
#
# Result: /var/tmp/smtpscope-dns/dns.properties (resolver, authoritative, trust_anchor, domains) and
# trust-anchor.ds, the anchor file for `smtpscope scan --trust-anchor`, Unbound and delv.
set -euo pipefail

DIR=/var/tmp/smtpscope-dns
AUTH=127.0.0.20
RESOLVER=127.0.0.21
PKI=/var/tmp/smtpscope-postfix/pki
DUAL_ECDSA=/var/tmp/smtpscope-postfix/dual-cert/ecdsa.crt
DUAL_PORT=2530
DUAL_TLS13_PORT=2531
POSTFIX=127.0.0.2
APEX=smtpscope.test
log() { printf '[dns] %s\n' "$*"; }
die() { printf '[dns] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"
command -v nsd >/dev/null && command -v unbound >/dev/null && command -v ldns-signzone >/dev/null \
  && command -v delv >/dev/null && command -v ldns-dane >/dev/null \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y nsd unbound ldnsutils bind9-dnsutils >/dev/null
[[ -f $PKI/server.crt && -f $PKI/ca.crt ]] || die "$PKI has no test certificates: run 10-postfix.sh first"
[[ -f $DUAL_ECDSA ]] || die "$DUAL_ECDSA missing: run 45-postfix-dual-cert.sh first"

stop() { # by our own pid file only: never a system instance
  local pidfile=$1 pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}
stop "$DIR/nsd.pid"
stop "$DIR/unbound.pid"

# The loopback addresses: Linux answers all of 127/8 on lo, nothing to configure. Someone else on port 53?
for ip in $AUTH $RESOLVER; do
  if ss -Hlun "src $ip:53" | grep -q .; then die "$ip:53 is taken by another process: $(ss -Hlunp "src $ip:53")"; fi
done

rm -rf "$DIR"
mkdir -p "$DIR/zones" "$DIR/keys"
chmod 0755 "$DIR"
cd "$DIR/keys"

sha256() { sha256sum | cut -d' ' -f1; }
LEAF_SPKI=$(openssl x509 -in "$PKI/server.crt" -noout -pubkey | openssl pkey -pubin -outform DER | sha256)
LEAF_CERT=$(openssl x509 -in "$PKI/server.crt" -outform DER | sha256)
CA_CERT=$(openssl x509 -in "$PKI/ca.crt" -outform DER | sha256)
# The dual-certificate service presents the base RSA certificate (LEAF_SPKI) and this ECDSA one.
ECDSA_SPKI=$(openssl x509 -in "$DUAL_ECDSA" -noout -pubkey | openssl pkey -pubin -outform DER | sha256)
OTHER_SPKI=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 2>/dev/null \
  | openssl pkey -pubout -outform DER | sha256)

keys() { # zone -> prints "zsk ksk" basenames
  local zone=$1 zsk ksk
  zsk=$(ldns-keygen -a ECDSAP256SHA256 "$zone")
  ksk=$(ldns-keygen -a ECDSAP256SHA256 -k "$zone")
  echo "$zsk $ksk"
}
soa() {
  printf '$ORIGIN %s.\n$TTL 60\n@ SOA ns.%s. hostmaster.%s. %s 3600 600 86400 60\n@ NS ns.%s.\n' \
    "$1" "$APEX" "$APEX" "$(date +%s)" "$APEX"
}
sign() { # zone file [extra ldns-signzone options] -> zone.signed
  local zone=$1 file=$2; shift 2
  read -r zsk ksk < <(keys "$zone")
  cat "$zsk.key" "$ksk.key" >> "$file"
  ldns-signzone "$@" -f "$file.signed" "$file" "$zsk" "$ksk"
  cp "$ksk.ds" "$DIR/keys/$zone.ds"
}

# expired.smtpscope.test: signed, DS in the parent, every signature expired in 2020.
soa expired.$APEX > "$DIR/zones/expired.zone"
cat >> "$DIR/zones/expired.zone" <<EOF
@ MX 10 mx
mx A $POSTFIX
_25._tcp.mx TLSA 3 1 1 $LEAF_SPKI
EOF
sign expired.$APEX "$DIR/zones/expired.zone" -i 20200101000000 -e 20200201000000

# _tcp.mx.badtlsa.smtpscope.test: only the TLSA records, signatures expired: the MX host's addresses are secure.
soa _tcp.mx.badtlsa.$APEX > "$DIR/zones/badtlsa.zone"
cat >> "$DIR/zones/badtlsa.zone" <<EOF
_25 TLSA 3 1 1 $LEAF_SPKI
EOF
sign _tcp.mx.badtlsa.$APEX "$DIR/zones/badtlsa.zone" -i 20200101000000 -e 20200201000000

# unsigned.smtpscope.test: delegated without DS, so provably insecure.
soa unsigned.$APEX > "$DIR/zones/unsigned.zone"
cat >> "$DIR/zones/unsigned.zone" <<EOF
@ MX 10 mx
mx A $POSTFIX
_25._tcp.mx TLSA 3 1 1 $LEAF_SPKI
EOF

soa $APEX > "$DIR/zones/apex.zone"
cat >> "$DIR/zones/apex.zone" <<EOF
ns A $AUTH
mail A $POSTFIX
_25._tcp.mail TLSA 2 0 1 $CA_CERT
ee MX 10 mx.ee
mx.ee A $POSTFIX
_25._tcp.mx.ee TLSA 3 1 1 $LEAF_SPKI
ta MX 10 mail
nomatch MX 10 mx.nomatch
mx.nomatch A $POSTFIX
_25._tcp.mx.nomatch TLSA 3 1 1 $OTHER_SPKI
rollover MX 10 mx.rollover
mx.rollover A $POSTFIX
_25._tcp.mx.rollover TLSA 3 1 1 $OTHER_SPKI
_25._tcp.mx.rollover TLSA 3 0 1 $LEAF_CERT
cname MX 10 mx.cname
mx.cname CNAME host.cname
host.cname A $POSTFIX
_25._tcp.host.cname TLSA 3 1 1 $LEAF_SPKI
pkix MX 10 mx.pkix
mx.pkix A $POSTFIX
_25._tcp.mx.pkix TLSA 1 1 1 $LEAF_SPKI
dualboth MX 10 mx.dualboth
mx.dualboth A $POSTFIX
_$DUAL_PORT._tcp.mx.dualboth TLSA 3 1 1 $LEAF_SPKI
_$DUAL_PORT._tcp.mx.dualboth TLSA 3 1 1 $ECDSA_SPKI
dualrsa MX 10 mx.dualrsa
mx.dualrsa A $POSTFIX
_$DUAL_PORT._tcp.mx.dualrsa TLSA 3 1 1 $LEAF_SPKI
dualtls13 MX 10 mx.dualtls13
mx.dualtls13 A $POSTFIX
_$DUAL_TLS13_PORT._tcp.mx.dualtls13 TLSA 3 1 1 $LEAF_SPKI
badtlsa MX 10 mx.badtlsa
mx.badtlsa A $POSTFIX
_tcp.mx.badtlsa NS ns
unsigned NS ns
expired NS ns
EOF
cat "$DIR/keys/expired.$APEX.ds" "$DIR/keys/_tcp.mx.badtlsa.$APEX.ds" >> "$DIR/zones/apex.zone"
sign $APEX "$DIR/zones/apex.zone"
cp "$DIR/keys/$APEX.ds" "$DIR/trust-anchor.ds"
# The same anchor for delv (BIND's trust-anchors syntax).
awk '$3 == "DS" || $4 == "DS" { n = ($3 == "DS") ? 4 : 5; d = ""; for (i = n + 3; i <= NF; i++) d = d $i;
     printf "trust-anchors {\n  %s static-ds %s %s %s \"%s\";\n};\n", $1, $n, $(n+1), $(n+2), d }' \
  "$DIR/trust-anchor.ds" > "$DIR/trust-anchor.bind"

cat > "$DIR/nsd.conf" <<EOF
server:
  ip-address: $AUTH@53
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$DIR/zones"
  database: ""
  pidfile: "$DIR/nsd.pid"
  logfile: "$DIR/nsd.log"
  xfrdfile: "$DIR/xfrd.state"
  xfrdir: "$DIR"
  zonelistfile: "$DIR/zone.list"
  server-count: 1
  verbosity: 1
remote-control:
  control-enable: no
zone:
  name: "$APEX"
  zonefile: "apex.zone.signed"
zone:
  name: "unsigned.$APEX"
  zonefile: "unsigned.zone"
zone:
  name: "expired.$APEX"
  zonefile: "expired.zone.signed"
zone:
  name: "_tcp.mx.badtlsa.$APEX"
  zonefile: "badtlsa.zone.signed"
EOF
nsd-checkconf "$DIR/nsd.conf"
nsd -c "$DIR/nsd.conf"

cat > "$DIR/unbound.conf" <<EOF
server:
  interface: $RESOLVER
  port: 53
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  username: ""
  chroot: ""
  directory: "$DIR"
  pidfile: "$DIR/unbound.pid"
  logfile: "$DIR/unbound.log"
  use-syslog: no
  # Started in the background by this script rather than daemon(3), which needs a character device /dev/null.
  do-daemonize: no
  verbosity: 1
  val-log-level: 2
  do-not-query-localhost: no
  qname-minimisation: no
  # Never a packet off loopback: queries leave from this address only (the kernel refuses to route them
  # anywhere else), and every name outside the test zones is refused instead of resolved from the root.
  outgoing-interface: $RESOLVER
  local-zone: "." refuse
  local-zone: "$APEX." transparent
  # "test." is a locally served zone by default (RFC 6761): serve ours instead.
  local-zone: "test." nodefault
  trust-anchor-file: "$DIR/trust-anchor.ds"
  # The zones are rebuilt on every set-up run: keep answers briefly.
  cache-max-ttl: 60
  cache-max-negative-ttl: 10
stub-zone:
  name: "$APEX"
  stub-addr: $AUTH
remote-control:
  control-enable: no
EOF
unbound-checkconf "$DIR/unbound.conf" >/dev/null
setsid unbound -c "$DIR/unbound.conf" </dev/null >>"$DIR/unbound.stderr" 2>&1 &

for _ in $(seq 1 50); do
  dig +short +time=1 +tries=1 @$RESOLVER mx.ee.$APEX A 2>/dev/null | grep -q "$POSTFIX" && break
  sleep 0.2
done
dig +short +time=1 +tries=1 @$RESOLVER mx.ee.$APEX A | grep -q "$POSTFIX" || die "Unbound on $RESOLVER does not answer (see $DIR/unbound.log)"

cat > "$DIR/dns.properties" <<EOF
# Generated by src/test/setup/50-dns.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)
resolver=$RESOLVER
authoritative=$AUTH
trust_anchor=$DIR/trust-anchor.ds
trust_anchor_bind=$DIR/trust-anchor.bind
apex=$APEX
postfix=$POSTFIX
leaf_spki_sha256=$LEAF_SPKI
leaf_cert_sha256=$LEAF_CERT
ca_cert_sha256=$CA_CERT
ecdsa_spki_sha256=$ECDSA_SPKI
dual_port=$DUAL_PORT
dual_tls13_port=$DUAL_TLS13_PORT
domains=ee ta nomatch rollover cname pkix unsigned expired badtlsa dualboth dualrsa dualtls13
EOF
log "NSD on $AUTH:53, validating Unbound on $RESOLVER:53; properties in $DIR/dns.properties"
