// Collects issues up to a cap, so that a huge broken document cannot make a huge report; the
// last entry then says that the list was cut.
#pragma once

#include <cstddef>
#include <string>

#include "wstudio/session/issue.hpp"

namespace wstudio::session::detail {

class IssueList {
 public:
  explicit IssueList(std::size_t cap);

  void add(std::string path, std::string message);
  bool empty() const { return issues_.empty(); }
  const Issues& issues() const { return issues_; }
  Issues take() { return std::move(issues_); }

 private:
  std::size_t cap_;
  bool cut_ = false;
  Issues issues_;
};

}  // namespace wstudio::session::detail
