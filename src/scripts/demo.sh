#!/usr/bin/env bash
# Builds smtpscope and runs the built-in demo: in-process SMTP servers on loopback, scanned, report in reports/demo.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/java-env.sh
mvn -q -B -DskipTests package
java -jar target/smtpscope.jar demo "$@"
