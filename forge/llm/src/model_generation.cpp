#include "wstudio/forge/llm/model_generation.hpp"

#include <optional>
#include <utility>
#include <variant>

#include "wstudio/forge/llm/model_prompts.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::forge::llm {

namespace {

std::string bulletList(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "- " + line + "\n";
  return text;
}

// What differs between a generation and a refinement: what the model is asked in each stage.
// The checks, builds and repairs are the same code.
struct Task {
  std::string planRequest;                                        // the plan stage's user message
  std::function<std::string(const std::string& planJson)> codeRequest;  // the code stage's, given the accepted plan
  std::string keptPlanId;  // a refinement's plan keeps the plugin's id (it names the plugin across versions)
  std::string doneMessage;
};

class Run {
 public:
  Run(Task task, const ChatFunction& chat, const BuildFunction& build, const ProgressFunction& progress)
      : task_(std::move(task)), chat_(chat), build_(build), progress_(progress) {}

  Generation operator()() {
    if (plan() && code()) {
      generation_.status = "succeeded";
      generation_.stage = "done";
      generation_.message = task_.doneMessage;
    }
    report();
    return generation_;
  }

 private:
  Attempt& begin(const std::string& stage, int number) {
    generation_.attempts.push_back(Attempt{stage, number, "asking", "waiting for the model", {}, {}});
    report();
    return generation_.attempts.back();
  }
  void report() {
    if (progress_) progress_(generation_);
  }
  bool fail(Attempt& attempt, const std::string& message) {
    attempt.status = "failed";
    attempt.message = message;
    generation_.status = "failed";
    generation_.message = message;
    return false;
  }
  // The model's answer, or the generation ends with the endpoint's error.
  std::optional<std::string> ask(std::vector<ChatMessage>& messages, Attempt& attempt) {
    const ChatReply reply = chat_(messages);
    if (!reply.ok()) {
      fail(attempt, reply.error);
      return std::nullopt;
    }
    messages.push_back({"assistant", reply.content});
    return reply.content;
  }

  bool plan() {
    std::vector<ChatMessage> messages{{"system", planInstructions()}, {"user", task_.planRequest}};
    for (int number = 1; number <= kMaxAttempts; ++number) {
      Attempt& attempt = begin("plan", number);
      const auto answer = ask(messages, attempt);
      if (!answer) return false;
      attempt.status = "checking";
      std::string feedback;
      const std::string json = extractJson(*answer);
      if (json.empty()) {
        attempt.problems = {"the answer holds no JSON object"};
        feedback = "Your answer holds no JSON object. Answer with the plan as one JSON object.";
      } else {
        auto read = readPlan(json);
        auto* accepted = std::get_if<Plan>(&read);
        if (accepted != nullptr && !task_.keptPlanId.empty() && accepted->id != task_.keptPlanId) {
          attempt.problems = {"the plan's id changed from \"" + task_.keptPlanId + "\" to \"" + accepted->id +
                              "\"; keep it: it names the plugin across its versions"};
          feedback = "That plan breaks this rule:\n" + bulletList(attempt.problems) + "Answer with the whole corrected plan.";
        } else if (accepted != nullptr) {
          attempt.status = "succeeded";
          attempt.message = "a valid plan: " + accepted->name;
          generation_.planJson = writePlan(*accepted);
          generation_.stage = "code";
          report();
          return true;
        } else {
          for (const PlanError& e : std::get<std::vector<PlanError>>(read)) attempt.problems.push_back(toString(e));
          feedback = "That plan breaks these rules:\n" + bulletList(attempt.problems) + "Answer with the whole corrected plan.";
        }
      }
      attempt.status = "failed";
      attempt.message = number < kMaxAttempts ? "the plan was not valid; the problems go back to the model"
                                              : "the plan was not valid";
      report();
      messages.push_back({"user", feedback});
    }
    generation_.status = "failed";
    generation_.message = "the model gave no valid plan in " + std::to_string(kMaxAttempts) + " attempts";
    return false;
  }

  bool code() {
    std::vector<ChatMessage> messages{{"system", codeInstructions()}, {"user", task_.codeRequest(generation_.planJson)}};
    for (int number = 1; number <= kMaxAttempts; ++number) {
      Attempt& attempt = begin("code", number);
      const auto answer = ask(messages, attempt);
      if (!answer) return false;
      std::string feedback;
      const std::string source = extractCode(*answer);
      if (source.empty()) {
        attempt.problems = {"the answer holds no C++ source"};
        feedback = "Your answer holds no C++ source. Answer with the whole file in one ```cpp block.";
      } else {
        generation_.source = source;
        attempt.status = "building";
        attempt.message = "compiling and validating";
        report();
        const size_t index = generation_.attempts.size() - 1;
        const BuildOutcome outcome = build_(source, [&](const std::string& id) {
          generation_.attempts[index].buildId = id;
          report();
        });
        Attempt& built = generation_.attempts[index];
        built.buildId = outcome.buildId;
        if (outcome.refused) return fail(built, outcome.message);
        if (outcome.succeeded) {
          built.status = "succeeded";
          built.message = outcome.message;
          generation_.buildId = outcome.buildId;
          return true;
        }
        built.problems = outcome.problems;
        feedback = "It did not build: " + outcome.message + "\n" + bulletList(outcome.problems) +
                   "Answer with the whole corrected file.";
      }
      Attempt& failed = generation_.attempts.back();
      failed.status = "failed";
      failed.message = number < kMaxAttempts ? "it did not build; the errors go back to the model" : "it did not build";
      report();
      messages.push_back({"user", feedback});
    }
    generation_.status = "failed";
    generation_.message = "the model's code did not build in " + std::to_string(kMaxAttempts) + " attempts";
    return false;
  }

  Task task_;
  const ChatFunction& chat_;
  const BuildFunction& build_;
  const ProgressFunction& progress_;
  Generation generation_;
};

}  // namespace

Generation generateWithModel(std::string_view prompt, const ChatFunction& chat, const BuildFunction& build,
                             const ProgressFunction& progress) {
  Task task{std::string(prompt), [prompt = std::string(prompt)](const std::string& planJson) { return codeRequest(prompt, planJson); },
            {}, "the model's plugin compiled and passed validation"};
  return Run(std::move(task), chat, build, progress)();
}

Generation refineWithModel(const RefineRequest& current, const ChatFunction& chat, const BuildFunction& build,
                           const ProgressFunction& progress) {
  const auto plan = readPlan(current.planJson);
  const std::string planId = std::holds_alternative<Plan>(plan) ? std::get<Plan>(plan).id : std::string();
  Task task{refinePlanRequest(current.instruction, current.planJson),
            [current](const std::string& planJson) {
              return refineCodeRequest(current.instruction, current.planJson, current.source, planJson);
            },
            planId, "the model's refinement compiled and passed validation"};
  return Run(std::move(task), chat, build, progress)();
}

}  // namespace wstudio::forge::llm
