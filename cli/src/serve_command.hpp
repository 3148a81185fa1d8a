// `vaist serve [--listen ADDRESS:PORT] [--data DIR] [--web DIR] [--secure-cookies]`: the WASM
// Studio backend (docs/api/openapi.yaml) on embedded defaults: SQLite and blobs under DIR.
#pragma once

#include <span>
#include <string>

namespace vaist {

// Runs until SIGTERM/SIGINT; 0 after a graceful stop, 2 for bad arguments or when it cannot
// start (port taken, data folder unusable).
int runServeCommand(std::span<const std::string> args);

}  // namespace vaist
