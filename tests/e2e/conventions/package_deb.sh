#!/usr/bin/env bash
# CPack builds a .deb that installs the binary and depends on the Debian runtime packages.
source "$(dirname "$0")/../lib.sh"

command -v dpkg-shlibdeps >/dev/null || { echo "dpkg-shlibdeps missing (package dpkg-dev)"; exit 1; }
cd "$WORK" || exit 1
run cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$WORK/pkg"
expect_exit 0
deb=$(ls "$WORK"/pkg/flowhook_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] || fail "no .deb produced; $OUT $ERR"
if [[ -n "$deb" ]]; then
  run dpkg-deb -f "$deb" Depends
  expect_out "libcpp-httplib"
  expect_out "libc6"
  run dpkg-deb -c "$deb"
  expect_out "./usr/bin/flowhook"
  expect_out "./usr/share/man/man1/flowhook.1"
  expect_out "./usr/share/bash-completion/completions/flowhook"
fi
finish
