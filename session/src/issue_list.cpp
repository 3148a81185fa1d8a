#include "issue_list.hpp"

namespace wstudio::session::detail {

IssueList::IssueList(std::size_t cap) : cap_(cap) {}

void IssueList::add(std::string path, std::string message) {
  if (cut_) return;
  if (issues_.size() == cap_) {
    cut_ = true;
    issues_.push_back({"", "too many errors: only the first " + std::to_string(cap_) +
                               " are listed"});
    return;
  }
  issues_.push_back({std::move(path), std::move(message)});
}

}  // namespace wstudio::session::detail
