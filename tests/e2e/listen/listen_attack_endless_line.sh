#!/usr/bin/env bash
# 1 GiB streamed as a request line, then as a header line, without a newline: the listener
# answers 414 / 431 after a few KiB and cuts the connection; its memory stays flat and normal
# deliveries are answered within 1 s meanwhile.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener endless
for where in line header; do
  survive_attack "$where" $((64 * 1024 + 1024)) endless "$PORT" "$where" 1024 4
  ((ATTACK_STATUS == 0)) || fail "$where attacker failed"
  expected=$([[ $where == line ]] && echo "414 URI Too Long" || echo "431 Request Header Fields Too Large")
  grep -q "^HTTP/1.1 $expected" "$WORK/$where" || fail "$where: $(head -3 "$WORK/$where")"
  ! grep -q "sent_mib=1024" "$WORK/$where" || fail "$where: the listener read the whole GiB"
done
finish
