# self-check.sh - the set-up's self-check of the test MTA: openssl-based, no swaks/python needed. Sourced by
# setup-postfix.sh after the daemons started; uses its variables (HOST, ports, PKI, SASL user, Maildirs) and
# wait_until(). Counts failures in FAILS.

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

  # The instance's own listeners (found by its master's pid): on $HOST only. Other listeners on these
  # ports (the machine's own MTA on 127.0.0.1, say) are none of our business.
  local master listeners bad
  master=$(tmta_master_pid)
  if [[ -z $master ]]; then
    fail "no master pid in $PF_QUEUE/pid/master.pid"
  elif command -v ss >/dev/null; then
    listeners=$(ss -Hltnp | awk -v pid="pid=$master," 'index($0, pid) {print $4}' | sort)
    bad=$(grep -v "^$HOST:" <<<"$listeners" || true)
    if [[ -n $listeners && -z $bad ]]; then
      ok "the test instance (master pid $master) listens on $HOST only: $(tr '\n' ' ' <<<"$listeners")"
    else
      fail "the test instance (master pid $master) listens on: $(tr '\n' ' ' <<<"$listeners")"
    fi
  else
    ok "master pid $master (ss not installed: listeners not checked)"
  fi
  # The machine's own instance keeps its pid file in its own queue_directory (postconf without -c reads it).
  [[ $master != "$(sed -n '1s/[^0-9]//gp' "$(postconf -h queue_directory 2>/dev/null)/pid/master.pid" 2>/dev/null)" ]] \
    && ok "the test instance is not the machine's own Postfix" || fail "the test instance IS the machine's own Postfix"

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

