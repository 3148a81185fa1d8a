// vAIst Forge's descriptor.json -> the host's PluginDescriptor.
// A vAIst plugin describes itself in a side file rather than through its module, with string
// parameter ids and plain values; this maps it onto the WSP model: parameter ids 0..n-1 in file
// order, key = the vAIst id verbatim (it is also the suffix of the set_<id> export), stereo in and
// out, plugin id "vaist.<slug of the name>". Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

// Errors name the field, e.g. "parameters[1].max: must be greater than min (20)".
Result<PluginDescriptor> parseVaistDescriptor(std::string_view json);

// "Tape Delay" -> "tape-delay": lower-case ASCII letters and digits, other runs become one '-'.
std::string slugOf(std::string_view name);

}  // namespace wstudio::host::vaist
