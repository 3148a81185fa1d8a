// WASM Studio's stand-in for emscripten's <emscripten.h>, for vAIst Forge sources imported into
// the Forge (forge/vaist/README.md). A vAIst project's bindings.cpp includes it only to mark its
// extern "C" functions EMSCRIPTEN_KEEPALIVE. An imported project becomes a WSP plugin through
// <wsp/vaist/compat.hpp>, which calls VAIstProcessor directly, so those functions are plain C
// functions here: compiled (their errors are the user's to see) and dropped by the linker.
#pragma once

#define EMSCRIPTEN_KEEPALIVE
