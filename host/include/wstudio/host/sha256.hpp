// SHA-256 as lower-case hex: content addresses (blobs, the module cache, the factory catalog's
// .wasm hashes). One implementation (libsodium) for every native component.
#pragma once

#include <string>
#include <string_view>

namespace wstudio::host {

// The hash of `first` followed by `second` (a two-part message without copying the parts).
std::string sha256Hex(std::string_view first, std::string_view second = {});

}  // namespace wstudio::host
