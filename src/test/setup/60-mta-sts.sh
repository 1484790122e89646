#!/usr/bin/env bash
# 60-mta-sts.sh - MTA-STS policy hosts for the integration tests: an nginx instance of its own (nginx -c with its
# own configuration, pid, logs and temp dirs under $STATE_DIR; the machine's nginx and /etc/nginx are never
# touched) listening on $HOST:443 only, HTTPS with certificates from a test CA generated on every run, serving
# one policy host per test domain (selected by SNI/Host):
#   enforce, testing, none, crlf, dupkey: policies of those kinds;     redirect: 301 to another host;
#   oversized: a 70,000-byte body;     badmx: invalid mx patterns;     missing: 404;
#   ctype: served as text/html;        wrongcert: a certificate for another name.
# The tests answer DNS themselves (mta-sts.<domain> -> $HOST) and trust $STATE_DIR/ca.pem only.
# Re-runnable while nginx runs: files are rewritten and the running instance reloads them.
#
# Result: $STATE_DIR/mta-sts.properties (host, port, ca_file, base domain).
set -euo pipefail

STATE_DIR=${SMTPSCOPE_MTA_STS_DIR:-/var/tmp/smtpscope-mta-sts}
HOST=${SMTPSCOPE_MTA_STS_HOST:-127.0.0.30}
PORT=443
BASE=sts.smtpscope.test
KINDS=(enforce testing none crlf dupkey redirect oversized badmx missing ctype wrongcert)
CONF="$STATE_DIR/nginx.conf"
PID="$STATE_DIR/nginx.pid"
log()  { printf '[mta-sts] %s\n' "$*"; }
die()  { printf '[mta-sts] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"
[[ $HOST == 127.* ]] || die "SMTPSCOPE_MTA_STS_HOST must be a loopback address, not $HOST"
if ! command -v nginx >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null || die "cannot install nginx-light"
fi
for tool in openssl curl; do
  command -v $tool >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q $tool >/dev/null || die "cannot install $tool"
done
# Debian starts the packaged nginx on install; this set-up neither uses nor stops it.

running() { [[ -s $PID ]] && kill -0 "$(cat "$PID")" 2>/dev/null; }
if ! running && timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null; then
  die "$HOST:$PORT is already taken by another server: free it, or choose another loopback address with SMTPSCOPE_MTA_STS_HOST"
fi

mkdir -p "$STATE_DIR"/{logs,tmp,www,pki}
chmod 0755 "$STATE_DIR" "$STATE_DIR/www"
chmod 0700 "$STATE_DIR/pki"
PKI="$STATE_DIR/pki"

# A fresh test CA and server certificates on every run (30 days), written next to the old ones and then moved.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj "/CN=smtpscope MTA-STS test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$tmp/ca.key" -out "$tmp/ca.pem" 2>/dev/null \
  || die "openssl could not create the test CA"
issue() { # name sans...
  local name=$1; shift
  local san; san=$(printf 'DNS:%s,' "$@"); san=${san%,}
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
    -keyout "$tmp/$name.key" -out "$tmp/$name.csr" 2>/dev/null || die "openssl could not create a key for $name"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san" > "$tmp/$name.ext"
  openssl x509 -req -in "$tmp/$name.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial -days 30 \
    -extfile "$tmp/$name.ext" -out "$tmp/$name.pem" 2>/dev/null || die "openssl could not sign the certificate for $name"
}
good_names=()
for kind in "${KINDS[@]}"; do
  [[ $kind == wrongcert ]] || good_names+=("mta-sts.$kind.$BASE")
done
issue server "${good_names[@]}"
issue wrong "mta-sts.elsewhere.$BASE"
for f in ca.pem ca.key server.pem server.key wrong.pem wrong.key; do
  install -m 0600 "$tmp/$f" "$PKI/$f"
done
chmod 0644 "$PKI/ca.pem"

# The policies, one directory per host.
policy() { # kind content...
  local dir="$STATE_DIR/www/mta-sts.$1.$BASE/.well-known"
  mkdir -p "$dir"
  printf '%s' "$2" > "$dir/mta-sts.txt"
}
rm -rf "$STATE_DIR/www"/*
policy enforce   $'version: STSv1\nmode: enforce\nmx: mail.smtpscope.test\nmx: *.mx.enforce.sts.smtpscope.test\nmax_age: 604800\n'
policy testing   $'version: STSv1\nmode: testing\nmx: mail.smtpscope.test\nmax_age: 86400\n'
policy none      $'version: STSv1\nmode: none\nmax_age: 600\n'
policy crlf      $'version: STSv1\r\nmode: enforce\r\nmx: mail.smtpscope.test\r\nmax_age: 1209600\r\nextension_key: ignored\r\n'
policy dupkey    $'version: STSv1\nmode: testing\nmode: enforce\nmx: mail.smtpscope.test\nmax_age: 604800\n'
policy badmx     $'version: STSv1\nmode: enforce\nmx: mail*.smtpscope.test\nmx: *.*.smtpscope.test\nmax_age: 604800\n'
policy ctype     $'version: STSv1\nmode: enforce\nmx: mail.smtpscope.test\nmax_age: 604800\n'
policy wrongcert $'version: STSv1\nmode: enforce\nmx: mail.smtpscope.test\nmax_age: 604800\n'
policy oversized "$(printf 'version: STSv1\nmode: enforce\nmx: mail.smtpscope.test\nmax_age: 604800\n'; head -c 70000 /dev/zero | tr '\0' '#')"
mkdir -p "$STATE_DIR/www/mta-sts.missing.$BASE"
find "$STATE_DIR/www" -type d -exec chmod 0755 {} + ; find "$STATE_DIR/www" -type f -exec chmod 0644 {} +

server_block() { # kind cert key extra
  cat <<BLOCK
  server {
    listen $HOST:$PORT ssl;
    server_name mta-sts.$1.$BASE;
    ssl_certificate $PKI/$2.pem;
    ssl_certificate_key $PKI/$2.key;
    root $STATE_DIR/www/mta-sts.$1.$BASE;
    location = /.well-known/mta-sts.txt {
      $3
    }
  }
BLOCK
}
{
  cat <<HEAD
# Generated by src/test/setup/60-mta-sts.sh: an nginx instance for the smtpscope tests only.
worker_processes 1;
user www-data;
pid $PID;
error_log $STATE_DIR/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log $STATE_DIR/logs/access.log;
  client_body_temp_path $STATE_DIR/tmp/body;
  proxy_temp_path $STATE_DIR/tmp/proxy;
  fastcgi_temp_path $STATE_DIR/tmp/fastcgi;
  uwsgi_temp_path $STATE_DIR/tmp/uwsgi;
  scgi_temp_path $STATE_DIR/tmp/scgi;
  types { }
  default_type text/plain;
  ssl_protocols TLSv1.2 TLSv1.3;
  # Unknown names get the first certificate and a 404: no test relies on a default host.
  server {
    listen $HOST:$PORT ssl default_server;
    server_name _;
    ssl_certificate $PKI/server.pem;
    ssl_certificate_key $PKI/server.key;
    return 404;
  }
HEAD
  for kind in enforce testing none crlf dupkey badmx oversized; do
    server_block "$kind" server "default_type text/plain;"
  done
  server_block redirect server "return 301 https://mta-sts.enforce.$BASE/.well-known/mta-sts.txt;"
  server_block missing server "return 404;"
  server_block ctype server "default_type text/html;"
  server_block wrongcert wrong "default_type text/plain;"
  echo "}"
} > "$tmp/nginx.conf"
install -m 0644 "$tmp/nginx.conf" "$CONF"
chown -R www-data "$STATE_DIR/tmp" "$STATE_DIR/logs"

nginx -t -c "$CONF" -q || die "nginx -t -c $CONF failed"
if running; then
  nginx -c "$CONF" -s reload || die "nginx reload failed"
else
  nginx -c "$CONF" || die "nginx did not start (see $STATE_DIR/logs/error.log)"
fi

# Ready when the policy host answers with the new certificate (bounded: 20 x 0.5 s).
want=$(openssl x509 -in "$PKI/server.pem" -noout -fingerprint -sha256 | cut -d= -f2)
ok=
for _ in $(seq 1 20); do
  seen=$(timeout 5 openssl s_client -connect "$HOST:$PORT" -servername "mta-sts.enforce.$BASE" </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2 || true)
  [[ $seen == "$want" ]] && { ok=1; break; }
  sleep 0.5
done
[[ -n $ok ]] || die "$HOST:$PORT does not present the new certificate (saw '${seen:-nothing}')"
body=$(timeout 10 curl -sS --cacert "$PKI/ca.pem" --resolve "mta-sts.enforce.$BASE:$PORT:$HOST" \
  "https://mta-sts.enforce.$BASE/.well-known/mta-sts.txt" 2>&1 || true)
[[ $body == *"mode: enforce"* ]] || die "the enforce policy is not served: $body"

cat > "$STATE_DIR/mta-sts.properties" <<PROPS
# Generated by src/test/setup/60-mta-sts.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)
host=$HOST
port=$PORT
ca_file=$PKI/ca.pem
base_domain=$BASE
PROPS
log "nginx on $HOST:$PORT serves ${#KINDS[@]} policy hosts under $BASE; wrote $STATE_DIR/mta-sts.properties"
