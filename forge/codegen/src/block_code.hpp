// The C++ text of each block kind's class, as the generated file holds it: every class has
// prepare(sampleRate) [main], reset(), and process(l, r, <controls in catalog order>) per sample.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge::detail {

struct BlockCode {
  std::string_view className;               // shared by kinds with one implementation
  std::vector<std::string_view> headers;    // <wsp/dsp/...> it needs
  std::string text;                         // the class
};

const BlockCode& blockCode(std::string_view kind);

// The member's constructor arguments, from the block's options ("{wsp::dsp::ShaperType::Tanh}").
std::string constructorArguments(const Block& block);

}  // namespace wstudio::forge::detail
