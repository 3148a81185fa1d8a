// readModule: the section walk. Each known section is parsed from its own bounded sub-reader, so
// a lying size can never make the parser read into the next section or past the end.
#include "wasm/reader.hpp"

#include <set>

#include "wasm/byte_reader.hpp"
#include "wasm/names.hpp"

namespace wstudio::host::wasm {

namespace {

constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6d};
constexpr uint32_t kMaxPages = 65536;
constexpr uint32_t kMaxConstExprOps = 64;

enum SectionId : uint8_t {
  kCustom = 0, kType, kImport, kFunction, kTable, kMemory, kGlobal, kExport, kStart,
  kElement, kCode, kData, kDataCount, kTag
};

const char* sectionName(uint8_t id) {
  static const char* const names[] = {"custom", "type",   "import", "function", "table",
                                      "memory", "global", "export", "start",    "element",
                                      "code",   "data",   "datacount", "tag"};
  return id < std::size(names) ? names[id] : "unknown";
}

// Position of a section in the required order (tag sits after memory, datacount before code).
int sectionRank(uint8_t id) {
  static const int ranks[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
  return ranks[id];
}

bool isValType(uint8_t byte) {
  return byte == 0x7f || byte == 0x7e || byte == 0x7d || byte == 0x7c || byte == 0x7b ||
         byte == 0x70 || byte == 0x6f;
}

class Parser {
 public:
  explicit Parser(ModuleInfo& info) : info_(info) {}

  ValType valType(ByteReader& r) {
    const uint8_t byte = r.u8();
    if (!r.failed() && !isValType(byte)) r.fail(at(r, "unknown value type"));
    return static_cast<ValType>(byte);
  }

  Limits limits(ByteReader& r, bool memory) {
    Limits limits;
    const uint8_t flags = r.u8();
    if (r.failed()) return limits;
    if (memory && (flags & 0x02)) r.fail(at(r, "shared memory is not supported"));
    if (memory && (flags & 0x04)) r.fail(at(r, "64-bit memory is not supported"));
    if (flags > 1 && !r.failed()) r.fail(at(r, "bad limits flags"));
    limits.min = r.u32Leb();
    if (flags & 1) limits.max = r.u32Leb();
    if (r.failed()) return limits;
    if (limits.max && *limits.max < limits.min) r.fail(at(r, "limits maximum below minimum"));
    if (memory && (limits.min > kMaxPages || (limits.max && *limits.max > kMaxPages))) {
      r.fail(at(r, "memory larger than 4 GiB"));
    }
    return limits;
  }

  void typeSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxTypes, 3, "types");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      if (r.u8() != 0x60 && !r.failed()) {
        r.fail(at(r, "type " + std::to_string(i) + " is not a function type"));
      }
      FuncType type;
      const uint32_t params = r.count(kMaxParams, 1, "parameters");
      for (uint32_t p = 0; p < params && !r.failed(); ++p) type.params.push_back(valType(r));
      const uint32_t results = r.count(kMaxParams, 1, "results");
      for (uint32_t p = 0; p < results && !r.failed(); ++p) type.results.push_back(valType(r));
      info_.types.push_back(std::move(type));
    }
  }

  uint32_t typeIndex(ByteReader& r) {
    const uint32_t index = r.u32Leb();
    if (!r.failed() && index >= info_.types.size()) {
      r.fail(at(r, "type index " + std::to_string(index) + " out of range"));
    }
    return index;
  }

  void importSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxImports, 4, "imports");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      Import import;
      import.module = r.name();
      import.field = r.name();
      const uint8_t kind = r.u8();
      if (r.failed()) return;
      const std::string what = "import " + printable(import.module) + "." + printable(import.field);
      switch (kind) {
        case 0: {
          import.kind = ExternKind::Function;
          const uint32_t type = typeIndex(r);
          if (r.failed()) return;
          import.function = info_.types[type];
          info_.functionTypes.push_back(type);
          ++info_.importedFunctions;
          break;
        }
        case 1:
          import.kind = ExternKind::Table;
          import.tableElement = valType(r);
          import.limits = limits(r, false);
          ++importedTables_;
          break;
        case 2:
          import.kind = ExternKind::Memory;
          import.limits = limits(r, true);
          info_.memoryImported = true;
          ++memories_;
          break;
        case 3:
          import.kind = ExternKind::Global;
          import.global.type = valType(r);
          import.global.mutable_ = mutability(r);
          info_.globals.push_back(import.global);
          break;
        case 4:
          r.fail(what + ": exception tags are not supported");
          return;
        default:
          r.fail(at(r, what + " has unknown kind " + std::to_string(kind)));
          return;
      }
      info_.imports.push_back(std::move(import));
    }
  }

  bool mutability(ByteReader& r) {
    const uint8_t byte = r.u8();
    if (!r.failed() && byte > 1) r.fail(at(r, "bad global mutability"));
    return byte == 1;
  }

  void functionSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxFunctions, 1, "functions");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) info_.functionTypes.push_back(typeIndex(r));
    definedFunctions_ = n;
  }

  void tableSection(ByteReader& r) {
    const uint32_t n = r.count(1000, 2, "tables");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      (void)valType(r);
      info_.tables.push_back(limits(r, false));
    }
  }

  void memorySection(ByteReader& r) {
    const uint32_t n = r.count(1, 2, "memories");
    if (n == 1) {
      info_.memory = limits(r, true);
      ++memories_;
    }
    if (memories_ > 1) r.fail("more than one memory (multi-memory is not supported)");
  }

  void constExpr(ByteReader& r) {
    for (uint32_t ops = 0; ops < kMaxConstExprOps && !r.failed(); ++ops) {
      const uint8_t op = r.u8();
      switch (op) {
        case 0x0b: return;  // end
        case 0x41: (void)r.s64Leb(32); break;
        case 0x42: (void)r.s64Leb(64); break;
        case 0x43: r.skip(4); break;
        case 0x44: r.skip(8); break;
        case 0xfd:                                  // v128.const (SIMD prefix, opcode 12)
          if (r.u32Leb() != 12 && !r.failed()) r.fail(at(r, "unsupported constant expression"));
          r.skip(16);
          break;
        case 0x23: (void)r.u32Leb(); break;         // global.get
        case 0xd0: (void)valType(r); break;         // ref.null
        case 0xd2: (void)r.u32Leb(); break;         // ref.func
        case 0x6a: case 0x6b: case 0x6c:            // extended const: i32 add/sub/mul
        case 0x7c: case 0x7d: case 0x7e: break;     // i64 add/sub/mul
        default:
          if (!r.failed()) r.fail(at(r, "unsupported constant expression"));
          return;
      }
    }
    if (!r.failed()) r.fail(at(r, "constant expression too long"));
  }

  void globalSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxFunctions, 3, "globals");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      GlobalType global;
      global.type = valType(r);
      global.mutable_ = mutability(r);
      constExpr(r);
      info_.globals.push_back(global);
    }
  }

  void exportSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxExports, 3, "exports");
    std::set<std::string> names;
    uint32_t ordinals[5] = {};
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      Export e;
      e.name = r.name();
      const uint8_t kind = r.u8();
      e.index = r.u32Leb();
      if (r.failed()) return;
      if (!names.insert(e.name).second) {
        r.fail("export '" + printable(e.name) + "' is exported twice");
        return;
      }
      size_t limit = 0;
      switch (kind) {
        case 0: limit = info_.functionTypes.size(); break;
        case 1: limit = importedTables_ + info_.tables.size(); break;
        case 2: limit = memories_; break;
        case 3: limit = info_.globals.size(); break;
        default:
          r.fail("export '" + printable(e.name) + "' has unsupported kind " + std::to_string(kind));
          return;
      }
      e.kind = static_cast<ExternKind>(kind);
      if (e.index >= limit) {
        r.fail("export '" + printable(e.name) + "' refers to " + externKindName(e.kind) + " " +
               std::to_string(e.index) + ", which does not exist");
        return;
      }
      if (e.kind == ExternKind::Function) e.function = info_.types[info_.functionTypes[e.index]];
      if (e.kind == ExternKind::Global) e.global = info_.globals[e.index];
      e.ordinal = ordinals[kind]++;
      info_.exports.push_back(std::move(e));
    }
  }

  void startSection(ByteReader& r) {
    const uint32_t index = r.u32Leb();
    if (!r.failed() && index >= info_.functionTypes.size()) {
      r.fail(at(r, "start function " + std::to_string(index) + " does not exist"));
    }
    info_.start = index;
  }

  void codeSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxFunctions, 1, "function bodies");
    if (!r.failed() && n != definedFunctions_) {
      r.fail("code section has " + std::to_string(n) + " bodies for " +
             std::to_string(definedFunctions_) + " functions");
    }
    codeSeen_ = true;
    r.skip(r.remaining());  // bodies: validated by the translator (wasm_to_c/)
  }

  void finish(ByteReader& r) {
    if (!r.failed() && definedFunctions_ > 0 && !codeSeen_) {
      r.fail("function section without a code section");
    }
  }

 private:
  static std::string at(const ByteReader& r, const std::string& what) {
    return what + " at byte " + std::to_string(r.offset());
  }

  ModuleInfo& info_;
  uint32_t definedFunctions_ = 0;
  uint32_t importedTables_ = 0;
  uint32_t memories_ = 0;
  bool codeSeen_ = false;
};

}  // namespace

Result<ModuleInfo> readModule(std::span<const uint8_t> bytes) {
  if (bytes.size() > kMaxModuleBytes) return fail("module larger than 256 MiB");
  if (bytes.size() < 4 || !std::equal(kMagic, kMagic + 4, bytes.begin())) {
    return fail("not a WebAssembly module (bad magic)");
  }
  if (bytes.size() < 8) return fail("truncated at byte " + std::to_string(bytes.size()) + " in the header");
  if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
    return fail("unsupported WebAssembly version (only 1 is supported)");
  }
  ModuleInfo info;
  Parser parser(info);
  ByteReader module(bytes.subspan(8), 8);
  int lastRank = 0;
  while (!module.atEnd() && !module.failed()) {
    module.setSection("headers");
    const uint8_t id = module.u8();
    module.setSection(sectionName(id));
    const uint32_t size = module.u32Leb();
    const size_t start = module.offset();
    auto payload = module.bytes(size);
    if (module.failed()) break;
    if (id > kTag) return fail("unknown section id " + std::to_string(id) + " at byte " + std::to_string(start));
    if (id == kTag) return fail("exception handling (tag section) is not supported");
    ByteReader r(payload, start);
    r.setSection(sectionName(id));
    if (id == kCustom) {
      (void)r.name();  // a custom section must at least have a well-formed name
    } else {
      if (sectionRank(id) <= lastRank) {
        return fail(std::string("section ") + sectionName(id) + " out of order or repeated at byte " +
                    std::to_string(start));
      }
      lastRank = sectionRank(id);
      switch (id) {
        case kType: parser.typeSection(r); break;
        case kImport: parser.importSection(r); break;
        case kFunction: parser.functionSection(r); break;
        case kTable: parser.tableSection(r); break;
        case kMemory: parser.memorySection(r); break;
        case kGlobal: parser.globalSection(r); break;
        case kExport: parser.exportSection(r); break;
        case kStart: parser.startSection(r); break;
        case kCode: parser.codeSection(r); break;
        default: r.skip(r.remaining()); break;  // element, data, datacount: the translator reads them
      }
      if (!r.failed() && !r.atEnd()) {
        r.fail(std::string("section ") + sectionName(id) + " has " + std::to_string(r.remaining()) +
               " bytes left over at byte " + std::to_string(r.offset()));
      }
    }
    if (r.failed()) return fail(r.error());
  }
  if (module.failed()) return fail(module.error());
  parser.finish(module);
  if (module.failed()) return fail(module.error());
  return info;
}

std::vector<uint8_t> withoutCustomSections(std::span<const uint8_t> bytes) {
  std::vector<uint8_t> out(bytes.begin(), bytes.begin() + 8);
  ByteReader r(bytes.subspan(8), 8);
  while (!r.atEnd() && !r.failed()) {
    const size_t begin = r.offset();
    const uint8_t id = r.u8();
    const uint32_t size = r.u32Leb();
    (void)r.bytes(size);
    if (id != kCustom && !r.failed()) {
      out.insert(out.end(), bytes.begin() + begin, bytes.begin() + r.offset());
    }
  }
  return out;
}

}  // namespace wstudio::host::wasm
