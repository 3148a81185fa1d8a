// call_indirect across every pair of signatures, against V8 (SBX-1, SBX-2): every signature of
// at most two values (parameters plus results) over i32 i64 f32 f64 v128 funcref, and every one
// of three values over i32 f64 v128 (the shapes of the old '|' = f64 collision, with results
// returned in registers and through a hidden pointer). One module holds a function of each type
// in a table and a caller per type; each caller is called with each table index, so every
// mismatch must trap in both and every match must call, pass its arguments and return its
// results (their digests are compared). A null entry and an index past the table trap too.
#include <gtest/gtest.h>

#include "differential/differential_harness.hpp"

namespace wstudio::host::testing {
namespace {

using Types = std::vector<std::string>;

struct Signature {
  Types params, results;
};

std::vector<Signature> signatures() {
  const Types all = {"i32", "i64", "f32", "f64", "v128", "funcref"};
  const Types three = {"i32", "f64", "v128"};
  // Lists of `length` types from `from`.
  auto lists = [](const Types& from, size_t length) {
    std::vector<Types> out = {{}};
    for (size_t i = 0; i < length; ++i) {
      std::vector<Types> longer;
      for (const Types& l : out) {
        for (const std::string& t : from) {
          Types next = l;
          next.push_back(t);
          longer.push_back(next);
        }
      }
      out = longer;
    }
    return out;
  };
  std::vector<Signature> out;
  for (size_t total = 0; total <= 3; ++total) {
    const Types& from = total == 3 ? three : all;
    for (size_t params = 0; params <= total; ++params) {
      for (const Types& p : lists(from, params)) {
        for (const Types& r : lists(from, total - params)) out.push_back({p, r});
      }
    }
  }
  return out;
}

// Concatenation by appending (g++ 12 -O3 warns falsely about "literal" + std::string, -Wrestrict).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out += ... += parts);
  return out;
}

std::string typeText(const Signature& s) {
  std::string text = "(func";
  if (!s.params.empty()) {
    text += " (param";
    for (const auto& t : s.params) text += cat(" ", t);
    text += ")";
  }
  if (!s.results.empty()) {
    text += " (result";
    for (const auto& t : s.results) text += cat(" ", t);
    text += ")";
  }
  return text + ")";
}

// An i64 digest of the value of `type` in local `local`.
std::string digest(const std::string& type, const std::string& local) {
  const std::string get = cat("(local.get ", local, ")");
  if (type == "i32") return cat("(i64.extend_i32_u ", get, ")");
  if (type == "i64") return get;
  if (type == "f32") return cat("(i64.extend_i32_u (i32.reinterpret_f32 ", get, "))");
  if (type == "f64") return cat("(i64.reinterpret_f64 ", get, ")");
  if (type == "v128") return cat("(i64.xor (i64x2.extract_lane 0 ", get, ") (i64x2.extract_lane 1 ", get, "))");
  return cat("(i64.extend_i32_u (ref.is_null ", get, "))");
}

// A value of `type` distinct for (`function`, `position`).
std::string value(const std::string& type, size_t function, size_t position) {
  const std::string n = std::to_string(function * 8 + position + 1);
  if (type == "i32") return cat("(i32.const ", n, ")");
  if (type == "i64") return cat("(i64.const 0x1000000", n, ")");
  if (type == "f32") return cat("(f32.const ", n, ".5)");
  if (type == "f64") return cat("(f64.const ", n, ".25)");
  if (type == "v128") return cat("(v128.const i64x2 ", n, " 0x7", n, ")");
  // Entry 0 of the table (function 0) rather than ref.func: wat2wasm --enable-all types that as
  // (ref 0), which it will not pass as funcref.
  return position % 2 == 0 ? "(table.get 0 (i32.const 0))" : "(ref.null func)";
}

std::string moduleText(const std::vector<Signature>& sigs) {
  std::string wat = "(module\n  (memory (export \"memory\") 1)\n";
  for (size_t k = 0; k < sigs.size(); ++k) wat += cat("  (type $t", std::to_string(k), " ", typeText(sigs[k]), ")\n");
  // Entries 0..n-1: one function per type; entry n: null.
  wat += cat("  (table ", std::to_string(sigs.size() + 1), " funcref)\n  (elem (i32.const 0)");
  for (size_t k = 0; k < sigs.size(); ++k) wat += cat(" $f", std::to_string(k));
  wat += ")\n";
  for (size_t k = 0; k < sigs.size(); ++k) {
    const Signature& s = sigs[k];
    const std::string id = std::to_string(k);
    // The callee: stores a digest of its arguments at 24, returns values only it would give.
    wat += cat("  (func $f", id, " (type $t", id, ")\n    (i64.store (i32.const 24) (i64.add (i64.const ", id, ")");
    std::string sum = "(i64.const 0)";
    for (size_t p = 0; p < s.params.size(); ++p) {
      sum = cat("(i64.add (i64.rotl ", sum, " (i64.const 17)) ", digest(s.params[p], std::to_string(p)), ")");
    }
    wat += cat(" ", sum, "))\n   ");
    for (size_t r = 0; r < s.results.size(); ++r) wat += cat(" ", value(s.results[r], k, r));
    wat += ")\n";
    // The caller: zeroes the result area, calls entry $i as type k, stores the results' digests.
    wat += cat("  (func (export \"c", id, "\") (param $i i32)");
    for (size_t r = 0; r < s.results.size(); ++r) wat += cat(" (local $r", std::to_string(r), " ", s.results[r], ")");
    wat += "\n    (memory.fill (i32.const 0) (i32.const 0) (i32.const 32))\n   ";
    for (size_t p = 0; p < s.params.size(); ++p) wat += cat(" ", value(s.params[p], 1000 + k, p));
    wat += cat(" (call_indirect (type $t", id, ") (local.get $i))\n   ");
    for (size_t r = s.results.size(); r-- > 0;) wat += cat(" (local.set $r", std::to_string(r), ")");
    for (size_t r = 0; r < s.results.size(); ++r) {
      wat += cat("\n    (i64.store (i32.const ", std::to_string(8 * r), ") ",
                 digest(s.results[r], cat("$r", std::to_string(r))), ")");
    }
    wat += ")\n";
  }
  return wat + ")\n";
}

std::string describe(const Signature& s) {
  std::string text = "(";
  for (size_t i = 0; i < s.params.size(); ++i) text += cat(i ? " " : "", s.params[i]);
  text += ")->(";
  for (size_t i = 0; i < s.results.size(); ++i) text += cat(i ? " " : "", s.results[i]);
  return text + ")";
}

TEST(TranslatorVsV8, CallIndirectAcrossEveryPairOfSignatures) {
  const std::vector<Signature> sigs = signatures();
  ASSERT_EQ(sigs.size(), 121u + 108u);
  std::vector<DiffCase> cases;
  for (size_t caller = 0; caller < sigs.size(); ++caller) {
    for (size_t entry = 0; entry <= sigs.size() + 1; ++entry) {
      const std::string target = entry < sigs.size() ? describe(sigs[entry]) : entry == sigs.size() ? "null" : "past the end";
      cases.push_back({cat("c", std::to_string(caller)), {static_cast<uint32_t>(entry)}, ResultShape::Bytes,
                       cat("call_indirect as ", describe(sigs[caller]), " of ", target)});
    }
  }
  const auto mismatches = runDifferential("call_indirect_pairs", moduleText(sigs), cases);
  EXPECT_TRUE(mismatches.empty()) << ::testing::PrintToString(mismatches);
}

}  // namespace
}  // namespace wstudio::host::testing
