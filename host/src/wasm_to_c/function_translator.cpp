#include "wasm_to_c/function_translator.hpp"

#include <array>
#include <set>

#include "wasm/byte_reader.hpp"
#include "wasm/reader.hpp"
#include "wasm_to_c/c_names.hpp"
#include "wasm_to_c/opcodes.hpp"

namespace wstudio::host::wasm_to_c {

namespace {

using wasm::ByteReader;

// An operand type during validation; Unknown is the bottom type of unreachable code.
constexpr uint8_t kUnknown = 0;

// Thrown on the first validation error; translateFunction turns it into a Result.
struct Invalid {
  std::string why;
};

ValType letterType(char letter) {
  switch (letter) {
    case 'i': return ValType::I32;
    case 'I': return ValType::I64;
    case 'f': return ValType::F32;
    case 'F': return ValType::F64;
    default: return ValType::V128;
  }
}

const char* typeName(uint8_t type) {
  return type == kUnknown ? "unknown" : wasm::valTypeName(static_cast<ValType>(type));
}

bool isNumericOrVector(uint8_t type) {
  return type == uint8_t(ValType::I32) || type == uint8_t(ValType::I64) || type == uint8_t(ValType::F32) ||
         type == uint8_t(ValType::F64) || type == uint8_t(ValType::V128);
}

struct Frame {
  uint8_t opcode = 0;  // 0x02 block, 0x03 loop, 0x04 if; 0 for the function itself
  std::vector<ValType> params;
  std::vector<ValType> results;
  size_t height = 0;         // operand stack height below the params
  bool unreachable = false;  // validation: the rest of the frame is unreachable (stack polymorphic)
  bool liveAtStart = false;  // code generation: the frame's start can run
  bool emit = false;         // code generation: the current position can run
  bool targeted = false;     // a branch to the frame's label was emitted
  bool elseSeen = false;
  bool thenFallsThrough = false;
  uint32_t label = 0;
};

class FunctionTranslator {
 public:
  FunctionTranslator(const Module& module, const std::vector<uint32_t>& signatureIds, uint32_t index)
      : m_(module),
        ids_(signatureIds),
        index_(index),
        type_(module.functionType(index)),
        body_(module.bodies[index - module.importedFunctionCount()]),
        r_(body_.bytes, body_.offset) {
    r_.setSection("code");
  }

  TranslatedFunction run() {
    readLocals();
    Frame function;
    function.results = type_.results;
    function.liveAtStart = function.emit = true;
    function.label = nextLabel_++;
    frames_.push_back(function);
    while (!frames_.empty()) {
      if (r_.atEnd()) fail("the body ends before its last `end`");
      instruction();
    }
    if (!r_.atEnd()) fail("bytes after the function's last `end`");
    return {assemble(), usesSimd_};
  }

  [[noreturn]] void fail(const std::string& why) {
    throw Invalid{"function " + std::to_string(index_) + ": " + why + " at byte " +
                  std::to_string(instructionStart_)};
  }

 private:
  // ---- decoding ---------------------------------------------------------------------------

  void check() {
    if (r_.failed()) throw Invalid{"function " + std::to_string(index_) + ": " + r_.error()};
  }
  uint8_t u8() { const uint8_t v = r_.u8(); check(); return v; }
  uint32_t u32() { const uint32_t v = r_.u32Leb(); check(); return v; }

  uint8_t valType(uint8_t byte) {
    switch (static_cast<ValType>(byte)) {
      case ValType::I32: case ValType::I64: case ValType::F32: case ValType::F64: case ValType::FuncRef:
        return byte;
      case ValType::V128: usesSimd_ = true; return byte;
      case ValType::ExternRef: fail("externref is not supported");
      default: fail("unknown value type 0x" + hex(byte));
    }
  }

  static std::string hex(uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "%02x", v);
    return text;
  }

  void readLocals() {
    instructionStart_ = r_.offset();
    locals_ = type_.params;
    const uint32_t groups = r_.count(kMaxLocals, 2, "local declarations");
    check();
    uint64_t total = locals_.size();
    for (uint32_t g = 0; g < groups; ++g) {
      instructionStart_ = r_.offset();
      const uint32_t n = u32();
      const uint8_t type = valType(u8());
      total += n;
      if (total > kMaxLocals) fail("more than " + std::to_string(kMaxLocals) + " locals");
      locals_.insert(locals_.end(), n, static_cast<ValType>(type));
    }
    for (ValType t : type_.params) (void)valType(uint8_t(t));
    for (ValType t : type_.results) (void)valType(uint8_t(t));
  }

  // A block type: [] -> [], [] -> [t], or a type index (multi-value).
  FuncType blockType() {
    const uint8_t first = u8();
    if (first == 0x40) return {};
    if (first == 0x7f || first == 0x7e || first == 0x7d || first == 0x7c || first == 0x7b ||
        first == 0x70 || first == 0x6f) {
      return {{}, {static_cast<ValType>(valType(first))}};
    }
    uint64_t index = first & 0x7f;
    uint8_t byte = first;
    for (unsigned shift = 7; byte & 0x80; shift += 7) {
      if (shift > 28) fail("malformed block type");
      byte = u8();
      index |= uint64_t(byte & 0x7f) << shift;
    }
    if (byte & 0x40) fail("malformed block type");
    if (index >= m_.types.size()) fail("block type " + std::to_string(index) + " does not exist");
    const FuncType& type = m_.types[index];
    for (ValType t : type.params) (void)valType(uint8_t(t));
    for (ValType t : type.results) (void)valType(uint8_t(t));
    return type;
  }

  // A memory operand: returns the offset; checks the alignment and that there is a memory.
  uint32_t memArg(uint32_t maxAlign) {
    const uint32_t align = u32();
    const uint32_t offset = u32();
    if (align & 0x40) fail("a memory index (multi-memory) is not supported");
    if (align > maxAlign) fail("alignment 2^" + std::to_string(align) + " is larger than natural");
    requireMemory();
    return offset;
  }

  void requireMemory() {
    if (!m_.memory) fail("memory instruction in a module without memory");
  }

  void memoryIndexZero() {
    if (u8() != 0) fail("a memory index other than 0 (multi-memory) is not supported");
    requireMemory();
  }

  uint32_t tableIndex() {
    const uint32_t t = u32();
    if (t >= m_.tables.size()) fail("table " + std::to_string(t) + " does not exist");
    return t;
  }

  // ---- operand stack ----------------------------------------------------------------------

  Frame& top() { return frames_.back(); }

  // Pops an operand (of `expected` type unless kUnknown); returns its type and depth.
  std::pair<uint8_t, size_t> pop(uint8_t expected = kUnknown) {
    Frame& f = top();
    if (stack_.size() == f.height) {
      if (f.unreachable) return {expected, stack_.size()};
      fail(std::string("operand stack underflow (expected ") + typeName(expected) + ")");
    }
    const uint8_t t = stack_.back();
    stack_.pop_back();
    if (expected != kUnknown && t != kUnknown && t != expected) {
      fail(std::string("type mismatch: expected ") + typeName(expected) + ", found " + typeName(t));
    }
    return {t != kUnknown ? t : expected, stack_.size()};
  }

  std::string popSlot(ValType expected) { return slot(uint8_t(expected), pop(uint8_t(expected)).second); }

  size_t push(uint8_t type) {
    if (stack_.size() >= kMaxOperandDepth) fail("operand stack deeper than " + std::to_string(kMaxOperandDepth));
    stack_.push_back(type);
    return stack_.size() - 1;
  }
  std::string pushSlot(ValType type) { return slot(uint8_t(type), push(uint8_t(type))); }

  // Pops `types` (last first) and returns their slot names in order.
  std::vector<std::string> popAll(const std::vector<ValType>& types) {
    std::vector<std::string> names(types.size());
    for (size_t i = types.size(); i-- > 0;) names[i] = popSlot(types[i]);
    return names;
  }

  // The C local for the stack slot at `depth` holding `type`: "sf_64" is the f32 at depth 64.
  std::string slot(uint8_t type, size_t depth) {
    if (type == kUnknown) return "0";
    if (top().emit) slots_.insert({type, depth});
    static const std::array<std::pair<ValType, const char*>, 6> prefixes = {{{ValType::I32, "si_"},
        {ValType::I64, "sj_"}, {ValType::F32, "sf_"}, {ValType::F64, "sd_"}, {ValType::V128, "sv_"},
        {ValType::FuncRef, "sr_"}}};
    const char* prefix = "sx_";
    for (auto [t, p] : prefixes) {
      if (uint8_t(t) == type) prefix = p;
    }
    return numbered(prefix, depth);
  }

  // ---- emission ---------------------------------------------------------------------------

  void emit(const std::string& line) {
    if (top().emit) code_ += "  " + line + "\n";
  }
  // Labels and jumps that belong to a frame: emitted when the frame's start can run, whatever
  // happened inside it.
  void emitStructural(const Frame& frame, const std::string& line) {
    if (frame.liveAtStart) code_ += line + "\n";
  }

  void setUnreachable() {
    Frame& f = top();
    stack_.resize(f.height);
    f.unreachable = true;
    f.emit = false;
  }

  uint32_t localIndex() {
    const uint32_t index = u32();
    if (index >= locals_.size()) fail("local " + std::to_string(index) + " does not exist");
    return index;
  }

  std::string address(const std::string& base, uint32_t offset) {
    std::string a = "mem + (u64)" + base;
    if (offset != 0) a += " + " + u32Literal(offset);
    return a;
  }

  // ---- control ----------------------------------------------------------------------------

  void pushFrame(uint8_t opcode, const FuncType& type) {
    if (frames_.size() >= kMaxControlDepth) fail("blocks nested deeper than " + std::to_string(kMaxControlDepth));
    std::vector<std::string> params = popAll(type.params);
    Frame f;
    f.opcode = opcode;
    f.params = type.params;
    f.results = type.results;
    f.height = stack_.size();
    f.liveAtStart = f.emit = top().emit;
    f.label = nextLabel_++;
    for (ValType t : type.params) push(uint8_t(t));
    frames_.push_back(std::move(f));
  }

  const std::vector<ValType>& labelTypes(const Frame& f) { return f.opcode == 0x03 ? f.params : f.results; }

  Frame& target(uint32_t depth) {
    if (depth >= frames_.size()) fail("branch depth " + std::to_string(depth) + " is out of range");
    return frames_[frames_.size() - 1 - depth];
  }

  // Checks that the label's values are on the stack (leaving them there) and returns their slots.
  std::vector<std::string> peekLabelValues(const std::vector<ValType>& types) {
    std::vector<std::string> names = popAll(types);
    for (ValType t : types) push(uint8_t(t));
    return names;
  }

  // The statements of a branch to `f` taking `values` (the top slots): copy them into the
  // label's slots, jump. A branch to the function's frame is a return.
  std::string branchCode(Frame& f, const std::vector<std::string>& values) {
    if (&f == &frames_.front()) return returnCode(values);
    std::string code;
    const std::vector<ValType>& types = labelTypes(f);
    for (size_t i = 0; i < types.size(); ++i) {
      const std::string into = slot(uint8_t(types[i]), f.height + i);
      if (into != values[i]) code += into + " = " + values[i] + "; ";
    }
    if (top().emit) f.targeted = true;
    return code + "goto " + numbered("L_", f.label) + ";";
  }

  std::string returnCode(const std::vector<std::string>& values) {
    if (values.empty()) return "*fuelp = fuel; return;";
    if (values.size() == 1) return "*fuelp = fuel; return " + values[0] + ";";
    std::string code = "*fuelp = fuel; return (" + returnType(type_, ids_[m_.functionTypes[index_]]) + "){";
    for (size_t i = 0; i < values.size(); ++i) code += (i ? ", " : "") + values[i];
    return code + "};";
  }

  // Checks the frame's results are exactly what is on its part of the stack.
  void checkFrameEnd(const Frame& f) {
    std::vector<ValType> results = f.results;
    (void)popAll(results);
    if (stack_.size() != f.height) fail("values left on the stack at the end of a block");
  }

  void end() {
    Frame& f = top();
    if (f.opcode == 0x04 && !f.elseSeen && f.params != f.results) {
      fail("`if` without `else` must leave its parameters as its results");
    }
    const bool fallsThrough = f.emit;
    checkFrameEnd(f);
    if (frames_.size() == 1) {  // the function's end
      std::vector<std::string> values;
      for (size_t i = 0; i < f.results.size(); ++i) values.push_back(slot(uint8_t(f.results[i]), i));
      emit(returnCode(values));
      frames_.pop_back();
      return;
    }
    Frame done = std::move(frames_.back());
    frames_.pop_back();
    bool continues = fallsThrough || done.targeted;
    if (done.opcode == 0x04) {
      continues = continues || done.thenFallsThrough || !done.elseSeen;
      if (!done.elseSeen) emitStructural(done, numbered("E_", done.label) + ":;");
    }
    if (done.opcode == 0x03) continues = fallsThrough;
    if (done.opcode != 0x03 && done.targeted) emitStructural(done, numbered("L_", done.label) + ":;");
    top().emit = done.liveAtStart && continues;
    for (ValType t : done.results) push(uint8_t(t));
  }

  // ---- instructions -----------------------------------------------------------------------

  void instruction() {
    instructionStart_ = r_.offset();
    const uint8_t op = u8();
    if (const NumericOp* numeric = numericOp(op)) return apply(numeric->name, numeric->signature, {});
    if (const MemoryOp* memory = memoryOp(op)) return memoryAccess(*memory);
    switch (op) {
      case 0x00:
        emit("wsx_trap(WSX_TRAP_UNREACHABLE);");
        return setUnreachable();
      case 0x01: return;
      case 0x02: case 0x03: {
        pushFrame(op, blockType());
        if (op == 0x03) {
          emitStructural(top(), numbered("L_", top().label) + ":;");
          emit("WSX_FUEL_TICK;");
        }
        return;
      }
      case 0x04: {
        const FuncType type = blockType();
        const std::string condition = popSlot(ValType::I32);
        pushFrame(op, type);
        Frame& f = top();
        // The else branch is reached only by this jump, so the parameters are still in their
        // slots there, whatever the then branch does to them.
        emit("if (!" + condition + ") goto " + numbered("E_", f.label) + ";");
        return;
      }
      case 0x05: {
        Frame& f = top();
        if (f.opcode != 0x04 || f.elseSeen) fail("`else` without `if`");
        f.thenFallsThrough = f.emit;
        checkFrameEnd(f);
        emit("goto " + numbered("L_", f.label) + ";");
        if (f.thenFallsThrough) f.targeted = true;
        emitStructural(f, numbered("E_", f.label) + ":;");
        f.elseSeen = true;
        f.unreachable = false;
        f.emit = f.liveAtStart;
        for (ValType t : f.params) push(uint8_t(t));
        return;
      }
      case 0x0b: return end();
      case 0x0c: {
        Frame& f = target(u32());
        const std::vector<std::string> values = peekLabelValues(labelTypes(f));
        emit(branchCode(f, values));
        return setUnreachable();
      }
      case 0x0d: {
        const uint32_t depth = u32();
        const std::string condition = popSlot(ValType::I32);
        Frame& f = target(depth);
        const std::vector<std::string> values = peekLabelValues(labelTypes(f));
        emit("if (" + condition + ") { " + branchCode(f, values) + " }");
        return;
      }
      case 0x0e: return brTable();
      case 0x0f: {
        emit(returnCode(peekLabelValues(frames_.front().results)));
        return setUnreachable();
      }
      case 0x10: {
        const uint32_t callee = u32();
        if (callee >= m_.functionTypes.size()) fail("call to function " + std::to_string(callee) + ", which does not exist");
        return call(functionName(callee) + "(inst, fuelp", m_.functionType(callee), ids_[m_.functionTypes[callee]], "");
      }
      case 0x11: return callIndirect();
      case 0x12: case 0x13: fail("tail calls are not supported");
      case 0x1a: (void)pop(); return;
      case 0x1b: return select(false);
      case 0x1c: return select(true);
      case 0x20: {
        const uint32_t l = localIndex();
        emit(pushSlot(locals_[l]) + " = " + localName(l) + ";");
        return;
      }
      case 0x21: case 0x22: {
        const uint32_t index = localIndex();
        const ValType t = locals_[index];
        const std::string l = localName(index);
        const std::string value = popSlot(t);
        emit(l + " = " + value + ";");
        if (op == 0x22) push(uint8_t(t));
        return;
      }
      case 0x23: case 0x24: return globalAccess(op == 0x24);
      case 0x25: {
        const uint32_t t = tableIndex();
        const std::string i = popSlot(ValType::I32);
        emit(pushSlot(ValType::FuncRef) + " = wsx_table_get(&inst->tables[" + std::to_string(t) + "], " + i + ");");
        return;
      }
      case 0x26: {
        const uint32_t t = tableIndex();
        const std::string value = popSlot(ValType::FuncRef);
        const std::string i = popSlot(ValType::I32);
        emit("wsx_table_set(&inst->tables[" + std::to_string(t) + "], " + i + ", " + value + ");");
        return;
      }
      case 0x3f: {
        memoryIndexZero();
        emit(pushSlot(ValType::I32) + " = inst->memory.pages;");
        return;
      }
      case 0x40: {
        memoryIndexZero();
        const std::string delta = popSlot(ValType::I32);
        emit(pushSlot(ValType::I32) + " = wsx_memory_grow(&inst->memory, " + delta + ");");
        return;
      }
      case 0x41: case 0x42: case 0x43: case 0x44: return constant(op);
      case 0xd0: {
        const uint8_t type = u8();
        if (type == 0x6f) fail("externref is not supported");
        if (type != 0x70) fail("ref.null of a non-reference type");
        emit(pushSlot(ValType::FuncRef) + " = NULL;");
        return;
      }
      case 0xd1: {
        const std::string ref = popSlot(ValType::FuncRef);
        emit(pushSlot(ValType::I32) + " = " + ref + " == NULL;");
        return;
      }
      case 0xd2: {
        const uint32_t f = u32();
        if (f >= m_.functionTypes.size()) fail("ref.func of function " + std::to_string(f) + ", which does not exist");
        if (!m_.declaredFunctions.count(f)) fail("ref.func of function " + std::to_string(f) + ", which is not declared");
        emit(pushSlot(ValType::FuncRef) + " = &wsx_funcs[" + std::to_string(f) + "];");
        return;
      }
      case 0xfc: return prefixedFC();
      case 0xfd: return simd();
      case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a: case 0x18: case 0x19:
        fail("exception handling is not supported");
      case 0xfe: fail("threads and atomics are not supported");
      case 0xfb: fail("garbage collection instructions are not supported");
      default: fail("unknown opcode 0x" + hex(op));
    }
  }

  // One runtime call: pops the signature's operands, pushes its result; `immediates` are
  // appended as arguments.
  void apply(const char* name, OpSignature signature, const std::vector<std::string>& immediates) {
    std::vector<ValType> params;
    for (const char* c = signature.params; *c != '\0'; ++c) params.push_back(letterType(*c));
    std::vector<std::string> args = popAll(params);
    std::string call = runtimeName(name) + "(";
    for (size_t i = 0; i < args.size(); ++i) call += (i ? ", " : "") + args[i];
    for (const std::string& imm : immediates) call += (call.back() == '(' ? "" : ", ") + imm;
    call += ")";
    if (*signature.results == '\0') return emit(call + ";");
    emit(pushSlot(letterType(*signature.results)) + " = " + call + ";");
  }

  void memoryAccess(const MemoryOp& op) {
    const uint32_t offset = memArg(op.maxAlign);
    if (op.store) {
      const std::string value = popSlot(letterType(op.type));
      const std::string base = popSlot(ValType::I32);
      emit(runtimeName(op.name) + "(" + address(base, offset) + ", " + value + ");");
      return;
    }
    const std::string base = popSlot(ValType::I32);
    emit(pushSlot(letterType(op.type)) + " = " + runtimeName(op.name) + "(" + address(base, offset) + ");");
  }

  void constant(uint8_t op) {
    ConstValue v;
    switch (op) {
      case 0x41: v.type = ValType::I32; v.bits[0] = static_cast<uint32_t>(r_.s64Leb(32)); break;
      case 0x42: v.type = ValType::I64; v.bits[0] = static_cast<uint64_t>(r_.s64Leb(64)); break;
      case 0x43: v.type = ValType::F32; v.bits[0] = little(4); break;
      default: v.type = ValType::F64; v.bits[0] = little(8); break;
    }
    check();
    emit(pushSlot(v.type) + " = " + literal(v) + ";");
  }

  uint64_t little(size_t n) {
    auto bytes = r_.bytes(n);
    check();
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t(bytes[i]) << (8 * i);
    return v;
  }

  void globalAccess(bool set) {
    const uint32_t index = u32();
    if (index >= m_.globals.size()) fail("global " + std::to_string(index) + " does not exist");
    const Global& g = m_.globals[index];
    if (g.type == ValType::V128) usesSimd_ = true;
    const std::string field = "inst->" + globalField(g);
    if (set) {
      if (!g.mutable_) fail("global.set of immutable global " + std::to_string(index));
      emit(field + " = " + popSlot(g.type) + ";");
      return;
    }
    // An immutable global's value is known now (no imported globals): a constant for the compiler.
    emit(pushSlot(g.type) + " = " + (g.mutable_ ? field : literal(g.init)) + ";");
  }

  void select(bool typed) {
    uint8_t declared = kUnknown;
    if (typed) {
      if (u32() != 1) fail("typed select must name exactly one type");
      declared = valType(u8());
    }
    const std::string condition = popSlot(ValType::I32);
    auto [t2, d2] = pop(declared);
    auto [t1, d1] = pop(declared);
    if (!typed && t1 != kUnknown && t2 != kUnknown && t1 != t2) fail("select operands have different types");
    const uint8_t t = t1 != kUnknown ? t1 : t2;
    if (!typed && t != kUnknown && !isNumericOrVector(t)) fail("untyped select of a reference");
    const size_t depth = push(t);
    if (t != kUnknown) emit(slot(t, depth) + " = " + condition + " ? " + slot(t, d1) + " : " + slot(t, d2) + ";");
  }

  // A call: `callee` is the C callee up to the first argument, e.g. "fn3(inst, fuelp". The fuel
  // count goes to the callee and comes back (see WSX_FUEL_TICK).
  void call(const std::string& callee, const FuncType& type, uint32_t signatureId, const std::string& setup) {
    std::vector<std::string> args = popAll(type.params);
    std::string expression = callee;
    for (const std::string& a : args) expression += ", " + a;
    expression += ")";
    std::string statement;
    if (type.results.empty()) {
      statement = expression + ";";
    } else if (type.results.size() == 1) {
      statement = pushSlot(type.results[0]) + " = " + expression + ";";
    } else {
      statement = returnType(type, signatureId) + " ret_ = " + expression + ";";
      for (size_t i = 0; i < type.results.size(); ++i) {
        statement += " " + pushSlot(type.results[i]) + " = ret_.a" + std::to_string(i) + ";";
      }
    }
    emit("*fuelp = fuel;");
    emit(setup.empty() && type.results.size() < 2 ? statement : "{ " + setup + statement + " }");
    emit("fuel = *fuelp;");
  }

  void callIndirect() {
    const uint32_t typeIndex = u32();
    if (typeIndex >= m_.types.size()) fail("call_indirect type " + std::to_string(typeIndex) + " does not exist");
    const uint32_t table = tableIndex();
    const FuncType& type = m_.types[typeIndex];
    const std::string index = popSlot(ValType::I32);
    const uint32_t id = ids_[typeIndex];
    const std::string setup = "const wsx_func* target_ = wsx_call_target(&inst->tables[" + std::to_string(table) +
                              "], " + index + ", " + u32Literal(id) + "); ";
    const std::string callee = "((" + returnType(type, id) + " (*)(" + parameterTypes(type) + "))target_->code)";
    call(callee + "(inst, fuelp", type, id, setup);
  }

  void brTable() {
    const uint32_t count = r_.count(wasm::kMaxFunctions, 1, "br_table targets");
    check();
    std::vector<uint32_t> depths(count + 1);
    for (uint32_t i = 0; i <= count; ++i) depths[i] = u32();
    const std::string index = popSlot(ValType::I32);
    const size_t arity = labelTypes(target(depths[count])).size();
    std::string code = "switch (" + index + ") {";
    for (uint32_t i = 0; i <= count; ++i) {
      Frame& f = target(depths[i]);
      if (labelTypes(f).size() != arity) fail("br_table targets have different arities");
      const std::vector<std::string> values = peekLabelValues(labelTypes(f));
      code += i < count ? " case " + std::to_string(i) + "u: " : " default: ";
      code += branchCode(f, values);
    }
    emit(code + " }");
    setUnreachable();
  }

  void prefixedFC() {
    const uint32_t sub = u32();
    if (const NumericOp* trunc = saturatingTruncation(sub)) return apply(trunc->name, trunc->signature, {});
    switch (sub) {
      case 8: {  // memory.init
        const uint32_t segment = dataIndex();
        memoryIndexZero();
        const std::string n = popSlot(ValType::I32), s = popSlot(ValType::I32), d = popSlot(ValType::I32);
        const std::string k = std::to_string(segment);
        emit("wsx_memory_init(&inst->memory, wsx_data" + k + ", inst->data_dropped[" + k + "] ? 0u : " +
             u32Literal(static_cast<uint32_t>(m_.data[segment].bytes.size())) + ", " + d + ", " + s + ", " + n + ");");
        return;
      }
      case 9: emit("inst->data_dropped[" + std::to_string(dataIndex()) + "] = 1;"); return;
      case 10: {  // memory.copy
        memoryIndexZero();
        memoryIndexZero();
        const std::string n = popSlot(ValType::I32), s = popSlot(ValType::I32), d = popSlot(ValType::I32);
        emit("wsx_memory_copy(&inst->memory, " + d + ", " + s + ", " + n + ");");
        return;
      }
      case 11: {  // memory.fill
        memoryIndexZero();
        const std::string n = popSlot(ValType::I32), v = popSlot(ValType::I32), d = popSlot(ValType::I32);
        emit("wsx_memory_fill(&inst->memory, " + d + ", " + v + ", " + n + ");");
        return;
      }
      case 12: {  // table.init
        const uint32_t segment = elementIndex();
        const uint32_t table = tableIndex();
        const std::string n = popSlot(ValType::I32), s = popSlot(ValType::I32), d = popSlot(ValType::I32);
        const std::string k = std::to_string(segment);
        emit("wsx_table_init(&inst->tables[" + std::to_string(table) + "], wsx_elem" + k + ", inst->elem_dropped[" +
             k + "] ? 0u : " + u32Literal(static_cast<uint32_t>(m_.elements[segment].functions.size())) + ", " + d +
             ", " + s + ", " + n + ");");
        return;
      }
      case 13: emit("inst->elem_dropped[" + std::to_string(elementIndex()) + "] = 1;"); return;
      case 14: {  // table.copy
        const uint32_t dest = tableIndex();
        const uint32_t src = tableIndex();
        const std::string n = popSlot(ValType::I32), s = popSlot(ValType::I32), d = popSlot(ValType::I32);
        emit("wsx_table_copy(&inst->tables[" + std::to_string(dest) + "], &inst->tables[" + std::to_string(src) +
             "], " + d + ", " + s + ", " + n + ");");
        return;
      }
      case 15: {  // table.grow
        const uint32_t table = tableIndex();
        const std::string n = popSlot(ValType::I32), init = popSlot(ValType::FuncRef);
        emit(pushSlot(ValType::I32) + " = wsx_table_grow(&inst->tables[" + std::to_string(table) + "], " + init +
             ", " + n + ");");
        return;
      }
      case 16: {  // table.size
        const uint32_t table = tableIndex();
        emit(pushSlot(ValType::I32) + " = inst->tables[" + std::to_string(table) + "].size;");
        return;
      }
      case 17: {  // table.fill
        const uint32_t table = tableIndex();
        const std::string n = popSlot(ValType::I32), v = popSlot(ValType::FuncRef), d = popSlot(ValType::I32);
        emit("wsx_table_fill(&inst->tables[" + std::to_string(table) + "], " + d + ", " + v + ", " + n + ");");
        return;
      }
      default: fail("unknown instruction 0xfc " + std::to_string(sub));
    }
  }

  uint32_t dataIndex() {
    const uint32_t index = u32();
    if (!m_.dataCount) fail("data segment instruction without a data count section");
    if (index >= m_.data.size()) fail("data segment " + std::to_string(index) + " does not exist");
    return index;
  }

  uint32_t elementIndex() {
    const uint32_t index = u32();
    if (index >= m_.elements.size()) fail("element segment " + std::to_string(index) + " does not exist");
    return index;
  }

  void simd() {
    usesSimd_ = true;
    const uint32_t sub = u32();
    const SimdOp* op = simdOp(sub);
    if (op == nullptr) {
      if (sub >= 0x100 && sub <= 0x113) fail("relaxed SIMD instruction 0xfd " + std::to_string(sub) + " is not supported");
      fail("unknown SIMD instruction 0xfd " + std::to_string(sub));
    }
    switch (op->immediate) {
      case SimdImmediate::None: return apply(op->name, op->signature, {});
      case SimdImmediate::MemArg: {
        const uint32_t offset = memArg(op->maxAlign);
        if (*op->signature.params == 'v') {  // v128.store
          const std::string value = popSlot(ValType::V128);
          const std::string base = popSlot(ValType::I32);
          emit(runtimeName(op->name) + "(" + address(base, offset) + ", " + value + ");");
          return;
        }
        const std::string base = popSlot(ValType::I32);
        emit(pushSlot(ValType::V128) + " = " + runtimeName(op->name) + "(" + address(base, offset) + ");");
        return;
      }
      case SimdImmediate::MemArgLane: {
        const uint32_t offset = memArg(op->maxAlign);
        const std::string lane = laneIndex(op->lanes);
        const std::string vector = popSlot(ValType::V128);
        const std::string base = popSlot(ValType::I32);
        const std::string call = runtimeName(op->name) + "(" + address(base, offset) + ", " + vector + ", " + lane + ")";
        if (*op->signature.results == '\0') return emit(call + ";");
        emit(pushSlot(ValType::V128) + " = " + call + ";");
        return;
      }
      case SimdImmediate::Lane: {
        const std::string lane = laneIndex(op->lanes);
        // extract_lane(v, lane); replace_lane(v, lane, x): the lane goes second.
        std::vector<ValType> params;
        for (const char* c = op->signature.params; *c != '\0'; ++c) params.push_back(letterType(*c));
        std::vector<std::string> args = popAll(params);
        std::string call = runtimeName(op->name) + "(" + args[0] + ", " + lane;
        if (args.size() > 1) call += ", " + args[1];
        emit(pushSlot(letterType(*op->signature.results)) + " = " + call + ");");
        return;
      }
      case SimdImmediate::Bytes16: {
        ConstValue v;
        v.type = ValType::V128;
        v.bits[0] = little(8);
        v.bits[1] = little(8);
        emit(pushSlot(ValType::V128) + " = " + literal(v) + ";");
        return;
      }
      case SimdImmediate::Shuffle: {
        std::vector<std::string> lanes;
        for (int i = 0; i < 16; ++i) lanes.push_back(laneIndex(32));
        std::string mask;
        for (size_t i = 0; i < lanes.size(); ++i) mask += (i ? ", " : "") + lanes[i];
        return apply(op->name, op->signature, {mask});
      }
    }
  }

  std::string laneIndex(uint32_t lanes) {
    const uint8_t lane = u8();
    if (lane >= lanes) fail("lane index " + std::to_string(lane) + " out of range");
    return std::to_string(lane);
  }

  // ---- the C function ---------------------------------------------------------------------

  std::string assemble() {
    const uint32_t id = ids_[m_.functionTypes[index_]];
    std::string out = "static " + returnType(type_, id) + " " + functionName(index_) + "(wsx_instance* inst, int64_t* fuelp";
    for (size_t i = 0; i < type_.params.size(); ++i) {
      out += std::string(", ") + cType(type_.params[i]) + " " + localName(static_cast<uint32_t>(i));
    }
    out += ") {\n";
    for (size_t i = type_.params.size(); i < locals_.size(); ++i) {
      out += std::string("  ") + cType(locals_[i]) + " " + localName(static_cast<uint32_t>(i)) + " = " +
             zero(locals_[i]) + ";\n";
    }
    if (m_.memory) out += "  u8* const mem = inst->memory.data;\n  (void)mem;\n";
    for (auto [type, depth] : slots_) {
      out += std::string("  ") + cType(static_cast<ValType>(type)) + " " + slot(type, depth) + ";\n";
    }
    out += "  WSX_FUNC_PROLOGUE;\n";
    out += code_;
    out += "}\n\n";
    return out;
  }

  static std::string zero(ValType type) {
    switch (type) {
      case ValType::V128: return "wsx_v128_zero()";
      case ValType::FuncRef: return "NULL";
      default: return "0";
    }
  }

  const Module& m_;
  const std::vector<uint32_t>& ids_;
  uint32_t index_;
  const FuncType& type_;
  const FunctionBody& body_;
  ByteReader r_;
  size_t instructionStart_ = 0;
  std::vector<ValType> locals_;
  std::vector<uint8_t> stack_;
  std::vector<Frame> frames_;
  uint32_t nextLabel_ = 0;
  std::set<std::pair<uint8_t, size_t>> slots_;  // (type, depth) of every slot the code uses
  std::string code_;
  bool usesSimd_ = false;
};

}  // namespace

Result<TranslatedFunction> translateFunction(const Module& module, const std::vector<uint32_t>& signatureIds,
                                             uint32_t index) {
  try {
    return FunctionTranslator(module, signatureIds, index).run();
  } catch (const Invalid& invalid) {
    return fail(invalid.why);
  }
}

}  // namespace wstudio::host::wasm_to_c
