// What uploaded bytes are, judged by their content (never by the client's Content-Type).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wstudio::server {

// "wav", "flac", "mp3", "ogg", "wasm", "png", "jpeg", or none when the bytes start like none
// of them.
std::optional<std::string> sniffKind(std::string_view bytes);
bool isAudioKind(std::string_view kind);
const char* mimeTypeOfKind(std::string_view kind);

}  // namespace wstudio::server
