// Names from a module (imports, exports, custom sections) are untrusted bytes. The spec requires
// them to be valid UTF-8; this host also refuses NUL (names reach C strings and file formats).
// Whenever a name appears in a message it goes through printable(), so a module cannot write
// terminal escape sequences or other control bytes to whoever reads the message (SBX-15).
#pragma once

#include <string>
#include <string_view>

namespace wstudio::host::wasm {

// Valid UTF-8 (shortest forms, no surrogates, nothing above U+10FFFF) with no NUL.
bool isValidName(std::string_view bytes);

// The name with every byte outside printable ASCII (0x20..0x7e) and the backslash written as
// \xNN, so what is printed is exactly what the module said, and nothing more.
std::string printable(std::string_view bytes);

}  // namespace wstudio::host::wasm
