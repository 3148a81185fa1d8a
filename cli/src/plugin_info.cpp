// `vaist plugin info FILE [--json]`: the descriptor, readable or as canonical JSON.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "plugin_commands.hpp"
#include "plugin_loading.hpp"

namespace vaist {
namespace {

using wstudio::host::ParamInfo;
using wstudio::host::ParamType;
using wstudio::host::paramScaleName;
using wstudio::host::paramTypeName;

std::string number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

std::string range(const ParamInfo& param) {
  if (param.type == ParamType::Choice) {
    std::string text;
    for (size_t i = 0; i < param.choices.size(); ++i) text += (i ? " | " : "") + param.choices[i];
    return text;
  }
  return number(param.min) + " .. " + number(param.max) + (param.unit.empty() ? "" : " " + param.unit);
}

void printDescriptor(const wstudio::host::PluginModule& module) {
  const auto& d = module.descriptor();
  std::cout << d.name << "  (" << d.id << ")\n"
            << "  version      " << d.version << (d.vendor.empty() ? "" : " by " + d.vendor) << "\n"
            << "  format       " << wstudio::host::formatLabel(module) << "\n"
            << "  kind         "
            << (d.kind == wstudio::host::PluginKind::Instrument ? "instrument" : "effect")
            << ", category " << d.category << "\n"
            << "  audio        " << d.inputs << " in, " << d.outputs << " out; MIDI "
            << (d.midi ? "yes" : "no") << "\n";
  if (!d.description.empty()) std::cout << "  description  " << d.description << "\n";
  if (!d.extensions.empty()) {
    std::cout << "  extensions  ";
    for (const auto& extension : d.extensions) std::cout << " " << extension;
    std::cout << "\n";
  }
  std::cout << "  parameters   " << d.params.size() << "\n";
  if (d.params.empty()) return;
  std::cout << "    " << std::left << std::setw(6) << "id" << std::setw(18) << "key"
            << std::setw(20) << "name" << std::setw(8) << "type" << std::setw(8) << "scale"
            << std::setw(10) << "default" << "range\n";
  for (const auto& param : d.params) {
    std::cout << "    " << std::left << std::setw(6) << param.id << std::setw(18) << param.key
              << std::setw(20) << param.name << std::setw(8) << paramTypeName(param.type)
              << std::setw(8) << paramScaleName(param.scale) << std::setw(10)
              << number(param.defaultValue) << range(param) << "\n";
  }
}

}  // namespace

int runPluginInfo(const std::string& file, bool json) {
  const auto module = loadPluginOrExplain(file);
  if (!module) return kExitUsage;
  if (json) {
    std::cout << wstudio::host::toJson(module->descriptor()) << "\n";
  } else {
    printDescriptor(*module);
  }
  return kExitOk;
}

}  // namespace vaist
