#include "progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace vaist {
namespace {

constexpr int kWidth = 40;
constexpr int kLineStep = 25;  // Lines: one line per quarter

}  // namespace

ProgressBar::Style ProgressBar::styleForStderr() {
  return ::isatty(STDERR_FILENO) ? Style::Bar : Style::Lines;
}

ProgressBar::ProgressBar(std::ostream& out, std::string label, Style style)
    : out_(out), label_(std::move(label)), style_(style) {}

void ProgressBar::update(double fraction) {
  const int percent = std::clamp(static_cast<int>(std::floor(fraction * 100.0)), 0, 100);
  const int shown = style_ == Style::Bar ? percent : percent / kLineStep * kLineStep;
  if (shown != shown_ && (style_ == Style::Bar || shown > 0)) show(shown);
}

void ProgressBar::finish(bool completed) {
  if (finished_) return;
  if (completed && shown_ != 100) show(100);
  if (style_ == Style::Bar && shown_ >= 0) out_ << "\n" << std::flush;
  finished_ = true;
}

void ProgressBar::show(int percent) {
  if (style_ == Style::Bar) {
    drawBar(percent);
  } else {
    out_ << label_ << ": " << percent << "%\n" << std::flush;
  }
  shown_ = percent;
}

void ProgressBar::drawBar(int percent) {
  const int filled = percent * kWidth / 100;
  out_ << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
       << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] "
       << std::string(percent < 10    ? 2
                      : percent < 100 ? 1
                                      : 0,
                      ' ')
       << percent << "%" << std::flush;
}

}  // namespace vaist
