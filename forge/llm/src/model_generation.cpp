#include "wstudio/forge/llm/model_generation.hpp"

#include <optional>
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

class Run {
 public:
  Run(std::string_view prompt, const ChatFunction& chat, const BuildFunction& build, const ProgressFunction& progress)
      : prompt_(prompt), chat_(chat), build_(build), progress_(progress) {}

  Generation operator()() {
    if (plan() && code()) {
      generation_.status = "succeeded";
      generation_.stage = "done";
      generation_.message = "the model's plugin compiled and passed validation";
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
    std::vector<ChatMessage> messages{{"system", planInstructions()}, {"user", std::string(prompt_)}};
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
        if (auto* accepted = std::get_if<Plan>(&read)) {
          attempt.status = "succeeded";
          attempt.message = "a valid plan: " + accepted->name;
          generation_.planJson = writePlan(*accepted);
          generation_.stage = "code";
          report();
          return true;
        }
        for (const PlanError& e : std::get<std::vector<PlanError>>(read)) attempt.problems.push_back(toString(e));
        feedback = "That plan breaks these rules:\n" + bulletList(attempt.problems) + "Answer with the whole corrected plan.";
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
    std::vector<ChatMessage> messages{{"system", codeInstructions()}, {"user", codeRequest(prompt_, generation_.planJson)}};
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

  std::string_view prompt_;
  const ChatFunction& chat_;
  const BuildFunction& build_;
  const ProgressFunction& progress_;
  Generation generation_;
};

}  // namespace

Generation generateWithModel(std::string_view prompt, const ChatFunction& chat, const BuildFunction& build,
                             const ProgressFunction& progress) {
  return Run(prompt, chat, build, progress)();
}

}  // namespace wstudio::forge::llm
