// The C names wabt 1.0.32's wasm2c gives things (pinned: Debian bookworm's wabt), for a module
// translated with `-n m`.
#pragma once

#include <string>
#include <string_view>

namespace wstudio::host::wasm2c {

// wasm2c's name mangling: [A-Za-z0-9_] stay except 'Z', every other byte becomes Z<hex>.
std::string mangle(std::string_view name);
// "Z_mZ_<export>": the function, global or memory accessor for an export.
std::string exportSymbol(std::string_view exportName);
// "Z_<module>Z_<field>": an imported function or memory accessor.
std::string importSymbol(std::string_view module, std::string_view field);
// "Z_<module>_instance_t": the struct wasm2c passes to a module's imports.
std::string importStruct(std::string_view module);

}  // namespace wstudio::host::wasm2c
