// A problem found in a session: where (a JSON path like `tracks[2].clips[0].fadeIn`) and why.
// Loading and editing report every problem as a list of these instead of throwing.
#pragma once

#include <string>
#include <vector>

namespace wstudio::session {

struct Issue {
  std::string path;  // empty: the document as a whole
  std::string message;

  // "path: message", or just the message for the whole document.
  std::string toString() const;
  bool operator==(const Issue&) const = default;
};

using Issues = std::vector<Issue>;

}  // namespace wstudio::session
