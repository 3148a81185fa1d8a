#include "command.hpp"
#include "forge_command.hpp"
#include "render_command.hpp"
#include "serve_command.hpp"

namespace vaist {

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"forge", "plans and C++ from words: forge plan \"PROMPT\", forge code PLAN.json, forge refine PLAN.json \"INSTRUCTION\"",
       runForgeCommand},
      {"plugin", "inspect and validate plugins: plugin info FILE, plugin validate FILE",
       runPluginCommand},
      {"render", "render a session to audio files: render SESSION.json -o MIX.wav [--stems DIR]",
       runRenderCommand},
      {"serve", "run the studio server: serve [--listen 127.0.0.1:8080] [--data DIR]",
       runServeCommand},
  };
  return table;
}

}  // namespace vaist
