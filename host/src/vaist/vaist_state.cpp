#include "vaist/vaist_state.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "wstudio/boundary/boundary.hpp"

namespace wstudio::host::vaist {
namespace {

// The format's name and version are abi/boundary.json's: the JavaScript host reads them too.
constexpr std::string_view kMagic = boundary::kVaistStateMagic;
constexpr uint8_t kVersion = boundary::kVaistStateVersion;

class Writer {
 public:
  void bytes(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
  void u8(uint8_t v) { out_.push_back(v); }
  void little(uint64_t v, int size) {
    for (int i = 0; i < size; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  std::vector<uint8_t> out_;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> in) : in_(in) {}
  bool has(size_t n) const { return in_.size() - pos_ >= n; }
  std::string_view bytes(size_t n) {
    std::string_view s(reinterpret_cast<const char*>(in_.data() + pos_), n);
    pos_ += n;
    return s;
  }
  uint64_t little(int size) {
    uint64_t v = 0;
    for (int i = 0; i < size; ++i) v |= uint64_t{in_[pos_ + i]} << (8 * i);
    pos_ += size;
    return v;
  }
  bool atEnd() const { return pos_ == in_.size(); }

 private:
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
};

Error corrupt(const std::string& why) { return fail("vAIst state is corrupt: " + why); }

}  // namespace

std::vector<uint8_t> encodeVaistState(const PluginDescriptor& descriptor, std::span<const double> values) {
  Writer w;
  w.bytes(kMagic);
  w.u8(kVersion);
  w.little(descriptor.id.size(), 2);
  w.bytes(descriptor.id);
  w.little(descriptor.params.size(), 4);
  for (size_t i = 0; i < descriptor.params.size(); ++i) {
    const std::string& key = descriptor.params[i].key;  // at most 64 characters
    w.u8(static_cast<uint8_t>(key.size()));
    w.bytes(key);
    w.little(std::bit_cast<uint64_t>(values[i]), 8);
  }
  return w.take();
}

Result<std::vector<double>> decodeVaistState(const PluginDescriptor& descriptor,
                                             std::span<const uint8_t> bytes) {
  Reader r(bytes);
  if (!r.has(kMagic.size() + 1) || r.bytes(kMagic.size()) != kMagic) {
    return fail("not vAIst plugin state (it does not start with \"VAIS\")");
  }
  if (uint64_t version = r.little(1); version != kVersion) {
    return fail("vAIst state version " + std::to_string(version) + " is not supported (this host reads 1)");
  }
  if (!r.has(2)) return corrupt("cut short in the plugin id");
  size_t idLength = r.little(2);
  if (!r.has(idLength)) return corrupt("cut short in the plugin id");
  std::string_view id = r.bytes(idLength);
  if (id != descriptor.id) {
    return fail("the state belongs to plugin '" + std::string(id) + "', not '" + descriptor.id + "'");
  }
  if (!r.has(4)) return corrupt("cut short before the parameter count");
  uint64_t count = r.little(4);

  std::vector<double> values;
  values.reserve(descriptor.params.size());
  for (const ParamInfo& p : descriptor.params) values.push_back(p.defaultValue);
  for (uint64_t i = 0; i < count; ++i) {
    if (!r.has(1)) return corrupt("cut short at parameter " + std::to_string(i));
    size_t keyLength = r.little(1);
    if (!r.has(keyLength + 8)) return corrupt("cut short at parameter " + std::to_string(i));
    std::string_view key = r.bytes(keyLength);
    double value = std::bit_cast<double>(r.little(8));
    if (!std::isfinite(value)) {
      return corrupt("parameter '" + std::string(key) + "' is not a finite number");
    }
    if (const ParamInfo* p = descriptor.findParamByKey(key)) values[p->id] = p->clamp(value);
  }
  if (!r.atEnd()) return corrupt("unexpected bytes after the last parameter");
  return values;
}

}  // namespace wstudio::host::vaist
