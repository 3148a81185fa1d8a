// A plugin's self-description, parsed and validated from the WSP descriptor JSON (ABI-6), or
// built by an adapter for formats that describe themselves differently (vAIst Forge).
// Pure data: no audio, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::host {

enum class ParamType { Float, Int, Bool, Choice };
enum class ParamScale { Linear, Log, Db };
enum class PluginKind { Effect, Instrument };

struct ParamInfo {
  uint32_t id = 0;
  std::string key;   // stable machine name
  std::string name;  // for people
  std::string unit;
  ParamType type = ParamType::Float;
  ParamScale scale = ParamScale::Linear;
  double min = 0.0;
  double max = 1.0;
  double defaultValue = 0.0;
  std::vector<std::string> choices;  // for Choice

  // Clamps to [min, max] and rounds for Int/Bool/Choice.
  double clamp(double plain) const;
};

struct PluginDescriptor {
  int abi = 1;
  std::string id;
  std::string name;
  std::string vendor;
  std::string version;
  std::string category;
  std::string description;
  PluginKind kind = PluginKind::Effect;
  uint32_t inputs = 2;
  uint32_t outputs = 2;
  bool midi = false;
  std::vector<ParamInfo> params;
  std::vector<std::string> extensions;

  const ParamInfo* findParam(uint32_t id) const;
  const ParamInfo* findParamByKey(std::string_view key) const;
  // Whether `extensions` lists `id` (e.g. WSP_EXT_LATENCY_WORD); a host uses an extension only
  // when it is listed.
  bool listsExtension(std::string_view id) const;
};

// Parses and validates descriptor JSON against the schema in docs/plugin-abi.md. On failure the
// error names the offending field, e.g. "params[2].min: must be less than max".
Result<PluginDescriptor> parseDescriptor(std::string_view json);

// The schema's names for these enums ("float", "log", "instrument"...).
const char* paramTypeName(ParamType type);
const char* paramScaleName(ParamScale scale);

// The canonical JSON form (what `vaist plugin info --json` prints).
std::string toJson(const PluginDescriptor& descriptor);

}  // namespace wstudio::host
