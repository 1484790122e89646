#!/usr/bin/env bash
# Builds smtpscope and runs the built-in demo: in-process SMTP servers on loopback, scanned, report in reports/demo.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
source src/scripts/maven-quiet.sh
smtpscope_mvn_quiet -DskipTests package
bin/smtpscope demo "$@"
