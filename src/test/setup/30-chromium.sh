#!/usr/bin/env bash
# Headless Chromium for the HTML report browser test (HtmlReportBrowserTest). Idempotent: a no-op when
# chromium is already installed. Only Debian's own packages are used (no third-party repository).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-remove: a browser for one test is never worth removing an installed package.
apt-get install -y -qq --no-remove --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium installed: $(chromium --version 2>/dev/null || echo unknown version)"
