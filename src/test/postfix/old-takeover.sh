# old-takeover.sh - undoes what setup-postfix.sh did before the test MTA became an instance of its own.
# Sourced by setup-postfix.sh, which defines log(), warn() and daemon_ctl().
#
# The old set-up rewrote /etc/postfix/main.cf and master.cf and /etc/dovecot/dovecot.conf, kept the originals
# as *.smtpscope-orig, and ran the machine's own Postfix and Dovecot with the test configuration: on a real
# MX that took mail down. When those backups are found next to a file that is still the old test
# configuration, the originals go back in place and the machine's own daemons, if running (they run the test
# configuration), are restarted through the system's service manager with the restored files. Nothing
# happens when there is no backup, and a backup next to a file the admin has changed since is left alone.

OLD_POSTFIX_FINGERPRINT='ESMTP smtpscope-test'
OLD_DOVECOT_FINGERPRINT='# Managed by smtpscope src/test/postfix/setup-postfix.sh'

shout() { printf '[setup-postfix] *** %s ***\n' "$*" >&2; }

# Starts a system service the way the machine does (systemd or the init script), else directly.
start_system_service() {
  local name=$1; shift
  if command -v service >/dev/null; then
    daemon_ctl service "$name" start
  else
    daemon_ctl "$@"
  fi
}

restore_backup() {  # restore_backup FILE: FILE.smtpscope-orig -> FILE (owner, mode and mtime of the original)
  mv -f "$1.smtpscope-orig" "$1"
  shout "restored $1 from $1.smtpscope-orig"
}

undo_old_postfix_takeover() {
  local f restored=0
  [[ -e /etc/postfix/main.cf.smtpscope-orig || -e /etc/postfix/master.cf.smtpscope-orig ]] || return 0
  if ! grep -qF "$OLD_POSTFIX_FINGERPRINT" /etc/postfix/main.cf 2>/dev/null; then
    warn "/etc/postfix/*.smtpscope-orig exist but /etc/postfix/main.cf is no longer the old test configuration: left alone"
    return 0
  fi
  shout "an older smtpscope set-up had taken over the machine's own Postfix (/etc/postfix): undoing it"
  for f in main.cf master.cf; do
    [[ -e /etc/postfix/$f.smtpscope-orig ]] && { restore_backup "/etc/postfix/$f"; restored=1; }
  done
  ((restored)) || return 0
  if postfix status >/dev/null 2>&1; then
    shout "restarting the machine's own Postfix with its restored configuration (it was running the test configuration)"
    daemon_ctl postfix stop || warn "could not stop the machine's own Postfix"
    wait_until 20 system_postfix_stopped || warn "the machine's own Postfix did not stop"
    start_system_service postfix postfix start \
      || warn "the machine's own Postfix did not start with its restored configuration: see its log"
  else
    shout "the machine's own Postfix is not running: left stopped"
  fi
}

undo_old_dovecot_takeover() {
  local conf=/etc/dovecot/dovecot.conf pid
  [[ -e $conf.smtpscope-orig ]] || return 0
  if ! grep -qF "$OLD_DOVECOT_FINGERPRINT" "$conf" 2>/dev/null; then
    warn "$conf.smtpscope-orig exists but $conf is no longer the old test configuration: left alone"
    return 0
  fi
  shout "an older smtpscope set-up had taken over the machine's own Dovecot ($conf): undoing it"
  restore_backup "$conf"
  # The old test configuration used Dovecot's default base_dir.
  pid=$(cat /run/dovecot/master.pid 2>/dev/null) || pid=
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    shout "restarting the machine's own Dovecot with its restored configuration (it was running the test configuration)"
    kill -TERM "$pid"
    wait_until 20 bash -c "! kill -0 $pid 2>/dev/null" || warn "the machine's own Dovecot (pid $pid) did not stop"
    start_system_service dovecot dovecot \
      || warn "the machine's own Dovecot did not start with its restored configuration: see its log"
  else
    shout "the machine's own Dovecot is not running: left stopped"
  fi
}

system_postfix_stopped() { ! postfix status >/dev/null 2>&1; }

undo_old_takeover() {
  undo_old_postfix_takeover
  undo_old_dovecot_takeover
}
