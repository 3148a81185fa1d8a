// What the Forge tells the language model, and how it reads the answers. The facts come from the
// code, not from prose kept beside it: the block catalog (forge/plan), an example plan from the
// offline generator, an example source from the C++ writer, and the SDK reference generated from
// the headers.
#pragma once

#include <string>
#include <string_view>

namespace wstudio::forge::llm {

// The system message of the plan stage: the plan format, its rules and the block catalog.
std::string planInstructions();
// The system message of the code stage: the SDK reference, the rules of a Forge plugin, and a
// complete example.
std::string codeInstructions();
// The user message of the code stage: the plan to implement and what was asked for.
std::string codeRequest(std::string_view prompt, std::string_view planJson);
// A refinement's user messages: the plan stage is shown the current plan and the user's words;
// the code stage also the current source and the new plan.
std::string refinePlanRequest(std::string_view instruction, std::string_view planJson);
std::string refineCodeRequest(std::string_view instruction, std::string_view planJson, std::string_view source,
                              std::string_view newPlanJson);

// The JSON object of an answer: the content of its first ``` fence if it has one, else from the
// first '{' to the last '}'. Empty when there is none.
std::string extractJson(std::string_view answer);
// The C++ of an answer: its first ``` fence (```cpp, ```c++ or plain), else the whole answer if
// it looks like a plugin source (it holds WSP_PLUGIN). Empty when there is none.
std::string extractCode(std::string_view answer);

}  // namespace wstudio::forge::llm
