#pragma once
// send -v: a log of the run on stderr, as it happens, that leaves stdout (text or JSON) as it
// is: the delivery settings, then each attempt and each outcome with the time since the start.

#include <cstdio>
#include <memory>

#include "send/sender.hpp"
#include "send/report.hpp"

namespace flowhook::send {

// One line on `log`: where the payloads go, and the delivery semantics in force. (How many is
// known only at the end: files are read as they are sent.)
void log_settings(std::FILE* log, const SenderOptions& sender);

// A reporter that passes every call on to `report` and also logs attempts and outcomes on `log`:
// "flowhook: send: +0.012s order.json  ORDER_SETTLED  attempt 1 of 11: 500 Internal Server Error
// in 1.2ms; retry in 1.04s".
std::unique_ptr<SendReporter> with_verbose_log(std::unique_ptr<SendReporter> report,
                                               const SenderOptions& sender, std::FILE* log);

}  // namespace flowhook::send
