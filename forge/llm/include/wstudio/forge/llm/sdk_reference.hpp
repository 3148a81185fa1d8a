// The plugin SDK's public API as the language model reads it: every header under
// sdk/include/wsp/ with its declarations and doc comments, function bodies and private parts
// left out. Generated at build time from the headers (tools/sdk_reference_gen.cpp), so it cannot
// drift from them; ctest forge.LlmSdkReferenceNamesExist compiles a use of every type and free
// function it lists.
#pragma once

#include <string_view>

namespace wstudio::forge::llm {

std::string_view sdkReference();

}  // namespace wstudio::forge::llm
