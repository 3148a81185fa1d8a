// `vaist plugin info FILE [--json | --manifest]`: the descriptor, readable or as canonical JSON,
// or a vAIst Forge plugin's manifest for the browser (worked out in the plugin sandbox's worker,
// where the emscripten glue is read).
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

void printDescriptor(const wstudio::host::PluginDescriptor& d, const std::string& format) {
  std::cout << d.name << "  (" << d.id << ")\n"
            << "  version      " << d.version << (d.vendor.empty() ? "" : " by " + d.vendor) << "\n"
            << "  format       " << format << "\n"
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

int runPluginInfo(const std::string& file, InfoOutput output) {
  const auto plugin = inspectOrExplain(file);
  if (!plugin) return kExitUsage;
  if (output == InfoOutput::Manifest) {
    if (plugin->format != "vaist") {
      std::cerr << "vaist: " << file << " is a " << plugin->format
                << " plugin; only vAIst Forge plugins have a manifest (a browser reads a WSP "
                   "plugin's descriptor from the module itself)\n";
      return kExitUsage;
    }
    if (plugin->manifest.empty()) {
      std::cerr << "vaist: " << file << " loads here but cannot play in a browser: " << plugin->manifestProblem
                << "\n";
      return kExitUsage;
    }
    std::cout << plugin->manifest << "\n";
  } else if (output == InfoOutput::Json) {
    std::cout << wstudio::host::toJson(plugin->descriptor) << "\n";
  } else {
    printDescriptor(plugin->descriptor, plugin->format);
  }
  return kExitOk;
}

}  // namespace vaist
