// Prints the boundary as the C++ side compiled it, as JSON, for boundary.test.mjs to compare with
// the JavaScript module: the ABI's constants as wsp_plugin.h defines them, the import status
// codes, the import interface's version and the fault names in enum order.
#include <cstdio>
#include <string_view>

#include "wstudio/boundary/boundary.hpp"

namespace {

using namespace wstudio::boundary;

// The names in this program are plain identifiers and the texts plain ASCII: no escaping needed.
void printText(std::string_view text) { std::printf("\"%.*s\"", int(text.size()), text.data()); }

}  // namespace

int main() {
  std::printf("{\n  \"constants\": {");
  const char* separator = "\n    ";
  for (const NumericConstant& c : kAbiNumbers) {
    std::printf("%s\"%.*s\": %lld", separator, int(c.name.size()), c.name.data(),
                static_cast<long long>(c.value));
    separator = ",\n    ";
  }
  for (const TextConstant& c : kAbiTexts) {
    std::printf("%s\"%.*s\": ", separator, int(c.name.size()), c.name.data());
    printText(c.value);
  }
  std::printf("\n  },\n  \"status\": { \"ok\": %d, \"trapped\": %d, \"failed\": %d },\n",
              int(kCallOk), int(kCallTrapped), int(kCallFailed));
  std::printf("  \"importsModule\": ");
  printText(kPluginImportsModule);
  std::printf(",\n  \"importsVersion\": %d,\n  \"faults\": [", int(kPluginImportsVersion));
  for (int k = 0; k < kFaultCount; ++k) {
    std::printf("%s", k == 0 ? "" : ", ");
    printText(faultName(static_cast<Fault>(k)));
  }
  std::printf("]\n}\n");
  return 0;
}
