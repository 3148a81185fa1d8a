// parseModule: wasm::readModule checks the module's structure and gives types, imports, exports
// and limits; this walks the sections again for what translation needs besides (table element
// types, global initial values, element and data segments, function bodies), each section from
// its own bounded reader.
#include "wasm_to_c/module_parser.hpp"

#include <map>

#include "wasm/byte_reader.hpp"
#include "wasm/names.hpp"
#include "wasm/reader.hpp"

namespace wstudio::host::wasm_to_c {

namespace {

using wasm::ByteReader;

constexpr uint32_t kMaxSegments = 100000;
constexpr uint32_t kMaxConstExprOps = 64;

enum SectionId : uint8_t {
  kCustom = 0, kType, kImport, kFunction, kTable, kMemory, kGlobal, kExport, kStart,
  kElement, kCode, kData, kDataCount
};

std::string at(const ByteReader& r, const std::string& what) {
  return what + " at byte " + std::to_string(r.offset());
}

class Parser {
 public:
  explicit Parser(Module& m) : m_(m) {}

  // A constant expression of type `expected`: literals, ref.null/ref.func, global.get of an
  // earlier immutable global, and the extended-const integer add/sub/mul.
  ConstValue constExpr(ByteReader& r, ValType expected) {
    std::vector<ConstValue> stack;
    for (uint32_t ops = 0; ops < kMaxConstExprOps && !r.failed(); ++ops) {
      const size_t start = r.offset();
      const uint8_t op = r.u8();
      ConstValue v;
      switch (op) {
        case 0x0b: {
          if (r.failed()) return {};
          if (stack.size() != 1 || stack[0].type != expected) {
            r.fail(at(r, std::string("constant expression does not produce one ") +
                             wasm::valTypeName(expected)));
            return {};
          }
          return stack[0];
        }
        case 0x41: v.type = ValType::I32; v.bits[0] = static_cast<uint32_t>(r.s64Leb(32)); break;
        case 0x42: v.type = ValType::I64; v.bits[0] = static_cast<uint64_t>(r.s64Leb(64)); break;
        case 0x43: v.type = ValType::F32; v.bits[0] = little(r.bytes(4)); break;
        case 0x44: v.type = ValType::F64; v.bits[0] = little(r.bytes(8)); break;
        case 0xfd: {
          if (r.u32Leb() != 12 && !r.failed()) {
            r.fail(at(r, "unsupported constant expression"));
            return {};
          }
          v.type = ValType::V128;
          v.bits[0] = little(r.bytes(8));
          v.bits[1] = little(r.bytes(8));
          break;
        }
        case 0xd0: {
          const uint8_t type = r.u8();
          if (type != 0x70 && !r.failed()) {
            r.fail(at(r, "only funcref references are supported"));
            return {};
          }
          v.type = ValType::FuncRef;
          break;
        }
        case 0xd2: {
          const uint32_t index = r.u32Leb();
          if (!r.failed() && index >= m_.functionTypes.size()) {
            r.fail(at(r, "ref.func of function " + std::to_string(index) + ", which does not exist"));
            return {};
          }
          v.type = ValType::FuncRef;
          v.funcIndex = index;
          m_.declaredFunctions.insert(index);
          break;
        }
        case 0x23: {
          const uint32_t index = r.u32Leb();
          if (!r.failed() && (index >= m_.globals.size() || m_.globals[index].mutable_)) {
            r.fail(at(r, "constant expression reads global " + std::to_string(index) +
                             ", which is not an earlier immutable global"));
            return {};
          }
          if (r.failed()) return {};
          v = m_.globals[index].init;
          break;
        }
        case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: {
          const ValType t = op < 0x70 ? ValType::I32 : ValType::I64;
          if (stack.size() < 2 || stack.back().type != t || stack[stack.size() - 2].type != t) {
            r.fail("constant expression operands do not match at byte " + std::to_string(start));
            return {};
          }
          const uint64_t b = stack.back().bits[0];
          stack.pop_back();
          uint64_t& a = stack.back().bits[0];
          const int kind = (op - 0x6a) % 0x12;  // 0 add, 1 sub, 2 mul
          a = kind == 0 ? a + b : kind == 1 ? a - b : a * b;
          if (t == ValType::I32) a &= 0xffffffffu;
          continue;
        }
        default:
          if (!r.failed()) r.fail("unsupported constant expression at byte " + std::to_string(start));
          return {};
      }
      stack.push_back(v);
    }
    if (!r.failed()) r.fail(at(r, "constant expression too long"));
    return {};
  }

  static uint64_t little(std::span<const uint8_t> bytes) {
    uint64_t v = 0;
    for (size_t i = 0; i < bytes.size(); ++i) v |= uint64_t(bytes[i]) << (8 * i);
    return v;
  }

  void tableSection(ByteReader& r) {
    const uint32_t n = r.count(1000, 2, "tables");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      const uint8_t element = r.u8();
      if (!r.failed() && element != 0x70) {
        r.fail(at(r, "table " + std::to_string(i) + ": only funcref tables are supported"));
        return;
      }
      Table table;
      const uint8_t flags = r.u8();
      table.limits.min = r.u32Leb();
      if (flags & 1) table.limits.max = r.u32Leb();
      m_.tables.push_back(table);
    }
  }

  void globalSection(ByteReader& r) {
    const uint32_t n = r.count(wasm::kMaxFunctions, 3, "globals");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      Global global;
      global.type = static_cast<ValType>(r.u8());
      global.mutable_ = r.u8() == 1;
      if (global.type == ValType::ExternRef && !r.failed()) {
        r.fail(at(r, "externref globals are not supported"));
        return;
      }
      global.init = constExpr(r, global.type);
      global.slot = globalsOfType_[global.type]++;
      m_.globals.push_back(global);
    }
  }

  uint32_t i32Offset(ByteReader& r) { return static_cast<uint32_t>(constExpr(r, ValType::I32).bits[0]); }

  void elementSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxSegments, 1, "element segments");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      const uint32_t flags = r.u32Leb();
      if (r.failed()) return;
      if (flags > 7) {
        r.fail(at(r, "element segment " + std::to_string(i) + " has unknown flags " + std::to_string(flags)));
        return;
      }
      ElementSegment segment;
      const bool passiveOrDeclarative = flags & 1;
      const bool explicitTable = flags & 2;
      const bool expressions = flags & 4;
      if (passiveOrDeclarative) {
        segment.mode = explicitTable ? ElementSegment::Mode::Declarative : ElementSegment::Mode::Passive;
      } else {
        if (explicitTable) segment.table = r.u32Leb();
        segment.offset = i32Offset(r);
        if (!r.failed() && segment.table >= m_.tables.size()) {
          r.fail(at(r, "element segment " + std::to_string(i) + " refers to table " +
                           std::to_string(segment.table) + ", which does not exist"));
          return;
        }
      }
      if (passiveOrDeclarative || explicitTable) {
        const uint8_t kind = r.u8();  // elemkind 0x00 (funcref) or a reference type
        if (!r.failed() && kind != (expressions ? 0x70 : 0x00)) {
          r.fail(at(r, "element segment " + std::to_string(i) + ": only funcref elements are supported"));
          return;
        }
      }
      const uint32_t count = r.count(wasm::kMaxFunctions, 1, "elements");
      for (uint32_t e = 0; e < count && !r.failed(); ++e) {
        if (expressions) {
          segment.functions.push_back(constExpr(r, ValType::FuncRef).funcIndex);
          continue;
        }
        const uint32_t index = r.u32Leb();
        if (!r.failed() && index >= m_.functionTypes.size()) {
          r.fail(at(r, "element refers to function " + std::to_string(index) + ", which does not exist"));
          return;
        }
        m_.declaredFunctions.insert(index);
        segment.functions.push_back(index);
      }
      m_.elements.push_back(std::move(segment));
    }
  }

  void codeSection(ByteReader& r) {
    const uint32_t n = r.count(wasm::kMaxFunctions, 1, "function bodies");
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      const uint32_t size = r.u32Leb();
      const size_t offset = r.offset();
      auto bytes = r.bytes(size);
      m_.bodies.push_back({bytes, offset});
    }
  }

  void dataSection(ByteReader& r) {
    const uint32_t n = r.count(kMaxSegments, 1, "data segments");
    if (!r.failed() && m_.dataCount && *m_.dataCount != n) {
      r.fail("data section has " + std::to_string(n) + " segments, the data count section says " +
             std::to_string(*m_.dataCount));
      return;
    }
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      const uint32_t flags = r.u32Leb();
      DataSegment segment;
      if (r.failed()) return;
      if (flags > 2) {
        r.fail(at(r, "data segment " + std::to_string(i) + " has unknown flags " + std::to_string(flags)));
        return;
      }
      segment.active = flags != 1;
      if (flags == 2 && r.u32Leb() != 0 && !r.failed()) {
        r.fail(at(r, "data segment " + std::to_string(i) + " names a second memory (multi-memory is not supported)"));
        return;
      }
      if (segment.active) {
        segment.offset = i32Offset(r);
        if (!r.failed() && !m_.memory) {
          r.fail(at(r, "data segment " + std::to_string(i) + " without a memory"));
          return;
        }
      }
      const uint32_t size = r.u32Leb();
      segment.bytes = r.bytes(size);
      m_.data.push_back(segment);
    }
  }

 private:
  Module& m_;
  std::map<ValType, uint32_t> globalsOfType_;
};

}  // namespace

Result<Module> parseModule(std::span<const uint8_t> bytes) {
  auto info = wasm::readModule(bytes);
  if (!info) return fail(info.error());
  Module m;
  m.types = info->types;
  m.functionTypes = info->functionTypes;
  m.exports = info->exports;
  m.start = info->start;
  m.memory = info->memoryLimits();
  for (const wasm::Import& import : info->imports) {
    const std::string what = "imports " + wasm::printable(import.module) + "." + wasm::printable(import.field);
    switch (import.kind) {
      case wasm::ExternKind::Function:
        m.functionImports.push_back({import.module, import.field, info->functionTypes[m.functionImports.size()]});
        break;
      case wasm::ExternKind::Memory: break;  // the sandbox makes it, with the import's limits
      default: return fail(what + ": importing a " + externKindName(import.kind) + " is not supported");
    }
  }
  for (const wasm::Export& e : m.exports) {
    if (e.kind == wasm::ExternKind::Function) m.declaredFunctions.insert(e.index);
  }
  Parser parser(m);
  ByteReader module(bytes.subspan(8), 8);
  while (!module.atEnd() && !module.failed()) {
    const uint8_t id = module.u8();
    const uint32_t size = module.u32Leb();
    const size_t start = module.offset();
    auto payload = module.bytes(size);
    if (module.failed()) break;
    ByteReader r(payload, start);
    switch (id) {
      case kTable: r.setSection("table"); parser.tableSection(r); break;
      case kGlobal: r.setSection("global"); parser.globalSection(r); break;
      case kElement: r.setSection("element"); parser.elementSection(r); break;
      case kDataCount: r.setSection("datacount"); m.dataCount = r.u32Leb(); break;
      case kCode: r.setSection("code"); parser.codeSection(r); break;
      case kData: r.setSection("data"); parser.dataSection(r); break;
      default: r.skip(r.remaining()); break;  // checked by readModule
    }
    if (!r.failed() && !r.atEnd()) {
      r.fail("section " + std::to_string(id) + " has bytes left over at byte " + std::to_string(r.offset()));
    }
    if (r.failed()) return fail(r.error());
  }
  if (module.failed()) return fail(module.error());
  if (m.bodies.size() != m.functionTypes.size() - m.functionImports.size()) {
    return fail("the code section has " + std::to_string(m.bodies.size()) + " bodies for " +
                std::to_string(m.functionTypes.size() - m.functionImports.size()) + " functions");
  }
  if (m.start && (!m.functionType(*m.start).params.empty() || !m.functionType(*m.start).results.empty())) {
    return fail("the start function takes or returns values");
  }
  for (const Global& g : m.globals) {
    if (g.type == ValType::ExternRef) return fail("externref globals are not supported");
  }
  return m;
}

}  // namespace wstudio::host::wasm_to_c
