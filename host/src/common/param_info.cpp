// ParamInfo and PluginDescriptor lookups.
#include <algorithm>
#include <cmath>

#include "wstudio/host/descriptor.hpp"

namespace wstudio::host {

double ParamInfo::clamp(double plain) const {
  if (std::isnan(plain)) return defaultValue;
  double value = std::clamp(plain, min, max);
  if (type != ParamType::Float) value = std::clamp(std::round(value), min, max);
  return value;
}

const ParamInfo* PluginDescriptor::findParam(uint32_t paramId) const {
  for (const ParamInfo& param : params) {
    if (param.id == paramId) return &param;
  }
  return nullptr;
}

const ParamInfo* PluginDescriptor::findParamByKey(std::string_view key) const {
  for (const ParamInfo& param : params) {
    if (param.key == key) return &param;
  }
  return nullptr;
}

bool PluginDescriptor::listsExtension(std::string_view id) const {
  return std::find(extensions.begin(), extensions.end(), id) != extensions.end();
}

}  // namespace wstudio::host
