#include "command.hpp"

namespace vaist {

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"plugin", "inspect and validate plugins: plugin info FILE, plugin validate FILE",
       runPluginCommand},
  };
  return table;
}

}  // namespace vaist
