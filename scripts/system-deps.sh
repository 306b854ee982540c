#!/usr/bin/env bash
# Installs the Debian packages sursur drives for real.
#   system-deps.sh          what the test suite needs: a PostgreSQL server (the tests start and stop their
#                           own cluster), Chromium (page tests), poppler-utils (the report tests read and
#                           render the PDF), and the Pango library and DejaVu fonts WeasyPrint prints with.
#   system-deps.sh --pdf    only what a PDF report needs (make run); where it cannot be installed, it says
#                           so and goes on: the observatory runs, and reports are offered as HTML.
set -euo pipefail

pdf_only=false
[ "${1:-}" = "--pdf" ] && pdf_only=true

need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if ! $pdf_only; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "sursur: installing system packages: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  if $pdf_only; then
    echo "sursur: PDF reports need these Debian packages: ${need[*]} (apt-get install -y ${need[*]} as root)." >&2
    echo "        Until then the observatory offers reports as HTML." >&2
    exit 0
  fi
  echo "sursur: the tests need these Debian packages: ${need[*]}." >&2
  echo "        Install them as root: apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
  if $pdf_only; then
    echo "sursur: could not install ${need[*]}; the observatory offers reports as HTML until they are." >&2
    exit 0
  fi
  exit 1
fi
