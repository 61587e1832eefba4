#!/usr/bin/env bash
# What differs between Linux, macOS and the BSDs lives in src/platform/ alone (README,
# "Systems"): no Linux-only call anywhere else, and no source reaches into cpp-httplib, which
# flowhook does not link (README, "Dependencies").
source "$(dirname "$0")/../lib.sh"

# Prints FILE:LINE: TEXT for each use of a Linux-only interface outside platform/.
linux_only_outside() {
  grep -rnE 'epoll|eventfd|accept4|fdatasync *\(|::fdatasync|MSG_NOSIGNAL|SOCK_NONBLOCK|SOCK_CLOEXEC|signalfd|timerfd|sys/sendfile|<linux/' \
    --include='*.cpp' --include='*.hpp' "$1" | grep -v '^[^:]*/platform/[^/:]*:' |
    grep -vE '^[^:]*:[0-9]+:\s*//'
}

linux_only_outside "$SOURCE_DIR/src" >"$WORK/report"
[[ -s $WORK/report ]] && fail "Linux-only calls outside src/platform/:
$(cat "$WORK/report")"

grep -rnE '#\s*include\s*[<"]httplib|httplib::' --include='*.cpp' --include='*.hpp' "$SOURCE_DIR/src" >"$WORK/httplib" &&
  fail "src/ uses cpp-httplib, which flowhook does not link:
$(cat "$WORK/httplib")"

# The check can fail.
mkdir -p "$WORK/bad/http" "$WORK/bad/platform"
printf '#include <sys/epoll.h>\nint f() { return epoll_create1(0); }\n' >"$WORK/bad/http/poller.cpp"
printf '#include <sys/epoll.h>\n' >"$WORK/bad/platform/linux.cpp"
[[ $(linux_only_outside "$WORK/bad" | wc -l) -eq 2 ]] || fail "the check missed epoll in http/: $(linux_only_outside "$WORK/bad")"
finish
