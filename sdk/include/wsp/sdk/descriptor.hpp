// The descriptor JSON (ABI-6), generated at compile time from a plugin's `info` and `params`:
// it lives in the module's data section, costs nothing at run time and can never disagree with
// the table the SDK uses for events and state.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "wsp/sdk/json_writer.hpp"
#include "wsp/sdk/param.hpp"
#include "wsp/sdk/plugin_info.hpp"
#include "wsp/wsp_plugin.h"

namespace wsp::sdk::detail {

constexpr std::string_view typeName(ParamType type) {
  switch (type) {
    case ParamType::Int: return "int";
    case ParamType::Bool: return "bool";
    case ParamType::Choice: return "choice";
    case ParamType::Float: break;
  }
  return "float";
}

constexpr std::string_view scaleName(Scale scale) {
  switch (scale) {
    case Scale::Log: return "log";
    case Scale::Db: return "db";
    case Scale::Linear: break;
  }
  return "linear";
}

template <typename Sink>
constexpr void writeField(Sink& out, std::string_view name) {
  writeString(out, name);
  out.put(':');
}

template <typename Sink>
constexpr void writeParam(Sink& out, const Param& p) {
  out.put('{');
  writeField(out, "id"), writeUnsigned(out, p.id), out.put(',');
  writeField(out, "key"), writeString(out, p.key), out.put(',');
  writeField(out, "name"), writeString(out, p.name), out.put(',');
  writeField(out, "unit"), writeString(out, p.unit), out.put(',');
  writeField(out, "type"), writeString(out, typeName(p.type)), out.put(',');
  writeField(out, "min"), writeNumber(out, p.min), out.put(',');
  writeField(out, "max"), writeNumber(out, p.max), out.put(',');
  writeField(out, "default"), writeNumber(out, p.defaultValue), out.put(',');
  writeField(out, "scale"), writeString(out, scaleName(p.scale));
  if (p.type == ParamType::Choice) {
    out.put(',');
    writeField(out, "choices");
    out.put('[');
    std::string_view rest = p.choices;
    while (true) {
      const auto bar = rest.find('|');
      writeString(out, rest.substr(0, bar));
      if (bar == std::string_view::npos) break;
      out.put(',');
      rest.remove_prefix(bar + 1);
    }
    out.put(']');
  }
  out.put('}');
}

template <typename Sink>
constexpr void writeDescriptor(Sink& out, const PluginInfo& info, std::span<const Param> params) {
  out.put('{');
  writeField(out, "abi"), writeUnsigned(out, WSP_ABI_VERSION_MAJOR), out.put(',');
  writeField(out, "id"), writeString(out, info.id), out.put(',');
  writeField(out, "name"), writeString(out, info.name), out.put(',');
  writeField(out, "vendor"), writeString(out, info.vendor), out.put(',');
  writeField(out, "version"), writeString(out, info.version), out.put(',');
  writeField(out, "category"), writeString(out, info.category), out.put(',');
  writeField(out, "kind");
  writeString(out, info.kind == Kind::Instrument ? "instrument" : "effect");
  out.put(',');
  writeField(out, "audio");
  out.put('{');
  writeField(out, "inputs"), writeUnsigned(out, info.inputs), out.put(',');
  writeField(out, "outputs"), writeUnsigned(out, info.outputs);
  out.put('}'), out.put(',');
  writeField(out, "midi"), writeRaw(out, info.midi ? "true" : "false"), out.put(',');
  writeField(out, "description"), writeString(out, info.description), out.put(',');
  writeField(out, "params");
  out.put('[');
  for (size_t i = 0; i < params.size(); ++i) {
    if (i > 0) out.put(',');
    writeParam(out, params[i]);
  }
  out.put(']'), out.put(',');
  writeField(out, "extensions");
  writeRaw(out, "[\"" WSP_EXT_LATENCY_WORD "\"]}");
}

// Descriptor<P>::text is the NUL-terminated JSON for plugin class P.
template <typename P>
struct Descriptor {
  static constexpr std::span<const Param> params{P::params};

  static constexpr size_t size = [] {
    CharCounter counter;
    writeDescriptor(counter, P::info, params);
    return counter.size;
  }();
  static_assert(size <= WSP_MAX_DESCRIPTOR_BYTES, "descriptor JSON exceeds 64 KiB (ABI-6)");

  static constexpr std::array<char, size + 1> text = [] {
    std::array<char, size + 1> json{};
    CharWriter writer{json.data()};
    writeDescriptor(writer, P::info, params);
    return json;  // the last byte stays NUL
  }();
};

}  // namespace wsp::sdk::detail
