#!/usr/bin/env bash
# Runs the whole test suite. As root it first installs and configures what the integration tests need:
# a real Postfix (+ Dovecot SASL) on loopback with a freshly generated test PKI, and headless Chromium.
# Without root (or with SMTPSCOPE_SKIP_SETUP=1) those tests are skipped, and say so loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
if [ "$(id -u)" = 0 ] && [ -z "${SMTPSCOPE_SKIP_SETUP:-}" ]; then
  for setup in src/test/setup/*.sh; do
    [ -e "$setup" ] || continue
    echo "== $setup"
    bash "$setup"
  done
  # The setup ran: a missing service is now a failure, not a silent skip (see src/test/.../it/RealServices.java).
  export SMTPSCOPE_REQUIRE_POSTFIX=1
  export SMTPSCOPE_REQUIRE_BROWSER=1
else
  echo "smtpscope: not root (or SMTPSCOPE_SKIP_SETUP set): real-Postfix and browser tests will be SKIPPED" >&2
fi
mvn -B -ntp verify "$@"
