// The JSON values of operations, shared by the operation writer and the result writer.
#pragma once

#include <string>
#include <vector>

#include "../json_writer.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session::detail {

Out writeOpJson(const Op& op);
Out writeOpsJson(const std::vector<Op>& ops);
// Compact text; never throws.
std::string dumpCompact(const Out& out);

}  // namespace wstudio::session::detail
