#!/usr/bin/env bash
# README's CI recipes (GitHub Actions and GitLab CI) build the .deb once with .ci/build-deb,
# install it and validate with it: those shell steps work, and the recipes still name them. The
# package installs the binary, its man page and completions, and depends on the Debian runtime
# packages it links and on no library it does not use (cpp-httplib builds only the tests' peers).
source "$(dirname "$0")/../lib.sh"

command -v dpkg-shlibdeps >/dev/null || { echo "dpkg-shlibdeps missing (package dpkg-dev)"; exit 1; }
readme="$SOURCE_DIR/README.md"
for step in 'bash flowhook/.ci/build-deb flowhook-deb' 'apt-get install -y -qq ./flowhook-deb/flowhook_*.deb' \
  'flowhook validate --strict --format github app/fixtures/' 'flowhook validate --strict --format junit fixtures/'; do
  grep -qF -- "$step" "$readme" || fail "README's CI recipes no longer run: $step"
done

# The build step, from this test's own build (FLOWHOOK_BUILD_DIR) instead of a new one; CPack
# strips and compresses a large binary, which takes a while on a loaded machine.
cd "$WORK" || exit 1
RUN_TIMEOUT=300 run env FLOWHOOK_BUILD_DIR="$BUILD_DIR" bash "$SOURCE_DIR/.ci/build-deb" flowhook-deb
expect_exit 0
deb=$(ls "$WORK"/flowhook-deb/flowhook_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] || { fail "no .deb in flowhook-deb/: $OUT $ERR"; finish; }

run dpkg-deb -f "$deb" Depends
expect_out "libssl"
expect_out "libc6"
expect_no_out "libcpp-httplib"
run dpkg-deb -c "$deb"
expect_out "./usr/bin/flowhook"
expect_out "./usr/share/man/man1/flowhook.1"
expect_out "./usr/share/bash-completion/completions/flowhook"

# The install step, into a scratch root rather than this machine's /usr.
dpkg-deb -x "$deb" "$WORK/root" || fail "dpkg-deb -x failed"
installed="$WORK/root/usr/bin/flowhook"

# The validate step: annotations for GitHub, a JUnit report for GitLab, exit 1 on a bad fixture.
mkdir -p app/fixtures
cp "$FIXTURES/documented/order_settled.json" app/fixtures/good.json
printf '{"action":"ORDER_SETTLED","tenant":{"Id":"seven","Uid":"7"}}\n' >app/fixtures/bad.json
run "$installed" validate --strict --format github app/fixtures/
expect_exit 1
expect_out "::error file=app/fixtures/bad.json"
run "$installed" validate --strict --format junit app/fixtures/
expect_exit 1
expect_out "<testsuite"
finish
