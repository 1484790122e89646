#!/usr/bin/env bash
# stop-test-mta.sh - stops the test MTA's own Postfix and Dovecot instances (setup-postfix.sh starts them
# again). The machine's own Postfix and Dovecot are not touched. Run as root.
#
#   SMTPSCOPE_POSTFIX_DIR   state dir (default /var/tmp/smtpscope-postfix)
set -euo pipefail
log() { printf '[stop-test-mta] %s\n' "$*"; }
die() { printf '[stop-test-mta] ERROR: %s\n' "$*" >&2; exit 1; }
source "$(dirname "$0")/test-mta.sh"
[[ $(id -u) -eq 0 ]] || die "must run as root"

if tmta_postfix_running; then
  tmta_postfix stop </dev/null
  log "stopped the test Postfix ($PF_CONF)"
else
  log "the test Postfix ($PF_CONF) is not running"
fi
if tmta_dovecot_running; then
  doveadm -c "$DOVECOT_CONF" stop </dev/null
  log "stopped the test Dovecot ($DOVECOT_CONF)"
else
  log "the test Dovecot ($DOVECOT_CONF) is not running"
fi
