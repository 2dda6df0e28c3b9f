#!/usr/bin/env bash
# Installs every Debian 12 package OneWindow needs to build, run and test.
# Idempotent and non-interactive: packages already present are skipped, and
# the package lists are refreshed only when something must be installed.
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ ninja-build pkg-config bzip2 file
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-charts-dev qt6-svg-dev qt6-pdf-dev libqt6opengl6-dev libxkbcommon-dev libgl-dev libzint-dev libsodium-dev libpq-dev libsqlite3-dev
  unicode-data catch2
  # run
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins qt6-translations-l10n
  fonts-noto-cjk fonts-hanazono
  # test: PDF and barcode checks, screenshots, the central server and its pooler, packaging
  poppler-utils zbar-tools xvfb xauth x11-apps imagemagick postgresql-15 pgbouncer openssl
  dpkg-dev lintian desktop-file-utils appstream man-db
  # test: the fault campaign's clock a day off (tests/fault/FaultCampaign.cpp)
  faketime
  # test: a private CUPS server with a PDF printer (tests/ui/CupsPrintTest.cpp)
  cups-daemon cups-client cups-filters printer-driver-cups-pdf
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The PostgreSQL package starts a system cluster; the tests run their own.
echo "install-deps: done"
