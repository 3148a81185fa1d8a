// The refiner reads an instruction in parts (split at separators and "and", "then", "also",
// "plus"), each with one action:
//   rename  "call Heat Warmth", "rename the feedback knob to Repeats", "call it Canyon"
//   remove  "remove the chorus", "drop the mix knob"
//   add     "add a mix knob", "add a feedback knob", "add a 300 ms delay", "add a reverb"
//           (effects go through the generator, so its whole vocabulary works here)
//   move    "darker", "brighter", "wetter", "less feedback", "more drive", "a bit slower"
//   set     "cutoff 2 kHz", "delay 1/8 note", "feedback to 40%", "cutoff from 200 Hz to 5 kHz"
// A part with no action word of its own takes the previous part's ("add a delay and a reverb").
// Values move a knob's default (a bound control) or the fixed value; ids stay. Each part is
// applied through the plan edits (plan_edit.hpp) or checked with validatePlan, so a refused part
// changes nothing and says why. Words no rule used are reported, as the generator does.
#include "wstudio/forge/refine.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "lexicon.hpp"
#include "tokens.hpp"
#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_edit.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace wstudio::forge {
namespace {

using namespace detail;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Three significant digits: 1250 Hz, 0.375 s, 42.5 %.
double tidy(double v) {
  if (v == 0.0 || !std::isfinite(v)) return v;
  const double magnitude = std::pow(10.0, std::floor(std::log10(std::abs(v))) - 2.0);
  return std::round(v / magnitude) * magnitude;
}

enum class Action { None, Rename, Remove, Add, Move, Set };

const std::map<std::string_view, Action>& actionWords() {
  static const std::map<std::string_view, Action> words = {
      {"call", Action::Rename},   {"rename", Action::Rename}, {"name", Action::Rename},
      {"remove", Action::Remove}, {"delete", Action::Remove}, {"drop", Action::Remove},
      {"lose", Action::Remove},   {"without", Action::Remove}, {"kill", Action::Remove},
      {"add", Action::Add},       {"insert", Action::Add},    {"include", Action::Add},
      {"adding", Action::Add},    {"set", Action::Set},       {"change", Action::Set}};
  return words;
}

// A direction to move something in, and what it moves when the instruction names nothing else.
struct Move {
  int direction;                               // +1 up, -1 down
  std::vector<std::string_view> controls;      // the first one present in the plan; empty: named
};

const std::map<std::string_view, Move>& moveWords() {
  static const std::map<std::string_view, Move> words = {
      {"more", {1, {}}},       {"increase", {1, {}}},   {"raise", {1, {}}},       {"higher", {1, {}}},
      {"up", {1, {}}},         {"boost", {1, {}}},      {"less", {-1, {}}},       {"decrease", {-1, {}}},
      {"reduce", {-1, {}}},    {"lower", {-1, {}}},     {"down", {-1, {}}},       {"fewer", {-1, {}}},
      {"wetter", {1, {"mix"}}}, {"drier", {-1, {"mix"}}}, {"dryer", {-1, {"mix"}}},
      {"louder", {1, {"gain", "level", "output", "makeup"}}},
      {"quieter", {-1, {"gain", "level", "output", "makeup"}}},
      {"softer", {-1, {"gain", "level", "output", "makeup"}}},
      {"longer", {1, {"time", "decay", "release"}}}, {"shorter", {-1, {"time", "decay", "release"}}},
      {"faster", {1, {"rate"}}},  {"quicker", {1, {"rate"}}}, {"slower", {-1, {"rate"}}},
      {"deeper", {1, {"depth"}}}, {"shallower", {-1, {"depth"}}},
      {"bigger", {1, {"size"}}},  {"larger", {1, {"size"}}},  {"smaller", {-1, {"size"}}},
      {"wider", {1, {"width"}}},  {"narrower", {-1, {"width"}}},
      {"heavier", {1, {"drive", "depth", "feedback"}}}, {"harder", {1, {"drive", "ratio"}}},
      {"dirtier", {1, {"drive"}}}, {"grittier", {1, {"drive"}}}, {"crunchier", {1, {"drive"}}},
      {"hotter", {1, {"drive"}}},  {"cleaner", {-1, {"drive"}}}, {"lighter", {-1, {"drive", "depth", "feedback"}}},
      {"subtler", {-1, {"drive", "depth", "mix"}}}, {"gentler", {-1, {"drive", "depth", "ratio"}}}};
  return words;
}

// "darker" and "brighter" move every tone control of the chain.
const std::set<std::string_view> kDarker = {"darker", "duller", "warmer", "mellower", "dark", "warm"};
const std::set<std::string_view> kBrighter = {"brighter", "airier", "crisper", "sharper", "bright"};

// How much a move moves: "a bit" less, "much" more.
double degreeWord(std::string_view w) {
  if (w == "bit" || w == "slightly" || w == "little" || w == "touch" || w == "tad") return 0.5;
  if (w == "much" || w == "lot" || w == "way" || w == "far" || w == "lots") return 2.0;
  return 0.0;
}

// Words that carry nothing in an instruction, beyond the generator's fillers.
bool isRefineFiller(std::string_view w) {
  static const std::set<std::string_view> extra = {
      "can", "you", "could", "would", "now", "lot", "lots", "way", "tad", "touch", "far", "bit",
      "much", "let's", "lets", "us", "instead", "again", "too", "little", "slightly", "it's",
      "knob", "than", "currently", "there", "should", "will", "go", "same", "value", "default",
      "new", "whole", "overall", "between", "range", "it", "make", "more", "same", "get", "rid"};
  return isFiller(w) || extra.contains(w);
}

std::string lowerWord(std::string w) {
  if (w.size() > 2 && w.ends_with("'s")) w.resize(w.size() - 2);  // "the delay's feedback"
  while (!w.empty() && w.back() == '\'') w.pop_back();
  return w;
}

std::vector<std::string> nameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string w;
  for (char c : name) {
    const bool letter = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (letter) w += char(std::tolower(static_cast<unsigned char>(c)));
    else if (!w.empty()) words.push_back(std::move(w)), w.clear();
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

// Aliases between kinds, as the generator has them: a low-pass's "frequency" is its cutoff.
std::string controlFor(const BlockSpec& spec, const std::string& control) {
  if (findControl(spec, control)) return control;
  static const std::map<std::string, std::vector<std::string>> kAlias = {
      {"frequency", {"cutoff"}}, {"cutoff", {"frequency"}}, {"q", {"resonance"}},
      {"resonance", {"q"}},      {"gain", {"level", "makeup", "output"}}, {"level", {"gain"}},
      {"time", {"delay"}},       {"decay", {"release"}}, {"tone", {"cutoff"}}};
  if (const auto it = kAlias.find(control); it != kAlias.end())
    for (const std::string& a : it->second)
      if (findControl(spec, a)) return a;
  return {};
}

// Something a part of the instruction points at: a block's control, or the plan's mix knob.
struct Target {
  std::optional<size_t> block;
  std::string control;  // empty with a block: the caller picks (by unit, or the block's intensity)
  std::optional<std::string> param;  // the knob, when one moves it
};

// What a part names: a knob by its name or id, a control word, an effect word, the mix.
struct Named {
  std::optional<std::string> param;
  std::optional<std::string> control;
  std::optional<std::string> kind;
  bool knobWord = false;
};

class Refiner {
 public:
  Refiner(const Plan& plan, std::string_view instruction) : plan_(plan) {
    if (const auto errors = validatePlan(plan); !errors.empty())
      throw std::invalid_argument("refinePlan: the plan is not valid: " + toString(errors.front()));
    const std::vector<Token> all = tokenize(instruction.substr(0, kMaxInstructionBytes));
    std::vector<Token> part;
    for (size_t i = 0; i < all.size(); ++i) {
      const Token& tok = all[i];
      const bool between = i > 0 && i + 1 < all.size() && all[i - 1].type == TokenType::Quantity &&
                           all[i + 1].type == TokenType::Quantity;  // "200 Hz and 5 kHz"
      const bool breaks = tok.type == TokenType::Separator ||
                          (tok.type == TokenType::Word && !between &&
                           (tok.text == "and" || tok.text == "then" || tok.text == "also" || tok.text == "plus"));
      if (breaks) {
        if (!part.empty()) parts_.push_back(std::move(part));
        part.clear();
        continue;
      }
      part.push_back(tok);
      part.back().text = tok.type == TokenType::Word ? lowerWord(tok.text) : tok.text;
    }
    if (!part.empty()) parts_.push_back(std::move(part));
  }

  Refinement run() {
    if (parts_.empty()) notUnderstood_.push_back("the instruction says nothing to change");
    std::vector<Token> previousAction;
    for (std::vector<Token>& part : parts_) {
      t_ = part;
      const auto [action, at] = findAction();
      if (action == Action::None && !previousAction.empty() && !hasQuantity() && namesSomething()) {
        t_.insert(t_.begin(), previousAction.begin(), previousAction.end());  // "... and a reverb"
        for (Token& tok : t_) tok.used = false;
        const auto inherited = findAction();
        handle(inherited.first, inherited.second);
      } else {
        handle(action, at);
        previousAction.clear();
        if (action != Action::None) {
          previousAction.push_back(t_[at]);
          previousAction.back().used = false;
        }
      }
    }
    return Refinement{std::move(plan_), std::move(changes_), std::move(notUnderstood_)};
  }

 private:
  // ---- the part's words ----
  bool freeWord(size_t i) const { return i < t_.size() && !t_[i].used && t_[i].type == TokenType::Word; }
  // Whether the part names an effect, a control or a knob: "... and a reverb" continues the
  // previous action; "sparkle" does not.
  bool namesSomething() const {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (isEffectWord(i) || controlWordAt(i)) return true;
      for (const Parameter& p : plan_.parameters)
        if (matchesNames(i, nameWords(p.name))) return true;
    }
    return false;
  }
  bool hasQuantity() const {
    return std::any_of(t_.begin(), t_.end(), [](const Token& t) { return t.type == TokenType::Quantity; });
  }
  std::string text() const {
    std::string s;
    for (const Token& tok : t_) s += (s.empty() ? "" : " ") + tok.original;
    return s;
  }
  std::string textFrom(size_t from) const {
    std::string s;
    for (size_t i = from; i < t_.size(); ++i) s += (s.empty() ? "" : " ") + t_[i].original;
    return s;
  }
  bool matches(size_t i, const std::vector<std::string_view>& words) const {
    for (size_t k = 0; k < words.size(); ++k)
      if (!freeWord(i + k) || t_[i + k].text != words[k]) return false;
    return !words.empty();
  }
  bool matchesNames(size_t i, const std::vector<std::string>& words) const {
    for (size_t k = 0; k < words.size(); ++k)
      if (!freeWord(i + k) || t_[i + k].text != words[k]) return false;
    return !words.empty();
  }
  void use(size_t from, size_t count) {
    for (size_t k = 0; k < count && from + k < t_.size(); ++k) t_[from + k].used = true;
  }

  std::pair<Action, size_t> findAction() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!freeWord(i)) continue;
      if (const auto it = actionWords().find(t_[i].text); it != actionWords().end()) {
        t_[i].used = true;
        return {it->second, i};
      }
      if (moveWords().contains(t_[i].text) || kDarker.contains(t_[i].text) || kBrighter.contains(t_[i].text))
        return {Action::Move, i};  // the move word is read by move()
    }
    return {hasQuantity() ? Action::Set : Action::None, 0};
  }

  // A knob, control or effect named in the part, longest names first; marks the words used.
  Named findNamed(bool effectsFirst) {
    Named n;
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!freeWord(i)) continue;
      if (isKnobWord(t_[i].text)) {
        n.knobWord = true;
        t_[i].used = true;
        continue;
      }
      if (effectsFirst && effectAt(i)) continue;
      size_t best = 0;
      for (const Parameter& p : plan_.parameters)
        for (const auto& words : {nameWords(p.name), nameWords(p.id)})
          if (words.size() > best && matchesNames(i, words) && !(words.size() == 1 && isFiller(words[0]))) {
            best = words.size();
            if (!n.param) n.param = p.id;
          }
      if (best > 0) {
        use(i, best);
        continue;
      }
      if (const auto cw = controlWordAt(i)) {
        if (!n.control) n.control = cw->first;
        use(i, cw->second);
        continue;
      }
      effectAt(i);
    }
    return n;
  }

  bool isEffectWord(size_t i) const {
    for (const EffectWord& e : effectWords())
      if (matches(i, e.words)) return true;
    return false;
  }
  bool effectAt(size_t i) {
    for (const EffectWord& e : effectWords()) {
      if (!matches(i, e.words)) continue;
      if (!named_.kind) named_.kind = std::string(e.kind);
      use(i, e.words.size());
      if (freeWord(i + e.words.size()) && t_[i + e.words.size()].text == "filter") t_[i + e.words.size()].used = true;
      return true;
    }
    return false;
  }
  std::optional<std::pair<std::string, size_t>> controlWordAt(size_t i) const {
    for (const ControlWord& cw : controlWords())
      if (matches(i, cw.words)) return std::pair{std::string(cw.control), cw.words.size()};
    return std::nullopt;
  }

  Named scan(bool effectsFirst) {
    named_ = {};
    Named n = findNamed(effectsFirst);
    if (!n.kind) n.kind = named_.kind;
    return n;
  }

  const BlockSpec& specOf(size_t block) const { return *findBlockSpec(plan_.blocks[block].kind); }
  std::string title(size_t block) const { return std::string(specOf(block).title); }

  std::string describe(const Target& target) const {
    if (target.param) {
      const Parameter* p = findParameter(plan_, *target.param);
      return "the " + p->name + " knob";
    }
    const ControlSpec* c = findControl(specOf(*target.block), target.control);
    return "the " + title(*target.block) + "'s " + std::string(c->name);
  }

  // The targets a part names, for controls of `unit` when given (a value to set).
  std::vector<Target> targetsOf(const Named& n) const {
    std::vector<Target> out;
    auto bound = [&](size_t block, const std::string& control) {
      Target t{block, control, std::nullopt};
      if (!control.empty()) t.param = plan_.blocks[block].controls.at(control).param;
      return t;
    };
    if (n.param) {
      if (plan_.mix == *n.param) return {Target{std::nullopt, "", n.param}};
      for (size_t b = 0; b < plan_.blocks.size(); ++b)
        for (const auto& [control, c] : plan_.blocks[b].controls)
          if (c.param == n.param) return {bound(b, control)};
      return {};
    }
    if (n.control) {
      if (*n.control == "mix" && plan_.mix && !n.kind) return {Target{std::nullopt, "", plan_.mix}};
      std::vector<Target> exact;  // "tone" is a delay's tone before it is a low-pass's cutoff
      for (size_t b = 0; b < plan_.blocks.size(); ++b) {
        if (n.kind && plan_.blocks[b].kind != *n.kind) continue;
        const std::string control = controlFor(specOf(b), *n.control);
        if (!control.empty()) (control == *n.control ? exact : out).push_back(bound(b, control));
      }
      return exact.empty() ? out : exact;
    }
    if (n.kind)
      for (size_t b = 0; b < plan_.blocks.size(); ++b)
        if (plan_.blocks[b].kind == *n.kind) out.push_back(Target{b, "", std::nullopt});
    return out;
  }

  // Several controls bound to one knob are one target.
  static void dedupe(std::vector<Target>& targets) {
    std::set<std::string> seen;
    std::erase_if(targets, [&](const Target& t) { return t.param && !seen.insert(*t.param).second; });
  }

  // ---- reading and writing a target's value ----
  struct Span {
    double min, max, value;
    Scale scale;
    std::string unit;
  };
  Span spanOf(const Target& t) const {
    if (t.param) {
      const Parameter* p = findParameter(plan_, *t.param);
      return {p->min, p->max, p->defaultValue, p->scale, p->unit};
    }
    const ControlSpec* c = findControl(specOf(*t.block), t.control);
    return {c->min, c->max, plan_.blocks[*t.block].controls.at(t.control).value, c->scale, std::string(c->unit)};
  }
  // The control's hard limits (a knob's range may widen up to them).
  std::pair<double, double> limitsOf(const Target& t) const {
    if (!t.block) return {0.0, 100.0};  // the mix
    const ControlSpec* c = findControl(specOf(*t.block), t.control);
    return {c->min, c->max};
  }
  void write(const Target& t, double value) {
    if (t.param) {
      for (Parameter& p : plan_.parameters)
        if (p.id == *t.param) p.defaultValue = value;
    } else {
      plan_.blocks[*t.block].controls[t.control].value = value;
    }
  }

  // Moves a target one step: log-scaled controls by a factor, dB by 4 dB, others by 15 % of
  // their range; `degree` scales the step ("a bit" half, "much" twice).
  void step(const Target& t, int direction, double degree) {
    const Span s = spanOf(t);
    double next;
    if (s.scale == Scale::Log && s.min > 0) next = s.value * std::pow(s.max / s.min, 0.07 * degree * direction);
    else if (s.unit == "dB") next = s.value + 4.0 * degree * direction;
    else next = s.value + 0.15 * (s.max - s.min) * degree * direction;
    next = std::clamp(tidy(next), s.min, s.max);
    if (next == s.value) {
      notUnderstood_.push_back("'" + text() + "': " + describe(t) + " is already at its " +
                               (direction > 0 ? "highest" : "lowest") + " (" + fmt(s.value) + " " + s.unit + ")");
      return;
    }
    write(t, next);
    changes_.push_back(describe(t) + ": " + fmt(s.value) + " → " + fmt(next) + " " + s.unit);
  }

  // The control of a block that "more <effect>" turns up: its mix where it has one, else its
  // main control.
  std::string intensityOf(size_t block) const {
    const BlockSpec& spec = specOf(block);
    if (findControl(spec, "mix")) return "mix";
    return std::string(spec.mainControl);
  }

  // ---- the actions ----
  void handle(Action action, size_t at) {
    const size_t before = changes_.size() + notUnderstood_.size();
    bool done = false;
    switch (action) {
      case Action::Rename: done = rename(at); break;
      case Action::Remove: done = remove(); break;
      case Action::Add: done = add(at); break;
      case Action::Move: done = move(); break;
      case Action::Set: done = set(); break;
      case Action::None: break;
    }
    if (!done) {
      if (changes_.size() + notUnderstood_.size() == before)
        notUnderstood_.push_back("not understood: '" + text() + "'");
      return;
    }
    reportLeftovers();
  }

  void reportLeftovers() {
    std::string phrase;
    auto flush = [&] {
      if (!phrase.empty()) notUnderstood_.push_back("not understood: '" + phrase + "'");
      phrase.clear();
    };
    for (const Token& tok : t_) {
      if (tok.used || (tok.type == TokenType::Word && (isRefineFiller(tok.text) || degreeWord(tok.text) > 0))) {
        flush();
        continue;
      }
      phrase += (phrase.empty() ? "" : " ") + tok.original;
    }
    flush();
  }

  // Applies a plan edit; a refusal goes to the notes with its rule's words.
  bool edit(const EditErrors& errors) {
    if (errors.empty()) return true;
    notUnderstood_.push_back("'" + text() + "' could not be done: " + errors.front().message);
    return false;
  }

  bool rename(size_t at) {
    size_t i = at + 1;
    while (i < t_.size() && freeWord(i) && (t_[i].text == "the" || t_[i].text == "a" || t_[i].text == "my")) t_[i++].used = true;
    if (i < t_.size() && freeWord(i) && (t_[i].text == "it" || t_[i].text == "plugin" || t_[i].text == "this")) {
      use(at, i + 1 - at);
      if (freeWord(i + 1) && t_[i + 1].text == "plugin") use(i + 1, 1);
      return renameTo([&](const std::string& name) {
        const std::string old = plan_.name;
        if (!edit(renamePlugin(plan_, name))) return;
        changes_.push_back("the plugin is called " + name + " (was " + old + ")");
      });
    }
    // The knob: by its name or id, or a control word naming a knob.
    std::optional<std::string> param;
    for (size_t len = t_.size() - i; len > 0 && !param; --len) {
      for (const Parameter& p : plan_.parameters)
        for (const auto& words : {nameWords(p.name), nameWords(p.id)})
          if (words.size() == len && matchesNames(i, words) && !param) {
            param = p.id;
            use(i, len);
          }
    }
    if (!param) {
      if (const auto cw = controlWordAt(i)) {
        Named n;
        n.control = cw->first;
        for (const Target& t : targetsOf(n))
          if (t.param) {
            param = t.param;
            use(i, cw->second);
            break;
          }
      }
    }
    if (!param) return false;
    return renameTo([&](const std::string& name) {
      const std::string old = findParameter(plan_, *param)->name;
      if (!edit(renameParameter(plan_, *param, name))) return;
      changes_.push_back("the " + old + " knob is called " + name + " (its id stays " + *param + ")");
    });
  }

  // The new name: the words left, as typed.
  template <typename Apply>
  bool renameTo(Apply apply) {
    std::string name;
    for (Token& tok : t_)
      if (!tok.used) {
        if (name.empty() && (tok.text == "to" || tok.text == "as" || isKnobWord(tok.text))) {
          tok.used = true;
          continue;
        }
        name += (name.empty() ? "" : " ") + tok.original;
        tok.used = true;
      }
    if (name.empty()) {
      notUnderstood_.push_back("'" + text() + "': no new name given");
      return true;
    }
    apply(name);
    return true;
  }

  bool remove() {
    const Named n = scan(true);
    if (n.knobWord || (!n.kind && (n.param || n.control))) {
      std::vector<Target> targets = targetsOf(Named{n.param, n.control, n.knobWord ? n.kind : std::nullopt, false});
      dedupe(targets);
      std::erase_if(targets, [](const Target& t) { return !t.param; });
      if (targets.empty()) {
        notUnderstood_.push_back("'" + text() + "': no such knob in " + plan_.name);
        return true;
      }
      for (const Target& t : targets) {
        const Parameter removed = *findParameter(plan_, *t.param);
        if (!edit(removeParameter(plan_, removed.id))) continue;
        changes_.push_back("removed the " + removed.name + " knob (" + (t.block ? "what it moved stays at " + fmt(removed.defaultValue) + " " + removed.unit : std::string("no dry/wet blend any more")) + ")");
      }
      return true;
    }
    if (!n.kind) return false;
    const auto it = std::find_if(plan_.blocks.begin(), plan_.blocks.end(), [&](const Block& b) { return b.kind == *n.kind; });
    if (it == plan_.blocks.end()) {
      notUnderstood_.push_back("'" + text() + "': " + plan_.name + " has no " +
                               std::string(findBlockSpec(*n.kind)->title) + " to remove");
      return true;
    }
    const std::string gone = std::string(findBlockSpec(*n.kind)->title);
    const size_t parametersBefore = plan_.parameters.size();
    if (plan_.blocks.size() == 1) {
      notUnderstood_.push_back("'" + text() + "': the " + gone + " is the only block; a plugin needs one");
      return true;
    }
    if (!edit(removeBlock(plan_, size_t(it - plan_.blocks.begin())))) return true;
    const size_t knobs = parametersBefore - plan_.parameters.size();
    changes_.push_back("removed the " + gone + (knobs ? " and its " + std::to_string(knobs) + " knob" + (knobs > 1 ? "s" : "") : ""));
    return true;
  }

  bool add(size_t at) {
    // A knob: the mix, or a fixed control made a knob ("add a feedback knob").
    bool knob = false;
    for (const Token& tok : t_) knob = knob || (tok.type == TokenType::Word && isKnobWord(tok.text));
    bool mixWord = false;
    for (size_t i = 0; i < t_.size(); ++i)
      if (const auto cw = controlWordAt(i); cw && cw->first == "mix") mixWord = true;
    if (knob || (mixWord && !hasEffectWord())) {
      const std::optional<std::string> customName = knobName();
      const Named n = scan(false);
      if (mixWord && !n.kind) {  // a dry/wet knob over the whole chain
        const bool blockMix = plan_.blocks.size() == 1 && plan_.blocks[0].controls.contains("mix") &&
                              plan_.blocks[0].controls.at("mix").param;
        if (plan_.mix || blockMix) {
          notUnderstood_.push_back("'" + text() + "': " + plan_.name + " has a mix knob already");
          return true;
        }
        if (!edit(addMix(plan_))) return true;
        const bool nameTaken = std::count_if(plan_.parameters.begin(), plan_.parameters.end(),
                                             [](const Parameter& p) { return p.name == "Mix"; }) > 1;
        if (customName || nameTaken) renameParameter(plan_, *plan_.mix, customName ? *customName : "Dry/Wet");
        changes_.push_back("added a " + findParameter(plan_, *plan_.mix)->name + " knob (dry/wet over the whole chain, 0..100 %)");
        return true;
      }
      if (!n.control) {
        notUnderstood_.push_back("'" + text() + "': which control should the new knob move? (name one: feedback, tone, cutoff, ...)");
        return true;
      }
      std::vector<Target> targets = targetsOf(n);
      std::erase_if(targets, [](const Target& t) { return t.param.has_value() || !t.block; });
      if (targets.empty()) {
        notUnderstood_.push_back("'" + text() + "': no block here has a " + *n.control + " that is not a knob already");
        return true;
      }
      const Target& t = targets.front();
      const ControlSpec* c = findControl(specOf(*t.block), t.control);
      std::string name = customName ? *customName : std::string(c->name);
      for (const Parameter& p : plan_.parameters)
        if (!customName && p.name == name) name = (title(*t.block) + " " + name).substr(0, 32);
      if (!edit(addParameter(plan_, *t.block, t.control, name))) return true;
      changes_.push_back("added a " + name + " knob on the " + title(*t.block) + "'s " + std::string(c->name) + " (" +
                         fmt(c->min) + "..." + fmt(c->max) + " " + std::string(c->unit) + ")");
      return true;
    }
    // Effects: the words after the action, through the generator.
    return addEffects(at);
  }

  bool hasEffectWord() const {
    for (size_t i = 0; i < t_.size(); ++i)
      if (isEffectWord(i)) return true;
    return false;
  }

  // "called Grit" / "named Grit" after a knob word.
  std::optional<std::string> knobName() {
    for (size_t i = 0; i + 1 < t_.size(); ++i)
      if (freeWord(i) && (t_[i].text == "called" || t_[i].text == "named")) {
        std::string name;
        for (size_t k = i + 1; k < t_.size(); ++k) {
          name += (name.empty() ? "" : " ") + t_[k].original;
          t_[k].used = true;
        }
        t_[i].used = true;
        if (!name.empty()) return name.substr(0, 32);
      }
    return std::nullopt;
  }

  bool addEffects(size_t at) {
    std::string words;
    bool first = false;
    for (size_t i = 0; i < t_.size(); ++i) {
      if (i == at) continue;
      if (t_[i].type == TokenType::Word && (t_[i].text == "first" || t_[i].text == "start" || t_[i].text == "beginning" ||
                                            t_[i].text == "before")) {
        first = true;
        t_[i].used = true;
        continue;
      }
      words += (words.empty() ? "" : " ") + t_[i].original;
    }
    const Plan added = generatePlan(words);
    const bool nothing = std::any_of(added.notes.begin(), added.notes.end(),
                                     [](const std::string& n) { return n.starts_with("no effect recognised"); });
    if (nothing) return false;
    use(0, t_.size());
    if (isInstrument(added)) {
      notUnderstood_.push_back("'" + text() + "': a synth makes the sound and comes first; it cannot be added to " +
                               (isInstrument(plan_) ? "a synth" : "an effect"));
      return true;
    }
    Plan next = plan_;
    size_t position = first ? (isInstrument(next) ? 1 : 0) : next.blocks.size();
    std::map<std::string, std::string> ids;  // the added plan's knob ids -> ids unique here
    for (const Parameter& p : added.parameters) {
      if (added.mix == p.id) continue;
      Parameter copy = p;
      copy.id = uniqueParameterId(next, p.id);
      for (const Parameter& q : next.parameters)
        if (q.name == copy.name) {
          for (const Block& b : added.blocks)
            for (const auto& [control, c] : b.controls)
              if (c.param == p.id) copy.name = (std::string(findBlockSpec(b.kind)->title) + " " + p.name).substr(0, 32);
          break;
        }
      ids[p.id] = copy.id;
      next.parameters.push_back(copy);
    }
    std::vector<std::string> titles;
    for (Block b : added.blocks) {
      for (auto& [control, c] : b.controls)
        if (c.param) c.param = ids.at(*c.param);
      titles.push_back(std::string(findBlockSpec(b.kind)->title));
      next.blocks.insert(next.blocks.begin() + std::ptrdiff_t(position++), std::move(b));
    }
    if (added.mix && !next.mix && !isInstrument(next)) {
      Parameter mix = *findParameter(added, *added.mix);
      mix.id = uniqueParameterId(next, "mix");
      next.mix = mix.id;
      next.parameters.push_back(mix);
    }
    if (const auto errors = validatePlan(next); !errors.empty()) {
      notUnderstood_.push_back("'" + text() + "' could not be added: " + errors.front().message);
      return true;
    }
    plan_ = std::move(next);
    std::string list;
    for (size_t i = 0; i < titles.size(); ++i) list += (i ? (i + 1 == titles.size() ? " and " : ", ") : "") + titles[i];
    std::string knobs;
    for (const auto& [from, to] : ids) knobs += (knobs.empty() ? "" : ", ") + findParameter(plan_, to)->name;
    changes_.push_back("added " + list + (first ? " at the start" : " at the end") +
                       (knobs.empty() ? "" : " (knobs: " + knobs + ")"));
    for (const std::string& note : added.notes) {
      const bool missed = note.starts_with("not understood") || note.find("changed nothing") != std::string::npos ||
                          note.find("nothing here") != std::string::npos || note.find("no block") != std::string::npos;
      (missed ? notUnderstood_ : changes_).push_back(note);
    }
    return true;
  }

  bool move() {
    int direction = 0;
    double degree = 1.0;
    std::vector<std::string_view> defaults;
    bool darker = false, brighter = false;
    for (Token& tok : t_) {
      if (tok.used || tok.type != TokenType::Word) continue;
      if (const double d = degreeWord(tok.text); d > 0) degree = d;
      if (direction != 0 || darker || brighter) continue;
      if (kDarker.contains(tok.text)) darker = tok.used = true;
      else if (kBrighter.contains(tok.text)) brighter = tok.used = true;
      else if (const auto it = moveWords().find(tok.text); it != moveWords().end()) {
        direction = it->second.direction;
        defaults = it->second.controls;
        tok.used = true;
      }
    }
    if (darker || brighter) return tone(darker ? -1 : 1, degree);
    const Named n = scan(false);
    std::vector<Target> targets = targetsOf(n);
    if (!n.param && !n.control && !defaults.empty()) {  // "slower", "a slower chorus"
      for (std::string_view control : defaults) {
        targets = targetsOf(Named{std::nullopt, std::string(control), n.kind, false});
        if (!targets.empty()) break;
      }
    }
    if (targets.empty()) {
      if (n.param || n.control || n.kind || !defaults.empty())
        notUnderstood_.push_back("'" + text() + "': " + plan_.name + " has nothing " +
                                 (n.kind ? "of that kind" : "that this moves") + " to change");
      return n.param || n.control || n.kind || !defaults.empty();
    }
    for (Target& t : targets)
      if (t.control.empty() && t.block) {
        t.control = intensityOf(*t.block);
        t.param = plan_.blocks[*t.block].controls.at(t.control).param;
      }
    dedupe(targets);
    for (const Target& t : targets) step(t, direction, degree);
    return true;
  }

  // Darker / brighter: every tone control moves; with none, a filter is added.
  bool tone(int direction, double degree) {
    static const std::vector<std::pair<std::string_view, std::string_view>> kTone = {
        {"lowpass", "cutoff"}, {"synth", "cutoff"}, {"delay", "tone"}, {"highshelf", "gain"}, {"bandpass", "frequency"}};
    std::vector<Target> targets;
    for (size_t b = 0; b < plan_.blocks.size(); ++b) {
      for (const auto& [kind, control] : kTone)
        if (plan_.blocks[b].kind == kind)
          targets.push_back(Target{b, std::string(control), plan_.blocks[b].controls.at(std::string(control)).param});
      if (plan_.blocks[b].kind == "reverb")  // damping darkens: it moves the other way
        targets.push_back(Target{b, "damping", plan_.blocks[b].controls.at("damping").param});
    }
    dedupe(targets);
    for (const Target& t : targets) step(t, t.control == "damping" ? -direction : direction, degree);
    if (!targets.empty()) return true;
    const std::string_view kind = direction < 0 ? "lowpass" : "highshelf";
    if (!edit(addBlock(plan_, kind, plan_.blocks.size()))) return true;
    const size_t b = plan_.blocks.size() - 1;
    const std::string control = direction < 0 ? "cutoff" : "gain";
    const double value = direction < 0 ? (degree > 1 ? 2500 : 5000) : (degree > 1 ? 8 : 4);
    const Target t{b, control, plan_.blocks[b].controls.at(control).param};
    write(t, value);
    changes_.push_back(std::string("added a ") + (direction < 0 ? "Low-pass at " + fmt(value) + " Hz" : "High shelf of +" + fmt(value) + " dB") +
                       " to make it " + (direction < 0 ? "darker" : "brighter") + " (knob: " +
                       findParameter(plan_, *t.param)->name + ")");
    return true;
  }

  bool set() {
    std::vector<size_t> quantities;
    for (size_t i = 0; i < t_.size(); ++i)
      if (t_[i].type == TokenType::Quantity && !t_[i].used) quantities.push_back(i);
    if (quantities.empty()) return false;
    for (Token& tok : t_)
      if (tok.type == TokenType::Word && (tok.text == "to" || tok.text == "at" || tok.text == "from" || tok.text == "of"))
        tok.used = true;
    Named n = scan(false);
    const Token& q = t_[quantities.front()];
    if (q.unit == Unit::Division) return sync(n, quantities.front());
    std::vector<Target> targets = targetsOf(n);
    if (targets.empty() && !n.param && !n.control && !n.kind) {
      // No control named: the one control in the plan whose unit fits ("2 kHz" with one filter).
      for (size_t b = 0; b < plan_.blocks.size(); ++b)
        for (const ControlSpec& c : specOf(b).controls)
          if (q.unit != Unit::None && inUnit(q, c.unit) && (plan_.blocks[b].controls.at(std::string(c.id)).param || c.exposed))
            targets.push_back(Target{b, std::string(c.id), plan_.blocks[b].controls.at(std::string(c.id)).param});
      dedupe(targets);
      if (targets.size() != 1) {
        notUnderstood_.push_back("'" + text() + "': " +
                                 (targets.empty() ? "nothing in " + plan_.name + " takes " + std::string(unitName(q.unit))
                                                  : std::string("more than one control takes it; name one (") + describe(targets[0]).substr(4) + ", " + describe(targets[1]).substr(4) + ")"));
        use(0, t_.size());
        return true;
      }
    }
    for (Target& t : targets)
      if (t.control.empty() && t.block) {  // an effect named: its first control in the unit
        for (const ControlSpec& c : specOf(*t.block).controls)
          if (inUnit(q, c.unit) && q.unit != Unit::None) {
            t.control = std::string(c.id);
            break;
          }
        if (!t.control.empty()) t.param = plan_.blocks[*t.block].controls.at(t.control).param;
      }
    std::erase_if(targets, [](const Target& t) { return t.block && t.control.empty(); });
    dedupe(targets);
    if (targets.empty()) {
      notUnderstood_.push_back("'" + text() + "': nothing named here takes " + std::string(unitName(q.unit)));
      use(0, t_.size());
      return true;
    }
    if (targets.size() > 1 && !n.param) {
      notUnderstood_.push_back("'" + text() + "': more than one control fits; say which (" + describe(targets[0]).substr(4) +
                               ", " + describe(targets[1]).substr(4) + ")");
      use(0, t_.size());
      return true;
    }
    const Target target = targets.front();
    use(quantities.front(), 1);
    if (quantities.size() >= 2) {
      use(quantities[1], 1);
      return setRange(target, q, t_[quantities[1]]);
    }
    return setValue(target, q);
  }

  bool setValue(const Target& t, const Token& q) {
    const Span s = spanOf(t);
    const auto v = inUnit(q, s.unit);
    if (!v) {
      notUnderstood_.push_back("'" + q.original + "' does not fit " + describe(t) + " (" + s.unit + ")");
      return true;
    }
    const auto [lo, hi] = limitsOf(t);
    const double value = std::clamp(*v, lo, hi);
    if (value != *v)
      changes_.push_back("'" + q.original + "': " + describe(t) + " goes from " + fmt(lo) + " to " + fmt(hi) + " " +
                         s.unit + ", so " + fmt(value) + " is used");
    if (t.param && (value < s.min || value > s.max)) {  // widen the knob's range to hold it
      const Parameter* p = findParameter(plan_, *t.param);
      const double min = std::min(p->min, value), max = std::max(p->max, value);
      if (!edit(setParameterRange(plan_, *t.param, min, max, value))) return true;
      changes_.push_back(describe(t) + ": range " + fmt(min) + "..." + fmt(max) + " " + s.unit + ", default " + fmt(value));
      return true;
    }
    if (value == s.value) {
      changes_.push_back(describe(t) + " is " + fmt(value) + " " + s.unit + " already");
      return true;
    }
    write(t, value);
    changes_.push_back(describe(t) + ": " + fmt(s.value) + " → " + fmt(value) + " " + s.unit);
    return true;
  }

  bool setRange(Target t, const Token& a, const Token& b) {
    const Span s = spanOf(t);
    const auto va = inUnit(a, s.unit), vb = inUnit(b, s.unit);
    if (!va || !vb) {
      notUnderstood_.push_back("'" + text() + "': the range does not fit " + describe(t) + " (" + s.unit + ")");
      return true;
    }
    if (!t.param) {  // a fixed control given a range becomes a knob
      const ControlSpec* c = findControl(specOf(*t.block), t.control);
      if (!edit(addParameter(plan_, *t.block, t.control, c->name))) return true;
      t.param = plan_.blocks[*t.block].controls.at(t.control).param;
      changes_.push_back("added a " + findParameter(plan_, *t.param)->name + " knob on the " + title(*t.block) + "'s " + std::string(c->name));
    }
    const double min = std::min(*va, *vb), max = std::max(*va, *vb);
    const double def = std::clamp(findParameter(plan_, *t.param)->defaultValue, min, max);
    if (!edit(setParameterRange(plan_, *t.param, min, max, def))) return true;
    changes_.push_back(describe(t) + ": range " + fmt(min) + "..." + fmt(max) + " " + s.unit + ", default " + fmt(def));
    return true;
  }

  // "delay 1/8 note": a block follows the tempo; a knob on its time or rate goes (the tempo sets it).
  bool sync(const Named& n, size_t qi) {
    std::vector<Target> targets = targetsOf(Named{std::nullopt, std::nullopt, n.kind, false});
    if (!n.kind) {
      for (size_t b = 0; b < plan_.blocks.size(); ++b)
        if (findOption(specOf(b), "sync")) targets.push_back(Target{b, "", std::nullopt});
    }
    std::erase_if(targets, [&](const Target& t) { return !t.block || !findOption(specOf(*t.block), "sync"); });
    const Token& q = t_[qi];
    t_[qi].used = true;
    if (targets.empty()) {
      notUnderstood_.push_back("'" + text() + "': nothing in " + plan_.name + " follows the tempo (a delay, tremolo or autopan can)");
      return true;
    }
    if (targets.size() > 1) {
      notUnderstood_.push_back("'" + text() + "': more than one block can follow the tempo; name one");
      return true;
    }
    const size_t b = *targets.front().block;
    const OptionSpec* option = findOption(specOf(b), "sync");
    if (!optionAllows(*option, q.division) || q.division == "off") {
      notUnderstood_.push_back("'" + q.original + "': the note lengths a block follows are " + std::string(option->choices).substr(4));
      return true;
    }
    Plan next = plan_;
    std::vector<std::string> gone;
    for (const char* control : {"time", "rate"}) {
      const auto it = next.blocks[b].controls.find(control);
      if (it == next.blocks[b].controls.end() || !it->second.param) continue;
      const std::string id = *it->second.param;
      gone.push_back(findParameter(next, id)->name);
      if (const auto errors = removeParameter(next, id); !errors.empty()) return edit(errors);
    }
    next.blocks[b].options["sync"] = q.division;
    if (const auto errors = validatePlan(next); !errors.empty()) return edit(errors);
    plan_ = std::move(next);
    changes_.push_back("the " + title(b) + " follows the tempo: " + q.division + " note" +
                       (gone.empty() ? "" : " (the " + gone.front() + " knob went: the tempo sets it)"));
    return true;
  }

  Plan plan_;
  std::vector<std::vector<Token>> parts_;
  std::vector<Token> t_;
  Named named_;
  std::vector<std::string> changes_, notUnderstood_;
};

}  // namespace

Refinement refinePlan(const Plan& plan, std::string_view instruction) { return Refiner(plan, instruction).run(); }

}  // namespace wstudio::forge
