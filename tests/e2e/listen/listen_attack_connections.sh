#!/usr/bin/env bash
# 200 slowloris connections (a header byte a second) and then 1,000 idle connections: normal
# deliveries are still answered within 1 s, memory stays flat, and the attackers are cut
# after the read timeout.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener crowd --read-timeout 3s
survive_attack slowloris $((64 * 1024 + 1024)) slowloris "$PORT" 200 5
grep -q "^open 200" "$WORK/slowloris" || fail "slowloris: $(cat "$WORK/slowloris")"
grep -q "^still_open 0" "$WORK/slowloris" || fail "slowloris connections were not cut: $(cat "$WORK/slowloris")"

survive_attack idle $((64 * 1024 + 1024)) idle "$PORT" 1000 5
grep -q "^open 1000" "$WORK/idle" || fail "idle: $(cat "$WORK/idle")"
grep -q "^still_open 0" "$WORK/idle" || fail "idle connections were not closed: $(cat "$WORK/idle")"

stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit $EXIT_STATUS"
grep -q "408 x200" "$WORK/crowd.err" || fail "summary: $(cat "$WORK/crowd.err")"
finish
