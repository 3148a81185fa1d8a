// pluginSource: a vAIst source project as the one C++ file the Forge compiles. The user's files
// come first, unchanged but for their includes of each other, each under a #line marker naming
// it, so every error is reported at its line in the file the user wrote; the adapter follows.
#include <cstdio>
#include <sstream>

#include "vaist/vaist_descriptor.hpp"
#include "wstudio/forge/vaist_import.hpp"

namespace wstudio::forge::vaist {

namespace {

// A C++ string literal holding `text` exactly: printable ASCII as is, everything else (quotes,
// backslashes, controls, UTF-8 bytes) as three-digit octal escapes, which cannot run on.
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\' && c != '?') {
      out += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\%03o", byte);
      out += escaped;
    }
  }
  return out + "\"";
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  std::string text = out.str();
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

size_t lineCount(std::string_view text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

bool isInclude(std::string_view line, std::string_view file) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos || line[i] != '#') return false;
  i = line.find_first_not_of(" \t", i + 1);
  if (i == std::string_view::npos || line.substr(i, 7) != "include") return false;
  const size_t open = line.find('"', i + 7);
  return open != std::string_view::npos && line.substr(open + 1, file.size() + 1) == std::string(file) + "\"";
}

bool isPragmaOnce(std::string_view line) {
  std::string squeezed;
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') squeezed += c;
  }
  return squeezed == "#pragmaonce";
}

// One of the user's files under its #line marker. Its include of processor.h (already above)
// and processor.h's `#pragma once` (meaningless in one file) become comments, keeping every
// other line where it was.
void appendFile(std::string& out, std::string_view name, std::string_view text) {
  out += "#line 1 \"" + std::string(name) + "\"\n";
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (isInclude(line, "processor.h") || isPragmaOnce(line)) {
      out += "// (WASM Studio: folded in) ";
      out += line;
    } else {
      out += line;
    }
    out += '\n';
    start = end + 1;
  }
}

}  // namespace

host::Result<std::string> pluginSource(const Project& project) {
  auto parsed = host::vaist::parseVaistDescriptor(project.descriptor);
  if (!parsed) return host::fail(parsed.error());
  const host::PluginDescriptor& d = parsed.value();
  for (const host::ParamInfo& p : d.params) {
    for (const std::string& choice : p.choices) {
      if (choice.empty() || choice.find('|') != std::string::npos) {
        return host::fail("descriptor.json: parameter \"" + p.key + "\": choice names must be non-empty and hold no '|'");
      }
    }
  }

  std::string out =
      "// The vAIst Forge project " + literal(d.name) +
      ", imported by WASM Studio's Forge. Its files follow as\n"
      "// they were written, each after a #line marker (errors name the file and its line), then\n"
      "// the adapter that makes it a WSP plugin (<wsp/vaist/compat.hpp>). Edit and build it like any\n"
      "// Forge source.\n"
      "#include <wsp/vaist/compat.hpp>\n\n";
  appendFile(out, "processor.h", project.processorH);
  appendFile(out, "processor.cpp", project.processorCpp);
  if (!project.bindingsCpp.empty()) appendFile(out, "bindings.cpp", project.bindingsCpp);

  std::string adapter;
  adapter += "\n// The parameters of descriptor.json, set on the processor by their set_<id>.\n";
  adapter += "namespace vaist_import {\n\n";
  adapter += "struct Setters {\n";
  adapter += "  static void set(VAIstProcessor& processor, uint32_t index, float value) {\n";
  adapter += "    switch (index) {\n";
  for (size_t i = 0; i < d.params.size(); ++i) {
    adapter += "      case " + std::to_string(i) + ": processor.set_" + d.params[i].key + "(value); break;\n";
  }
  adapter += "      default: (void)processor; (void)value; break;\n";
  adapter += "    }\n  }\n};\n\n";
  adapter += "class Imported final : public wsp::vaist::Adapter<VAIstProcessor, Setters> {\n public:\n";
  adapter += "  static constexpr wsp::sdk::PluginInfo info{\n";
  adapter += "      .id = " + literal(d.id) + ",\n";
  adapter += "      .name = " + literal(d.name) + ",\n";
  adapter += "      .vendor = " + literal(d.vendor.empty() ? "vAIst Forge" : d.vendor) + ",\n";
  adapter += "      .version = " + literal(d.version.empty() ? "1.0.0" : d.version) + ",\n";
  adapter += "      .category = " + literal(d.category) + ",\n";
  adapter += "      .kind = wsp::sdk::Kind::Effect,\n";
  adapter += "      .inputs = 2,\n      .outputs = 2,\n";
  adapter += "      .description = " + literal(d.description) + ",\n  };\n\n";
  if (d.params.empty()) {
    adapter += "  static constexpr std::array<wsp::sdk::Param, 0> params{};\n";
  } else {
    adapter += "  static constexpr wsp::sdk::Param params[] = {\n";
    for (size_t i = 0; i < d.params.size(); ++i) {
      const host::ParamInfo& p = d.params[i];
      const std::string id = std::to_string(i);
      if (p.type == host::ParamType::Choice) {
        std::string names;
        for (const std::string& choice : p.choices) names += (names.empty() ? "" : "|") + choice;
        adapter += "      wsp::sdk::choiceParam(" + id + ", " + literal(p.key) + ", " + literal(p.name) + ", " +
                   literal(names) + ", " + std::to_string(static_cast<uint32_t>(p.defaultValue)) + "),\n";
      } else {
        adapter += "      wsp::sdk::floatParam(" + id + ", " + literal(p.key) + ", " + literal(p.name) + ", " +
                   literal(p.unit) + ", " + number(p.min) + ", " + number(p.max) + ", " + number(p.defaultValue) +
                   "),\n";
      }
    }
    adapter += "  };\n";
  }
  adapter += "};\n\n}  // namespace vaist_import\n\nWSP_PLUGIN(vaist_import::Imported, vaist_import);\n";

  // plugin.cpp's own numbering again from the line after the marker.
  out += "#line " + std::to_string(lineCount(out) + 2) + " \"plugin.cpp\"\n";
  out += adapter;
  return out;
}

}  // namespace wstudio::forge::vaist
