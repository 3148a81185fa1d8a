// load(): bounds the cost of the text before parsing it, checks that it is a session this build
// understands, then reads and validates it.
#include <algorithm>
#include <string>
#include <vector>

#include "issue_list.hpp"
#include "object_reader.hpp"
#include "session_reader.hpp"
#include "strict_json_parser.hpp"
#include "text_format.hpp"
#include "validator.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/limits.hpp"

namespace wstudio::session {

namespace {

using detail::IssueList;
using detail::Json;

// Whether the document is a session of a version this build reads; reports why not.
bool checkFormatAndVersion(detail::ObjectReader& root, IssueList& issues) {
  const Json* formatValue = root.member("format");
  if (!formatValue || !formatValue->is_string() ||
      formatValue->get_ref<const std::string&>() != kFormatName) {
    issues.add("format", "not a WASM Studio session (expected \"" + std::string{kFormatName} +
                             "\")");
    return false;
  }
  std::int64_t version = 0;
  if (!root.integer("version", version, detail::Presence::required)) return false;
  if (version > kFormatVersion) {
    issues.add("version", "made by a newer WASM Studio (session format version " +
                              std::to_string(version) + "; this version reads up to " +
                              std::to_string(kFormatVersion) + ")");
    return false;
  }
  if (version < 1) {
    issues.add("version", "unknown session format version " + std::to_string(version));
    return false;
  }
  return true;
}

// Whether a validator finding is about a place the reader already reported (for example a
// missing id, which the validator sees as an empty one): one cause, one message.
bool isUnder(const std::string& path, const std::string& reported) {
  if (reported.empty() || !path.starts_with(reported)) return false;
  return path.size() == reported.size() || path[reported.size()] == '.' ||
         path[reported.size()] == '[';
}

}  // namespace

LoadResult load(std::string_view jsonText) {
  LoadResult result;
  IssueList issues(limits::kMaxIssues);
  const auto fail = [&](std::string message) {
    issues.add("", std::move(message));
    result.errors = issues.take();
    return std::move(result);
  };

  if (jsonText.size() > limits::kMaxDocumentBytes) {
    return fail("the document is larger than " + std::to_string(limits::kMaxDocumentBytes) +
                " bytes");
  }
  if (detail::nestsDeeperThan(jsonText, limits::kMaxNestingDepth)) {
    return fail("the document nests deeper than " + std::to_string(limits::kMaxNestingDepth) +
                " levels");
  }
  std::string parseError;
  const std::optional<Json> document = detail::parseStrictly(jsonText, parseError);
  if (!document) return fail(parseError);

  if (!document->is_object()) {
    return fail("not a WASM Studio session: the document is not a JSON object");
  }
  auto root = detail::ObjectReader::open(*document, "", issues);
  if (!checkFormatAndVersion(*root, issues)) {
    result.errors = issues.take();
    return result;
  }

  Session session = detail::readSession(*root);
  const Issues shapeIssues = issues.issues();
  IssueList ruleIssues(limits::kMaxIssues);
  detail::Validator(session, ruleIssues).run();
  for (Issue& issue : ruleIssues.take()) {
    const bool alreadyReported = std::any_of(
        shapeIssues.begin(), shapeIssues.end(),
        [&](const Issue& shape) { return isUnder(issue.path, shape.path); });
    if (!alreadyReported) issues.add(std::move(issue.path), std::move(issue.message));
  }

  result.errors = issues.take();
  if (result.errors.empty()) result.session = std::move(session);
  return result;
}

}  // namespace wstudio::session
