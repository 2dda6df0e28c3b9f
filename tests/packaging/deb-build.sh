#!/usr/bin/env bash
# Builds the Debian packages the packaging tests check, from the build tree:
# the current version, and a previous release for the upgrade test, packaged
# as an older version with the previous release's programs in place of the
# current ones (previous-release.cmake, a CPack pre-build script).
#   deb-build.sh CPACK BUILD_DIR OUT_DIR OLDER_VERSION PREVIOUS_SCRIPT PREVIOUS_DIR STRIP
set -euo pipefail
cpack=$1 build=$2 out=$3 older=$4 previous_script=$5 previous_dir=$6 strip=$7

rm -rf "$out"
mkdir -p "$out/current" "$out/older"
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$out/current"
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$out/older" \
    -D CPACK_PACKAGE_VERSION="$older" -D CPACK_PRE_BUILD_SCRIPTS="$previous_script" \
    -D OW_PREVIOUS_DIR="$previous_dir" -D OW_STRIP="$strip"
# The staging trees are large and no test reads them.
rm -rf "$out/current/_CPack_Packages" "$out/older/_CPack_Packages"
ls -l "$out"/current/*.deb "$out"/older/*.deb
