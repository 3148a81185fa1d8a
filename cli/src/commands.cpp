#include "command.hpp"
#include "render_command.hpp"

namespace vaist {

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"plugin", "inspect and validate plugins: plugin info FILE, plugin validate FILE",
       runPluginCommand},
      {"render", "render a session to audio files: render SESSION.json -o MIX.wav [--stems DIR]",
       runRenderCommand},
  };
  return table;
}

}  // namespace vaist
