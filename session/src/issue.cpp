#include "wstudio/session/issue.hpp"

namespace wstudio::session {

std::string Issue::toString() const {
  if (path.empty()) return message;
  return path + ": " + message;
}

}  // namespace wstudio::session
