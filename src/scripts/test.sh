#!/usr/bin/env bash
# Runs the whole test suite. As root it first installs and configures what the integration tests need:
# a test MTA of its own (a separate Postfix + Dovecot SASL instance on 127.0.0.2, freshly generated test PKI)
# and headless Chromium. Without root (or with SMTPSCOPE_SKIP_SETUP=1) those tests are skipped, and say so
# loudly.
#
# The machine's own mail server is never touched: setup-postfix.sh writes a manifest of /etc/postfix and
# /etc/dovecot before it does anything; this script checks it after all set-up scripts and again after the
# suite, and fails the run when anything there changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
check_config() { bash src/test/postfix/system-config.sh verify "$1"; }
baseline=
if [ "$(id -u)" = 0 ] && [ -z "${SMTPSCOPE_SKIP_SETUP:-}" ]; then
  for setup in src/test/setup/*.sh; do
    [ -e "$setup" ] || continue
    echo "== $setup"
    bash "$setup"
  done
  # A copy: another work tree's set-up may rewrite the manifest while this suite runs.
  baseline=$(mktemp /tmp/smtpscope-system-config.XXXXXX)
  trap 'rm -f "$baseline"' EXIT
  cp "${SMTPSCOPE_POSTFIX_DIR:-/var/tmp/smtpscope-postfix}/system-config.manifest" "$baseline"
  check_config "$baseline" || { echo "smtpscope: the set-up scripts changed the machine's mail configuration" >&2; exit 1; }
  # The setup ran: a missing service is now a failure, not a silent skip (see src/test/.../it/RealServices.java).
  export SMTPSCOPE_REQUIRE_POSTFIX=1
  export SMTPSCOPE_REQUIRE_BROWSER=1
  export SMTPSCOPE_REQUIRE_PQ=1
  export SMTPSCOPE_REQUIRE_NGINX=1
  export SMTPSCOPE_REQUIRE_DNS=1
else
  echo "smtpscope: not root (or SMTPSCOPE_SKIP_SETUP set): real-Postfix and browser tests will be SKIPPED" >&2
fi
status=0
mvn -B -ntp verify "$@" || status=$?
if [ -n "$baseline" ] && ! check_config "$baseline"; then
  echo "smtpscope: FAILED: the test suite changed the machine's mail configuration (see above)" >&2
  status=1
fi
exit "$status"
