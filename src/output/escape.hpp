#pragma once
// Escaping for the machine formats, shared by every report that writes them (validate's and
// check's).

#include <string>
#include <string_view>

namespace flowhook::output {

// Appends `text` to `out` as XML character data or an attribute value; control characters
// XML 1.0 forbids become '?'.
void append_xml_escaped(std::string& out, std::string_view text);

// `text` escaped for a GitHub workflow command; a `property` also escapes ':' and ','.
std::string github_escape(std::string_view text, bool property);

}  // namespace flowhook::output
