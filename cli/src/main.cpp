// vaist: WASM Studio's command line. `vaist COMMAND ...`; see `vaist --help`.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "command.hpp"
#include "wsp/wsp_plugin.h"

namespace {

void printHelp(std::ostream& out) {
  out << "vaist " WSTUDIO_VERSION " - WASM Studio command line\n\n"
         "Usage: vaist COMMAND [ARGS...]\n\n"
         "Commands:\n";
  for (const auto& command : vaist::commands()) {
    out << "  " << command.name << std::string(10 - std::min<size_t>(9, command.name.size()), ' ')
        << command.summary << "\n";
  }
  out << "\nOptions:\n"
         "  --help     show this help (also: vaist COMMAND --help)\n"
         "  --version  print the version\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    printHelp(std::cerr);
    return vaist::kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printHelp(std::cout);
    return vaist::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "vaist " WSTUDIO_VERSION " (WSP ABI " << WSP_ABI_VERSION_MAJOR << "."
              << WSP_ABI_VERSION_MINOR << ")\n";
    return vaist::kExitOk;
  }
  for (const auto& command : vaist::commands()) {
    if (args[0] == command.name) {
      return command.run(std::span<const std::string>(args).subspan(1));
    }
  }
  std::cerr << "vaist: unknown command '" << args[0] << "'. Run 'vaist --help' for the list.\n";
  return vaist::kExitUsage;
}
