#include "vaist/emscripten_glue.hpp"

namespace wstudio::host::vaist {
namespace {

constexpr std::string_view kAsmExport = "Module[\"asm\"][\"";
constexpr std::string_view kModuleKey = "Module[\"";

bool isIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

// Emscripten names a C symbol `x` as `_x` on the JS side.
std::string cName(std::string_view jsName) {
  if (!jsName.empty() && jsName[0] == '_') jsName.remove_prefix(1);
  return std::string(jsName);
}

// The quoted key starting at `pos` (just after an opening quote): returns it and moves `pos` past
// the closing quote; empty on malformed text.
std::string_view quoted(std::string_view text, size_t& pos) {
  size_t end = text.find('"', pos);
  if (end == std::string_view::npos) return {};
  std::string_view key = text.substr(pos, end - pos);
  pos = end + 1;
  return key;
}

// What is assigned `=Module["asm"]["X"]`, read backwards from the '=' at `eq`: either
// `Module["NAME"]` (returns "NAME" quoted=true) or a plain identifier like wasmMemory.
struct Target {
  std::string_view name;
  bool moduleProperty = false;
};

Target assignmentTarget(std::string_view text, size_t eq) {
  if (eq == 0) return {};
  size_t end = eq;
  if (text[end - 1] == ']') {
    // ...Module["NAME"]=
    if (end < 2 || text[end - 2] != '"') return {};
    size_t closeQuote = end - 2;
    size_t openQuote = text.rfind('"', closeQuote - 1);
    if (openQuote == std::string_view::npos || openQuote < kModuleKey.size() - 1) return {};
    size_t keyStart = openQuote + 1 - kModuleKey.size();
    if (text.substr(keyStart, kModuleKey.size()) != kModuleKey) return {};
    return {text.substr(openQuote + 1, closeQuote - openQuote - 1), true};
  }
  size_t start = end;
  while (start > 0 && isIdentChar(text[start - 1])) --start;
  return {text.substr(start, end - start), false};
}

void readExports(std::string_view js, GlueMap& map) {
  for (size_t at = js.find(kAsmExport); at != std::string_view::npos;
       at = js.find(kAsmExport, at + 1)) {
    size_t pos = at + kAsmExport.size();
    std::string_view letter = quoted(js, pos);
    if (letter.empty() || at == 0 || js[at - 1] != '=') continue;
    Target target = assignmentTarget(js, at - 1);
    if (target.name.empty()) continue;
    if (target.moduleProperty) {
      map.exports.emplace(cName(target.name), std::string(letter));
    } else if (target.name == "wasmMemory") {
      map.memoryExport = letter;
    } else if (target.name == "wasmTable") {
      map.tableExport = letter;
    }
  }
}

// `asmLibraryArg={"a":__embind_register_memory_view,"g":_emscripten_memcpy_big,...}`
void readImports(std::string_view js, GlueMap& map) {
  for (std::string_view objectName : {std::string_view("asmLibraryArg={"), std::string_view("wasmImports={")}) {
    size_t pos = js.find(objectName);
    if (pos == std::string_view::npos) continue;
    pos += objectName.size();
    size_t end = js.find('}', pos);
    if (end == std::string_view::npos) return;
    while (pos < end) {
      size_t open = js.find('"', pos);
      if (open == std::string_view::npos || open >= end) break;
      size_t cursor = open + 1;
      std::string_view field = quoted(js, cursor);
      if (cursor >= end || js[cursor] != ':') break;
      size_t valueStart = cursor + 1;
      size_t valueEnd = valueStart;
      while (valueEnd < end && isIdentChar(js[valueEnd])) ++valueEnd;
      if (!field.empty() && valueEnd > valueStart) {
        map.imports.emplace(std::string(field), cName(js.substr(valueStart, valueEnd - valueStart)));
      }
      pos = valueEnd;
    }
    // `var info={"a":asmLibraryArg}` names the import module.
    std::string_view objectVar = objectName.substr(0, objectName.size() - 2);
    std::string infoNeedle = std::string("\":") + std::string(objectVar) + "}";
    size_t info = js.find(infoNeedle);
    if (info != std::string_view::npos) {
      size_t open = js.rfind('"', info - 1);
      if (open != std::string_view::npos) map.importModule = js.substr(open + 1, info - open - 1);
    }
    return;
  }
}

}  // namespace

Result<GlueMap> parseEmscriptenGlue(std::string_view js) {
  GlueMap map;
  readExports(js, map);
  if (map.exports.empty()) {
    return fail("no emscripten export map found (lines like Module[\"_process\"]=Module[\"asm\"][\"r\"]); "
                "is this the .js file emscripten wrote together with the .wasm?");
  }
  readImports(js, map);
  return map;
}

}  // namespace wstudio::host::vaist
