// The same stand-in under emscripten's other include name (see ../emscripten.h).
#pragma once

#include <emscripten.h>
