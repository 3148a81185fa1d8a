// Progress of a long command on stderr. On a terminal: a one-line bar redrawn in place, only when
// the shown percentage changes. On a file or a pipe (CI logs, `2>log`): a plain line at 25, 50,
// 75 and 100 %, so that logs get four short lines instead of a hundred carriage-return redraws.
#pragma once

#include <ostream>
#include <string>

namespace vaist {

class ProgressBar {
 public:
  enum class Style { Bar, Lines };
  // Bar when stderr is a terminal, Lines otherwise.
  static Style styleForStderr();

  ProgressBar(std::ostream& out, std::string label, Style style);
  // fraction in [0, 1].
  void update(double fraction);
  // Ends the progress (at 100 % when `completed`).
  void finish(bool completed);

 private:
  void show(int percent);
  void drawBar(int percent);

  std::ostream& out_;
  std::string label_;
  Style style_;
  int shown_ = -1;
  bool finished_ = false;
};

}  // namespace vaist
