// A `vaist` subcommand. main.cpp dispatches on the first argument to the table in commands.cpp;
// adding `vaist render` or `vaist serve` means one new file with a run function and one line
// in that table.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vaist {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the command ran and found a problem (e.g. validation)
inline constexpr int kExitUsage = 2;   // bad arguments, or an input that cannot be used

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `vaist --help`
  // Arguments after the command's name.
  int (*run)(std::span<const std::string> args);
};

const std::vector<Command>& commands();

// `vaist plugin ...`
int runPluginCommand(std::span<const std::string> args);

}  // namespace vaist
