#include "progress_bar.hpp"

#include <algorithm>
#include <cmath>

namespace vaist {
namespace {

constexpr int kWidth = 40;

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, std::string label)
    : out_(out), label_(std::move(label)) {}

void ProgressBar::update(double fraction) {
  const int percent = std::clamp(static_cast<int>(std::floor(fraction * 100.0)), 0, 100);
  if (percent != shown_) draw(percent);
}

void ProgressBar::finish(bool completed) {
  if (finished_) return;
  if (completed && shown_ != 100) draw(100);
  if (shown_ >= 0) out_ << "\n" << std::flush;
  finished_ = true;
}

void ProgressBar::draw(int percent) {
  const int filled = percent * kWidth / 100;
  out_ << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
       << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] "
       << std::string(percent < 10    ? 2
                      : percent < 100 ? 1
                                      : 0,
                      ' ')
       << percent << "%" << std::flush;
  shown_ = percent;
}

}  // namespace vaist
