// A JSON path written out only when a problem is reported there: validating a valid session
// (after every edit, on the audio thread's copy too) then builds no strings. Each part points to
// its parent, so a LazyPath must not outlive the one it was made from: name a parent that a
// child is kept beyond the expression it was made in (`const LazyPath tracks{"tracks"};`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text_format.hpp"

namespace wstudio::session::detail {

class LazyPath {
 public:
  // A path from the document's root: "tempo", "tracks", "master.inserts".
  LazyPath(const char* root) : text_(root) {}  // NOLINT(google-explicit-constructor): paths are spelled as literals

  LazyPath field(std::string_view name) const { return {this, Kind::field, name, 0}; }
  LazyPath index(std::size_t i) const { return {this, Kind::index, {}, i}; }
  // A member of a map keyed by number (an insert's params): `params["7"]`.
  LazyPath numberKey(std::uint32_t key) const { return {this, Kind::numberKey, {}, key}; }

  // The same text fieldPath, indexPath and keyPath build.
  std::string str() const {
    if (parent_ == nullptr) return std::string{text_};
    const std::string parent = parent_->str();
    switch (kind_) {
      case Kind::field: return fieldPath(parent, text_);
      case Kind::index: return indexPath(parent, number_);
      case Kind::numberKey: return keyPath(parent, std::to_string(number_));
      case Kind::root: break;
    }
    return parent;
  }

 private:
  enum class Kind : std::uint8_t { root, field, index, numberKey };
  LazyPath(const LazyPath* parent, Kind kind, std::string_view text, std::size_t number)
      : parent_(parent), kind_(kind), text_(text), number_(number) {}

  const LazyPath* parent_ = nullptr;
  Kind kind_ = Kind::root;
  std::string_view text_;
  std::size_t number_ = 0;
};

}  // namespace wstudio::session::detail
