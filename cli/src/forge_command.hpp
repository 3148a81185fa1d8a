// `vaist forge plan "<prompt>"`: the offline generator's plan as JSON (docs/forge-plan.md).
// `vaist forge code <plan.json>`: the C++ source the plan becomes (docs/forge-plan.md).
#pragma once

#include <span>
#include <string>

namespace vaist {

// 0 on success; 1 when the plan file is invalid (its errors, with paths, on stderr); 2 for bad
// arguments or an unreadable file.
int runForgeCommand(std::span<const std::string> args);

}  // namespace vaist
