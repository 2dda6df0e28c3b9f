#!/usr/bin/env bash
# Builds the Debian packages the packaging tests check, from the binaries of
# the build tree: the current version, and the same programs packaged as an
# older version for the upgrade test.
#   deb-build.sh CPACK BUILD_DIR OUT_DIR OLDER_VERSION
set -euo pipefail
cpack=$1 build=$2 out=$3 older=$4

rm -rf "$out"
mkdir -p "$out/current" "$out/older"
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$out/current"
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$out/older" \
    -D CPACK_PACKAGE_VERSION="$older"
# The staging trees are large and no test reads them.
rm -rf "$out/current/_CPack_Packages" "$out/older/_CPack_Packages"
ls -l "$out"/current/*.deb "$out"/older/*.deb
