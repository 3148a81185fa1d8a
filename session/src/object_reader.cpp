#include "object_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "enum_names.hpp"
#include "text_format.hpp"

namespace wstudio::session::detail {

namespace {

template <typename Int>
Int saturate(std::int64_t value) {
  if constexpr (std::is_unsigned_v<Int>) {
    return value < 0 ? Int{0} : static_cast<Int>(value);
  } else {
    return static_cast<Int>(std::clamp<std::int64_t>(value, std::numeric_limits<Int>::min(),
                                                     std::numeric_limits<Int>::max()));
  }
}

}  // namespace

std::optional<std::int64_t> wholeNumber(const Json& value) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    return v > static_cast<std::uint64_t>(kMax) ? kMax : static_cast<std::int64_t>(v);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (!value.is_number_float()) return std::nullopt;
  const double v = value.get<double>();
  if (std::trunc(v) != v) return std::nullopt;
  constexpr double kLimit = 9.2e18;  // inside the int64 range, far outside every field's range
  return static_cast<std::int64_t>(std::clamp(v, -kLimit, kLimit));
}

ObjectReader::ObjectReader(const Json& object, std::string path, IssueList& issues)
    : object_(&object), path_(std::move(path)), issues_(&issues) {}

std::optional<ObjectReader> ObjectReader::open(const Json& value, std::string path,
                                               IssueList& issues) {
  if (!value.is_object()) {
    issues.add(std::move(path), "not an object");
    return std::nullopt;
  }
  return ObjectReader(value, std::move(path), issues);
}

std::string ObjectReader::pathOf(std::string_view key) const { return fieldPath(path_, key); }

void ObjectReader::fail(std::string_view key, std::string message) {
  issues_->add(pathOf(key), std::move(message));
}

void ObjectReader::skip(std::string_view key) { known_.push_back(key); }

const Json* ObjectReader::member(std::string_view key, Presence presence) {
  known_.push_back(key);
  const auto it = object_->find(key);
  if (it != object_->end()) return &*it;
  if (presence == Presence::required) fail(key, "missing");
  return nullptr;
}

bool ObjectReader::number(std::string_view key, double& out, Presence presence) {
  const Json* value = member(key, presence);
  if (!value) return false;
  if (!value->is_number()) {
    fail(key, "not a number");
    return false;
  }
  out = value->get<double>();
  return true;
}

namespace {

template <typename Int>
bool readInteger(ObjectReader& reader, const Json* value, std::string_view key, Int& out) {
  if (!value) return false;
  const auto whole = wholeNumber(*value);
  if (!whole) {
    reader.issues().add(reader.pathOf(key), "not an integer");
    return false;
  }
  out = saturate<Int>(*whole);
  return true;
}

}  // namespace

bool ObjectReader::integer(std::string_view key, int& out, Presence presence) {
  return readInteger(*this, member(key, presence), key, out);
}

bool ObjectReader::integer(std::string_view key, std::int64_t& out, Presence presence) {
  return readInteger(*this, member(key, presence), key, out);
}

bool ObjectReader::integer(std::string_view key, std::uint64_t& out, Presence presence) {
  return readInteger(*this, member(key, presence), key, out);
}

bool ObjectReader::string(std::string_view key, std::string& out, Presence presence) {
  const Json* value = member(key, presence);
  if (!value) return false;
  if (!value->is_string()) {
    fail(key, "not a string");
    return false;
  }
  out = value->get<std::string>();
  return true;
}

bool ObjectReader::optionalString(std::string_view key, std::optional<std::string>& out) {
  std::string text;
  if (!string(key, text)) return false;
  out = std::move(text);
  return true;
}

bool ObjectReader::boolean(std::string_view key, bool& out) {
  const Json* value = member(key);
  if (!value) return false;
  if (!value->is_boolean()) {
    fail(key, "not a boolean");
    return false;
  }
  out = value->get<bool>();
  return true;
}

template <typename Enum>
bool ObjectReader::enumeration(std::string_view key, Enum& out, Presence presence) {
  const Json* value = member(key, presence);
  if (!value) return false;
  const auto parsed =
      value->is_string() ? enumFromString<Enum>(value->get_ref<const std::string&>())
                         : std::nullopt;
  if (!parsed) {
    fail(key, "must be one of " + enumChoices<Enum>());
    return false;
  }
  out = *parsed;
  return true;
}

template bool ObjectReader::enumeration<TrackKind>(std::string_view, TrackKind&, Presence);
template bool ObjectReader::enumeration<FadeCurve>(std::string_view, FadeCurve&, Presence);
template bool ObjectReader::enumeration<PluginFormat>(std::string_view, PluginFormat&, Presence);
template bool ObjectReader::enumeration<AutomatedControl>(std::string_view, AutomatedControl&,
                                                          Presence);
template bool ObjectReader::enumeration<SegmentShape>(std::string_view, SegmentShape&, Presence);

const Json* ObjectReader::array(std::string_view key, std::size_t limit, Presence presence) {
  const Json* value = member(key, presence);
  if (!value) return nullptr;
  if (!value->is_array()) {
    fail(key, "not an array");
    return nullptr;
  }
  if (value->size() > limit) {
    fail(key, "more than " + std::to_string(limit) + " items");
    return nullptr;
  }
  return value;
}

const Json* ObjectReader::object(std::string_view key, std::size_t limit, Presence presence) {
  const Json* value = member(key, presence);
  if (!value) return nullptr;
  if (!value->is_object()) {
    fail(key, "not an object");
    return nullptr;
  }
  if (value->size() > limit) {
    fail(key, "more than " + std::to_string(limit) + " items");
    return nullptr;
  }
  return value;
}

UnknownFields ObjectReader::unknownFields() const {
  UnknownFields unknown;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) unknown.emplace(key, value);
  }
  return unknown;
}

}  // namespace wstudio::session::detail
