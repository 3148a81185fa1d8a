// Reading one JSON object member by member: reports missing members and wrong types at their
// JSON paths, remembers which members it knows, and hands back the rest as UnknownFields so
// they survive a round trip.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "issue_list.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session::detail {

using Json = nlohmann::json;

enum class Presence { optional, required };

// A whole number, saturated to the int64 range; empty for anything else (1.5, "1", true).
std::optional<std::int64_t> wholeNumber(const Json& value);

class ObjectReader {
 public:
  // Empty (and reported) when the value is not an object.
  static std::optional<ObjectReader> open(const Json& value, std::string path,
                                          IssueList& issues);

  const std::string& path() const { return path_; }
  std::string pathOf(std::string_view key) const;
  IssueList& issues() const { return *issues_; }

  // The member (null when absent, reported as "missing" when required); the key becomes known.
  const Json* member(std::string_view key, Presence presence = Presence::optional);
  // Marks a member as known without reading it.
  void skip(std::string_view key);

  // Each stores the member into `out` when it is present and of the right type, and returns
  // whether it did; otherwise `out` keeps its default.
  bool number(std::string_view key, double& out, Presence presence = Presence::optional);
  // Whole numbers; values beyond the type's range saturate, so validation reports the field's
  // own range instead of an overflow.
  bool integer(std::string_view key, int& out, Presence presence = Presence::optional);
  bool integer(std::string_view key, std::int64_t& out, Presence presence = Presence::optional);
  bool integer(std::string_view key, std::uint64_t& out, Presence presence = Presence::optional);
  bool string(std::string_view key, std::string& out, Presence presence = Presence::optional);
  bool optionalString(std::string_view key, std::optional<std::string>& out);
  bool boolean(std::string_view key, bool& out);
  template <typename Enum>
  bool enumeration(std::string_view key, Enum& out, Presence presence = Presence::optional);
  // The member when it is an array of at most `limit` elements.
  const Json* array(std::string_view key, std::size_t limit,
                    Presence presence = Presence::optional);
  // The member when it is an object of at most `limit` members.
  const Json* object(std::string_view key, std::size_t limit,
                     Presence presence = Presence::optional);

  UnknownFields unknownFields() const;

 private:
  ObjectReader(const Json& object, std::string path, IssueList& issues);
  void fail(std::string_view key, std::string message);

  const Json* object_;
  std::string path_;
  IssueList* issues_;
  std::vector<std::string_view> known_;  // keys are string literals of the reader
};

}  // namespace wstudio::session::detail
