// What a module must look like to be a WSP plugin (ABI-1, ABI-3, ABI-4, ABI-5), checked on the
// parsed module before anything is translated or run, and what the extensions its descriptor
// lists require of it (ABI-20), checked once the descriptor is read.
#pragma once

#include <cstdint>

#include "wasm/module_info.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wsp {

// The exports of wsp_plugin.h, in this order; WspSandbox indexes its functions by it. Every
// export before kFirstExtensionExport is required (ABI-1); the rest belong to extensions.
enum class Export : uint32_t {
  AbiVersion, Descriptor, Create, Destroy, Activate, Deactivate, Reset, AudioBuffer,
  EventBuffer, EventCapacity, Process, ParamGet, Latency, Tail, StateSave, StateBuffer,
  StateLoad,
  LatencyWordAddress,  // wsp.latency-word/1 (ABI-20)
  Count
};
constexpr Export kFirstExtensionExport = Export::LatencyWordAddress;

struct ExportSpec {
  const char* name;
  wasm::FuncType type;
};
const ExportSpec& exportSpec(Export which);

// Errors read like "imports env.fd_write: a WSP plugin may import only wsp_host.log (ABI-4)".
Status checkWspModule(const wasm::ModuleInfo& info);

// Every extension the descriptor lists that this host knows needs its exports with the
// header's signatures. Errors read like "the descriptor lists wsp.latency-word/1, but the
// module does not export wspx_latency_word_address (ABI-20)". Unknown ids are ignored.
Status checkWspExtensions(const wasm::ModuleInfo& info, const PluginDescriptor& descriptor);

}  // namespace wstudio::host::wsp
