// A one-line progress bar on stderr for long commands: redrawn in place, only when the shown
// percentage changes, so that logs of non-interactive runs stay short.
#pragma once

#include <ostream>
#include <string>

namespace vaist {

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, std::string label);
  // fraction in [0, 1].
  void update(double fraction);
  // Ends the line (at 100 % when `completed`).
  void finish(bool completed);

 private:
  void draw(int percent);

  std::ostream& out_;
  std::string label_;
  int shown_ = -1;
  bool finished_ = false;
};

}  // namespace vaist
