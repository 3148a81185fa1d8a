// `vaist plugin info|validate`: argument parsing and dispatch.
#include <iostream>
#include <optional>
#include <string>

#include "command.hpp"
#include "plugin_commands.hpp"

namespace vaist {
namespace {

void printUsage(std::ostream& out) {
  out << "Usage:\n"
         "  vaist plugin info FILE [--json | --manifest]\n"
         "      Show a plugin's descriptor: name, kind, audio ports, parameters.\n"
         "      --json      the canonical descriptor JSON instead\n"
         "      --manifest  for a vAIst Forge plugin, the manifest a browser drives it by\n"
         "                  (docs/engine-wasm.md, \"vAIst Forge plugins\"); exit status 2 when\n"
         "                  it is not one or a browser cannot drive it\n"
         "  vaist plugin validate FILE [--quick] [--json]\n"
         "      Run the WSP conformance suite (conformance/README.md). Exit status 0 when\n"
         "      every check passes, 1 when any fails, 2 when FILE cannot be loaded.\n"
         "      --quick  fewer rates, block sizes and 30 s instead of 5 min of stress audio\n"
         "      --json   the report as JSON on stdout (progress stays on stderr)\n"
         "FILE is a WSP .wasm module or a vAIst Forge plugin's .wasm.\n";
}

struct Parsed {
  std::string file;
  bool json = false;
  bool quick = false;
  bool manifest = false;
};

// FILE and flags in any order; `forValidate`: --quick is allowed, --manifest is not.
std::optional<Parsed> parse(std::span<const std::string> args, bool forValidate) {
  Parsed parsed;
  for (const auto& arg : args) {
    if (arg == "--json") {
      parsed.json = true;
    } else if (arg == "--manifest" && !forValidate) {
      parsed.manifest = true;
    } else if (arg == "--quick" && forValidate) {
      parsed.quick = true;
    } else if (arg.starts_with("-")) {
      std::cerr << "vaist plugin: unknown option '" << arg << "'\n";
      return std::nullopt;
    } else if (parsed.file.empty()) {
      parsed.file = arg;
    } else {
      std::cerr << "vaist plugin: one FILE only (got '" << parsed.file << "' and '" << arg
                << "')\n";
      return std::nullopt;
    }
  }
  if (parsed.file.empty()) {
    std::cerr << "vaist plugin: missing FILE\n";
    return std::nullopt;
  }
  if (parsed.json && parsed.manifest) {
    std::cerr << "vaist plugin: --json or --manifest, not both\n";
    return std::nullopt;
  }
  return parsed;
}

}  // namespace

int runPluginCommand(std::span<const std::string> args) {
  if (args.empty()) {
    printUsage(std::cerr);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printUsage(std::cout);
    return kExitOk;
  }
  const bool info = args[0] == "info";
  if (!info && args[0] != "validate") {
    std::cerr << "vaist plugin: unknown subcommand '" << args[0] << "'\n";
    printUsage(std::cerr);
    return kExitUsage;
  }
  const auto parsed = parse(args.subspan(1), /*forValidate=*/!info);
  if (!parsed) {
    printUsage(std::cerr);
    return kExitUsage;
  }
  return info ? runPluginInfo(parsed->file, parsed->manifest ? InfoOutput::Manifest
                                            : parsed->json   ? InfoOutput::Json
                                                             : InfoOutput::Readable)
              : runPluginValidate(parsed->file, parsed->quick, parsed->json);
}

}  // namespace vaist
