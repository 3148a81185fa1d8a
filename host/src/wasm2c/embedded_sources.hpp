// The sandbox runtime's C sources (runtime/wsx_abi.h, wsx_runtime.c, wsx_entry.c), embedded in the
// library at build time so a translated module can be compiled anywhere the host runs.
#pragma once

namespace wstudio::host::wasm2c {

extern const char* const kRuntimeHeaderSource;  // runtime/wsx_abi.h
extern const char* const kRuntimeSource;        // runtime/wsx_runtime.c
extern const char* const kEntrySource;          // runtime/wsx_entry.c

}  // namespace wstudio::host::wasm2c
