#!/usr/bin/env bash
# Install everything the tests need (Chromium from Debian, Python packages in .venv), then run the
# linter and the whole test suite. Used as is by CI (.ci/run) and by the README.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
