// `vaist render SESSION.json -o MIX [--stems DIR] [--format wav|flac|mp3] [--rate HZ]
//  [--bits 16|24|32f] [--range START:END] [--plugins DIR]`: renders a session offline through the
// engine, writes the mix (and stems), and prints the loudness and true peak of each file.
#pragma once

#include <span>
#include <string>

namespace vaist {

// Exit status 0 when every file was written; 2 for bad arguments or a session that cannot be
// rendered (malformed, a source missing or damaged, a plugin not found); 1 when the render or
// writing failed (a plugin faulted, the disk filled). Nothing is written unless it returns 0.
int runRenderCommand(std::span<const std::string> args);

}  // namespace vaist
