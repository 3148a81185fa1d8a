#include "wsp/wsp_contract.hpp"

#include <array>
#include <string>

#include "wsp/wsp_plugin.h"

namespace wstudio::host::wsp {

namespace {

using wasm::ValType;
constexpr ValType I32 = ValType::I32;
constexpr ValType F64 = ValType::F64;
constexpr uint32_t kCeilingPages = WSP_MAX_MEMORY_BYTES / 65536u;

const std::array<ExportSpec, static_cast<size_t>(Export::Count)>& specs() {
  static const std::array<ExportSpec, static_cast<size_t>(Export::Count)> table = {{
      {"wsp_abi_version", {{}, {I32}}},
      {"wsp_descriptor", {{}, {I32}}},
      {"wsp_create", {{}, {I32}}},
      {"wsp_destroy", {{I32}, {}}},
      {"wsp_activate", {{I32, F64, I32}, {I32}}},
      {"wsp_deactivate", {{I32}, {}}},
      {"wsp_reset", {{I32}, {}}},
      {"wsp_audio_buffer", {{I32, I32, I32}, {I32}}},
      {"wsp_event_buffer", {{I32}, {I32}}},
      {"wsp_event_capacity", {{I32}, {I32}}},
      {"wsp_process", {{I32, I32, I32}, {I32}}},
      {"wsp_param_get", {{I32, I32}, {F64}}},
      {"wsp_latency", {{I32}, {I32}}},
      {"wsp_tail", {{I32}, {I32}}},
      {"wsp_state_save", {{I32}, {I32}}},
      {"wsp_state_buffer", {{I32, I32}, {I32}}},
      {"wsp_state_load", {{I32, I32}, {I32}}},
      {"wspx_latency_word_address", {{I32}, {I32}}},
  }};
  return table;
}

// The extensions this host knows: the export each needs, and the rule that requires it.
struct ExtensionSpec {
  const char* id;
  Export function;
  const char* rule;
};
constexpr ExtensionSpec kExtensions[] = {
    {WSP_EXT_LATENCY_WORD, Export::LatencyWordAddress, "ABI-20"},
};

// Why `e` (the export named like `spec`, maybe null) does not match `spec`, or "" when it does.
std::string mismatch(const wasm::Export* e, const ExportSpec& spec) {
  if (e == nullptr) return std::string("does not export ") + spec.name;
  if (e->kind == wasm::ExternKind::Function && e->function == spec.type) return "";
  return std::string("exports ") + spec.name + " as " +
         (e->kind == wasm::ExternKind::Function ? toString(e->function)
                                               : std::string(externKindName(e->kind))) +
         ", expected " + toString(spec.type);
}

}  // namespace

const ExportSpec& exportSpec(Export which) { return specs()[static_cast<size_t>(which)]; }

Status checkWspModule(const wasm::ModuleInfo& info) {
  for (const wasm::Import& import : info.imports) {
    const std::string name = import.module + "." + import.field;
    if (import.kind == wasm::ExternKind::Memory) {
      return fail("imports its memory " + name + ": a WSP plugin defines and exports its own (ABI-3)");
    }
    if (import.module != "wsp_host" || import.field != "log" ||
        import.kind != wasm::ExternKind::Function) {
      return fail("imports " + name + ": a WSP plugin may import only wsp_host.log (ABI-4)");
    }
    const wasm::FuncType logType{{I32, I32}, {}};
    if (import.function != logType) {
      return fail("imports wsp_host.log with signature " + toString(import.function) +
                  ", expected " + toString(logType) + " (ABI-4)");
    }
  }
  if (!info.memory) return fail("defines no memory (ABI-3)");
  if (info.findExport("memory", wasm::ExternKind::Memory) == nullptr) {
    return fail("does not export its memory as \"memory\" (ABI-1)");
  }
  if (info.memory->min > kCeilingPages) {
    return fail("starts with " + std::to_string(info.memory->min / 16) +
                " MiB of memory, over the 64 MiB ceiling (ABI-5)");
  }
  if (info.memory->max && *info.memory->max > kCeilingPages) {
    return fail("declares a maximum memory of " + std::to_string(*info.memory->max / 16) +
                " MiB, over the 64 MiB ceiling (ABI-5)");
  }
  for (size_t i = 0; i < static_cast<size_t>(kFirstExtensionExport); ++i) {
    const ExportSpec& spec = specs()[i];
    if (std::string why = mismatch(info.findExport(spec.name), spec); !why.empty()) {
      return fail(why + " (ABI-1)");
    }
  }
  if (const wasm::Export* init = info.findExport("_initialize")) {
    if (init->kind != wasm::ExternKind::Function || init->function != wasm::FuncType{}) {
      return fail("exports _initialize with the wrong signature, expected () -> () (ABI-3)");
    }
  }
  return Ok{};
}

Status checkWspExtensions(const wasm::ModuleInfo& info, const PluginDescriptor& descriptor) {
  for (const ExtensionSpec& extension : kExtensions) {
    if (!descriptor.listsExtension(extension.id)) continue;
    const ExportSpec& spec = exportSpec(extension.function);
    if (std::string why = mismatch(info.findExport(spec.name), spec); !why.empty()) {
      return fail(std::string("the descriptor lists ") + extension.id + ", but the module " + why +
                  " (" + extension.rule + ")");
    }
  }
  return Ok{};
}

}  // namespace wstudio::host::wsp
