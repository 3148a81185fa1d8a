// The model's path from words to a built plugin (issue 16, "Describe" and "Refine" with a model): the model
// plans (its plan read and validated by forge/plan's readPlan; a broken plan goes back to it with
// every broken rule), then writes the C++ (built by the Forge's own compile service: the same
// jail, validation and counting as any build; compiler diagnostics or validation failures go
// back to it). Each stage has at most kMaxAttempts answers; every attempt is reported as it
// happens. An endpoint that fails (down, garbage, too large, timeout) or a build the service
// refuses (limits) ends the generation at once with that error.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/forge/llm/chat_client.hpp"

namespace wstudio::forge::llm {

inline constexpr int kMaxAttempts = 3;

struct Attempt {
  std::string stage;   // "plan" or "code"
  int number = 1;      // 1..kMaxAttempts within its stage
  std::string status;  // "asking" (the model), "checking" (the plan), "building", "failed", "succeeded"
  std::string message;                // what happened, in plain words
  std::vector<std::string> problems;  // the broken rules or the compiler's diagnostics, as fed back
  std::string buildId;                // the compile service's build, from "building" on
};

struct Generation {
  std::string status = "running";  // "running", "succeeded", "failed"
  std::string stage = "plan";      // "plan", "code", "done"
  std::string message;             // the outcome, once finished
  std::vector<Attempt> attempts;
  std::string planJson;  // the accepted plan (canonical text), from the code stage on
  std::string source;    // the latest source the model wrote
  std::string buildId;   // the succeeded build
};

// What a build of the model's source came to.
struct BuildOutcome {
  bool succeeded = false;
  bool refused = false;               // not built at all (a limit): no use asking the model again
  std::string message;                // plain words
  std::vector<std::string> problems;  // "plugin.cpp:12:5: error: ..." lines, validation failures
  std::string buildId;
};

using ChatFunction = std::function<ChatReply(const std::vector<ChatMessage>&)>;
// Builds a source; `started` is called with the build's id once it is queued.
using BuildFunction = std::function<BuildOutcome(const std::string& source, const std::function<void(const std::string&)>& started)>;
using ProgressFunction = std::function<void(const Generation&)>;

Generation generateWithModel(std::string_view prompt, const ChatFunction& chat, const BuildFunction& build,
                             const ProgressFunction& progress);

// What a refinement starts from: the open version's plan and source, and the user's words.
struct RefineRequest {
  std::string instruction;  // "make it darker", "add a mix knob"
  std::string planJson;     // a valid plan (canonical text)
  std::string source;       // the source built from it (the writer's or the user's edit)
};

// Refine (issue 16, step 6) with the model: it is shown the current plan and the user's words and
// answers the whole new plan (which must keep the plan's id: it names the plugin across its
// versions), then, shown the current source too, the whole new file. Both stages are checked,
// built and repaired exactly as in generateWithModel; the succeeded build becomes the next
// version by the same route as an offline refinement's.
Generation refineWithModel(const RefineRequest& current, const ChatFunction& chat, const BuildFunction& build,
                           const ProgressFunction& progress);

}  // namespace wstudio::forge::llm
