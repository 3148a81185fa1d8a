#include "wasm2c/instrument.hpp"

#include <cctype>

namespace wstudio::host::wasm2c {

namespace {

// A loop header as wasm2c 1.0.32 writes it: indentation, "w2c_L<digits>: ", end of line.
bool isLoopLabel(const std::string& source, size_t begin, size_t end) {
  size_t i = begin;
  while (i < end && source[i] == ' ') ++i;
  if (source.compare(i, 5, "w2c_L") != 0) return false;
  i += 5;
  const size_t digits = i;
  while (i < end && std::isdigit(static_cast<unsigned char>(source[i]))) ++i;
  return i > digits && end - i == 2 && source.compare(i, 2, ": ") == 0;
}

}  // namespace

Result<std::string> addFuelAndStackChecks(const std::string& source, uint32_t definedFunctions) {
  std::string out;
  out.reserve(source.size() + source.size() / 8);
  uint32_t prologues = 0;
  size_t begin = 0;
  while (begin < source.size()) {
    size_t end = source.find('\n', begin);
    if (end == std::string::npos) end = source.size();
    std::string_view line(source.data() + begin, end - begin);
    if (line == "  FUNC_PROLOGUE;") {
      out += "  WSX_FUNC_PROLOGUE;";
      ++prologues;
    } else if (isLoopLabel(source, begin, end)) {
      out.append(line);
      out += "WSX_FUEL_TICK;";
    } else {
      out.append(line);
    }
    out += '\n';
    begin = end + 1;
  }
  if (prologues != definedFunctions) {
    return fail("unexpected wasm2c output: " + std::to_string(prologues) + " function prologues for " +
                std::to_string(definedFunctions) + " functions (is wasm2c 1.0.32 installed?)");
  }
  return out;
}

}  // namespace wstudio::host::wasm2c
