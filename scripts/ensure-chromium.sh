#!/usr/bin/env bash
# Installs Debian's chromium when it is missing, so the report test can load the HTML report in a
# real headless browser. Needs root (CI); prints what it did and never fails the run.
set -u
if [ -x /usr/bin/chromium ]; then echo "chromium: present"; exit 0; fi
if [ "$(id -u)" != "0" ]; then echo "chromium: missing and not root; the HTML report browser test will be skipped"; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; then
  echo "chromium: installed"
else
  echo "chromium: install failed; the HTML report browser test will be skipped"
fi
exit 0
