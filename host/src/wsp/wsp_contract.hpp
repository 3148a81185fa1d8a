// What a module must look like to be a WSP plugin (ABI-1, ABI-3, ABI-4, ABI-5), checked on the
// parsed module before anything is translated or run.
#pragma once

#include <cstdint>

#include "wasm/module_info.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wsp {

// The exports of wsp_plugin.h, in this order; WspFunctions::at(Export) indexes by it.
enum class Export : uint32_t {
  AbiVersion, Descriptor, Create, Destroy, Activate, Deactivate, Reset, AudioBuffer,
  EventBuffer, EventCapacity, Process, ParamGet, Latency, Tail, StateSave, StateBuffer,
  StateLoad, Count
};

struct ExportSpec {
  const char* name;
  wasm::FuncType type;
};
const ExportSpec& exportSpec(Export which);

// Errors read like "imports env.fd_write: a WSP plugin may import only wsp_host.log (ABI-4)".
Status checkWspModule(const wasm::ModuleInfo& info);

}  // namespace wstudio::host::wsp
