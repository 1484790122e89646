#!/usr/bin/env bash
# Installs and starts the real Postfix (+ Dovecot SASL) on loopback that the integration tests scan.
set -euo pipefail
exec bash "$(dirname "$0")/../postfix/setup-postfix.sh"
