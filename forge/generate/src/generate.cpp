// The generator in passes over the prompt's tokens, each marking what it used:
//   1. the plugin's name ("called Big Echo") and knob phrases ("a Heat knob", "knobs for rate and
//      depth");
//   2. effect phrases, each a block, in the order they appear;
//   3. tempo sync and ducking, adjectives (before numbers, so an explicit number wins);
//   4. control words with a number ("40% feedback"), then bare numbers by unit ("500 Hz");
//   5. knobs: each block's default knobs plus the ones asked for;
//   6. every word no pass used (and that is not a filler) goes to the notes.
// Blocks are matched to words by position: a word belongs to the nearest block in its clause
// (clauses are split at commas, "with", "and", "then", ...), else to the latest block before it,
// else to the first one after it.
#include "wstudio/forge/generate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "lexicon.hpp"
#include "tokens.hpp"
#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/plan_edit.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace wstudio::forge {
namespace {

using namespace detail;

struct KnobRequest {
  size_t at = 0;
  std::string name;                    // as the user wrote it
  std::optional<std::string> control;  // when the name is a control word ("feedback")
};

struct WorkBlock {
  Block block;
  size_t at = 0;
  std::string phrase;                         // the words that made it, as typed
  std::map<std::string, std::string> knobs;   // control -> knob name ("" = the control's own)
  size_t words = 0;                           // how many tokens the phrase spans
};

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string titleCase(std::string_view text) {
  std::string out(text);
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    start = c == ' ' || c == '-';
  }
  return out;
}

class Generator {
 public:
  explicit Generator(std::string_view prompt) : prompt_(prompt), t_(tokenize(prompt)) {
    int clause = 0;
    for (const Token& tok : t_) {
      if (tok.type == TokenType::Separator || (tok.type == TokenType::Word && isClauseBreak(tok.text))) ++clause;
      clauseOf_.push_back(clause);
    }
  }

  Plan run() {
    findPluginName();
    findKnobPhrases();
    findEffects();
    findSyncAndDucking();
    applyAdjectives();
    applyControlWords();
    applyBareQuantities();
    arrangeInstrument();
    if (blocks_.empty()) {
      const BlockSpec& gain = *findBlockSpec("gain");
      blocks_.push_back({defaultBlock(gain), 0, "", {}, 0});
      notes_.push_back("no effect recognised: a gain block to start from");
    }
    resolveKnobRequests();
    reportLeftovers();
    return assemble();
  }

 private:
  // ---- helpers ----
  bool free(size_t i) const { return i < t_.size() && !t_[i].used; }
  bool freeWord(size_t i) const { return free(i) && t_[i].type == TokenType::Word; }
  bool wordIs(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].type == TokenType::Word && t_[i].text == w;
  }

  // Does the phrase match the free words starting at i?
  bool matches(size_t i, const std::vector<std::string_view>& words) const {
    for (size_t k = 0; k < words.size(); ++k)
      if (!freeWord(i + k) || t_[i + k].text != words[k]) return false;
    return true;
  }
  std::string original(size_t from, size_t count) const {
    std::string s;
    for (size_t k = 0; k < count; ++k) s += (k ? " " : "") + t_[from + k].original;
    return s;
  }
  void use(size_t from, size_t count) {
    for (size_t k = 0; k < count; ++k) t_[from + k].used = true;
  }

  const BlockSpec& specOf(const WorkBlock& b) const { return *findBlockSpec(b.block.kind); }

  // The block a word at `pos` belongs to, among those `accepts`: the nearest in its clause
  // (following ones first when `following`), else the latest before it, else the first after it.
  WorkBlock* nearest(size_t pos, const std::function<bool(const WorkBlock&)>& accepts, bool following = false) {
    WorkBlock* best = nullptr;
    size_t bestDistance = SIZE_MAX;
    for (WorkBlock& b : blocks_) {
      if (clauseOf_[b.at] != clauseOf_[std::min(pos, t_.size() - 1)] || !accepts(b)) continue;
      size_t d = b.at > pos ? b.at - pos : pos - b.at;
      if (following == (b.at < pos)) d += t_.size();  // the other side only if nothing on this one
      if (d < bestDistance) best = &b, bestDistance = d;
    }
    if (best) return best;
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it)
      if (it->at < pos && accepts(*it)) return &*it;
    for (WorkBlock& b : blocks_)
      if (b.at > pos && accepts(b)) return &b;
    return nullptr;
  }

  void set(WorkBlock& b, std::string_view control, double value, std::string_view said) {
    const ControlSpec* c = findControl(specOf(b), control);
    if (!c) return;
    const double clamped = std::clamp(value, c->min, c->max);
    if (clamped != value)
      notes_.push_back("'" + std::string(said) + "': the " + std::string(specOf(b).title) + "'s " +
                       std::string(c->name) + " goes from " + fmt(c->min) + " to " + fmt(c->max) +
                       " " + std::string(c->unit) + ", so " + fmt(clamped) + " is used");
    b.block.controls[std::string(control)] = Control{{}, clamped};
  }

  void apply(WorkBlock& b, const std::vector<Setting>& settings) {
    const BlockSpec& spec = specOf(b);
    for (const Setting& s : settings) {
      if (!s.choice.empty()) {
        if (findOption(spec, s.control)) b.block.options[std::string(s.control)] = std::string(s.choice);
      } else if (findControl(spec, s.control)) {
        b.block.controls[std::string(s.control)] = Control{{}, s.value};
      }
    }
  }

  // ---- passes ----
  void findPluginName() {
    for (size_t i = 0; i + 1 < t_.size(); ++i) {
      if (!(wordIs(i, "called") || wordIs(i, "named"))) continue;
      if (i > 0 && isKnobWord(t_[i - 1].text)) continue;  // "a knob called Heat"
      size_t end = i + 1;
      while (end < t_.size() && t_[end].type == TokenType::Word && !isClauseBreak(t_[end].text)) ++end;
      if (end == i + 1) continue;
      pluginName_ = original(i + 1, end - i - 1).substr(0, kMaxNameLength);
      use(i, end - i);
      return;
    }
  }

  // The control a control word at i names, and how many words it spans.
  std::optional<std::pair<std::string, size_t>> controlWordAt(size_t i) const {
    for (const ControlWord& cw : controlWords())
      if (matches(i, cw.words)) return std::pair{std::string(cw.control), cw.words.size()};
    return std::nullopt;
  }

  void findKnobPhrases() {
    for (size_t k = 0; k < t_.size(); ++k) {
      if (!freeWord(k) || !isKnobWord(t_[k].text)) continue;
      t_[k].used = true;
      if ((wordIs(k + 1, "called") || wordIs(k + 1, "named")) && freeWord(k + 2)) {  // "knob called Heat"
        addKnobRequest(k + 2, 1);
        use(k + 1, 2);
        continue;
      }
      if (wordIs(k + 1, "for")) {  // "knobs for rate and depth"
        t_[k + 1].used = true;
        size_t i = k + 2;
        while (i < t_.size()) {
          if (wordIs(i, "and") || wordIs(i, "the") || (t_[i].type == TokenType::Separator && t_[i].text == ",")) {
            t_[i].used = true;
            ++i;
            continue;
          }
          if (!freeWord(i)) break;
          const auto cw = controlWordAt(i);
          const size_t n = cw ? cw->second : 1;
          if (!cw && (isFiller(t_[i].text) || isAdjective(t_[i].text))) break;
          addKnobRequest(i, n);
          use(i, n);
          i += n;
        }
        continue;
      }
      // "<Name> knob": a control word of one or two words, else one word that is not a filler.
      for (size_t n : {size_t(2), size_t(1)}) {
        if (k < n) continue;
        const size_t from = k - n;
        if (!freeWord(from) || !freeWord(k - 1)) continue;
        const auto cw = controlWordAt(from);
        if ((cw && cw->second == n) || (n == 1 && !isFiller(t_[from].text))) {
          addKnobRequest(from, n);
          use(from, n);
          break;
        }
      }
    }
  }

  void addKnobRequest(size_t at, size_t n) {
    KnobRequest r{at, original(at, n), std::nullopt};
    if (const auto cw = controlWordAt(at); cw && cw->second == n) r.control = cw->first;
    knobRequests_.push_back(r);
  }

  // A word that names both an effect and a control ("delay", "drive", "gain", "width") is the
  // control when a block before it has that control and a number stands next to it.
  bool isControlUse(size_t i, std::string_view word) {
    const auto cw = controlWordAt(i);
    if (!cw || cw->second != 1) return false;
    const bool numberNear = (i > 0 && t_[i - 1].type == TokenType::Quantity) ||
                            (i + 1 < t_.size() && t_[i + 1].type == TokenType::Quantity) ||
                            ((wordIs(i + 1, "of") || wordIs(i + 1, "at")) && i + 2 < t_.size() &&
                             t_[i + 2].type == TokenType::Quantity);
    if (!numberNear) return false;
    // ... and nothing but "with" stands between them: "chorus with 20 ms delay" is the chorus's
    // delay, "chorus, delay 350 ms" and "chorus and a delay" are two effects.
    for (auto b = blocks_.rbegin(); b != blocks_.rend(); ++b) {
      if (b->at > i || controlFor(specOf(*b), cw->first).empty()) continue;
      for (size_t k = b->at + 1; k < i; ++k)
        if (t_[k].type == TokenType::Separator || (isClauseBreak(t_[k].text) && t_[k].text != "with"))
          return false;
      return true;
    }
    (void)word;
    return false;
  }

  bool describesSame(const WorkBlock& previous, size_t i) const {
    for (size_t k = previous.at + previous.words; k < i; ++k) {
      const Token& tok = t_[k];
      if (tok.type == TokenType::Separator) return false;
      if (tok.type == TokenType::Word && isClauseBreak(tok.text) && tok.text != "with") return false;
    }
    return true;
  }

  void findEffects() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!freeWord(i)) continue;
      // "pre-delay", "makeup gain", "dry/wet": control names that contain an effect's name
      if (const auto cw = controlWordAt(i); cw && cw->second > 1) {
        i += cw->second - 1;
        continue;
      }
      for (const EffectWord& e : effectWords()) {
        if (!matches(i, e.words)) continue;
        if (e.words.size() == 1 && isControlUse(i, e.words[0])) break;
        // "a delay with ping-pong": ping-pong describes the delay already there
        if (e.kind == "delay" && !e.settings.empty() && e.words[0] == "ping") {
          WorkBlock* d = nearest(i, [](const WorkBlock& b) { return b.block.kind == "delay"; });
          if (d && clauseOf_[d->at] + 1 >= clauseOf_[i]) {
            apply(*d, e.settings);
            use(i, e.words.size());
            break;
          }
        }
        // "hall reverb", "lo-fi crusher", "pad synth", "an EQ with a 3 dB peak": two names of
        // one effect, side by side or joined by "with"
        if (!blocks_.empty() && blocks_.back().block.kind == e.kind && describesSame(blocks_.back(), i)) {
          WorkBlock& same = blocks_.back();
          apply(same, e.settings);
          same.phrase += " " + original(i, e.words.size());
          same.words += e.words.size();
          use(i, e.words.size());
          break;
        }
        WorkBlock b{defaultBlock(*findBlockSpec(e.kind)), i, original(i, e.words.size()), {}, e.words.size()};
        apply(b, e.settings);
        if (!e.note.empty()) notes_.push_back(std::string(e.note));
        use(i, e.words.size());
        // "filter" after a filter name is part of it ("low-pass filter")
        if (wordIs(i + e.words.size(), "filter") && e.words.back() != "filter" &&
            (e.kind == "lowpass" || e.kind == "highpass" || e.kind == "bandpass" || e.kind == "notch"))
          t_[i + e.words.size()].used = true;
        blocks_.push_back(std::move(b));
        break;
      }
    }
  }

  void findSyncAndDucking() {
    static const std::set<std::string_view> kSync = {"sync", "synced", "synchronized", "synchronised",
                                                     "tempo", "synced", "locked"};
    static const std::set<std::string_view> kDuck = {"ducking", "ducked", "ducks", "duck", "ducker"};
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!freeWord(i)) continue;
      const std::string& w = t_[i].text;
      if (kSync.contains(w)) {
        t_[i].used = true;
        WorkBlock* b = nearest(i, [&](const WorkBlock& x) { return findOption(specOf(x), "sync") != nullptr; });
        if (!b) {
          notes_.push_back("'" + t_[i].original + "': no block here follows the tempo (a delay, tremolo or autopan can)");
          continue;
        }
        if (b->block.options["sync"] == "off") b->block.options["sync"] = b->block.kind == "autopan" ? "1/2" : "1/8";
      } else if (kDuck.contains(w)) {
        t_[i].used = true;
        WorkBlock* b = nearest(i, [](const WorkBlock& x) { return x.block.kind == "delay"; });
        if (!b) {
          notes_.push_back("'" + t_[i].original + "': only a delay ducks (its echoes under the input), and there is none");
          continue;
        }
        b->block.controls["ducking"] = Control{{}, 50.0};
        b->knobs.emplace("ducking", "");
      }
    }
  }

  void applyAdjectives() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!freeWord(i) || !isAdjective(t_[i].text)) continue;
      const std::string adjective = t_[i].text;
      t_[i].used = true;
      WorkBlock* b = nearest(
          i, [&](const WorkBlock& x) { return !adjectiveSettings(adjective, x.block.kind).empty(); }, true);
      if (!b && isFiller(adjective)) continue;  // "stereo": every block is
      if (!b) {
        notes_.push_back("'" + t_[i].original + "' means nothing for " +
                         (blocks_.empty() ? std::string("this plugin") : "the blocks here") + ", so it changed nothing");
        continue;
      }
      apply(*b, adjectiveSettings(adjective, b->block.kind));
    }
  }

  // Applies quantity token qi to block b's control (or its sync for a note length).
  bool applyQuantity(size_t qi, WorkBlock& b, std::string_view control) {
    const Token& q = t_[qi];
    if (q.unit == Unit::Division) {
      const OptionSpec* sync = findOption(specOf(b), "sync");
      if (!sync) return false;
      if (!optionAllows(*sync, q.division) || q.division == "off") {
        notes_.push_back("'" + q.original + "': the note lengths a block follows are " +
                         std::string(sync->choices).substr(4));
      } else {
        b.block.options["sync"] = q.division;
      }
      t_[qi].used = true;
      return true;
    }
    const ControlSpec* c = findControl(specOf(b), control);
    if (!c) return false;
    const auto v = inUnit(q, c->unit);
    if (!v) return false;
    set(b, control, *v, q.original);
    t_[qi].used = true;
    return true;
  }

  // Aliases between kinds: a "frequency" of a low-pass is its cutoff, a "resonance" of a
  // band-pass is its Q, "gain" of a synth is its level.
  static std::string controlFor(const BlockSpec& spec, const std::string& control) {
    if (findControl(spec, control)) return control;
    static const std::map<std::string, std::vector<std::string>> kAlias = {
        {"frequency", {"cutoff"}}, {"cutoff", {"frequency"}}, {"q", {"resonance"}},
        {"resonance", {"q"}},      {"gain", {"level", "makeup"}}, {"level", {"gain"}},
        {"time", {"delay"}},        {"decay", {"release"}}};
    if (const auto it = kAlias.find(control); it != kAlias.end())
      for (const std::string& a : it->second)
        if (findControl(spec, a)) return a;
    return {};
  }

  std::optional<size_t> quantityNear(size_t from, size_t n) const {
    if (from > 0 && free(from - 1) && t_[from - 1].type == TokenType::Quantity) return from - 1;
    size_t j = from + n;
    while (j < t_.size() && freeWord(j) && (t_[j].text == "of" || t_[j].text == "at" || t_[j].text == "to" ||
                                            t_[j].text == "is" || t_[j].text == "around" || t_[j].text == "about"))
      ++j;
    if (free(j) && t_[j].type == TokenType::Quantity) return j;
    return std::nullopt;
  }

  void applyControlWords() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!freeWord(i)) continue;
      const auto cw = controlWordAt(i);
      if (!cw) continue;
      const auto [control, n] = *cw;
      WorkBlock* b = nearest(i, [&](const WorkBlock& x) { return !controlFor(specOf(x), control).empty(); });
      const auto qi = quantityNear(i, n);
      if (!b) {
        if (control == "mix" && !qi) {  // "with a dry/wet mix": a mix over the whole chain
          mixRequested_ = true;
          use(i, n);
        }
        continue;  // left for the notes
      }
      const std::string target = controlFor(specOf(*b), control);
      use(i, n);
      if (qi) {
        if (!applyQuantity(*qi, *b, target))
          notes_.push_back("'" + t_[*qi].original + "' does not fit the " + std::string(specOf(*b).title) +
                           "'s " + target + " (" + std::string(findControl(specOf(*b), target)->unit) + ")");
        t_[*qi].used = true;
      } else {
        b->knobs.emplace(target, "");  // "a delay with feedback": the user wants to turn it
      }
    }
  }

  // The control a bare quantity sets on a block of this kind: % goes to the mix where there is
  // one, anything else to the first control in that unit.
  static std::string controlForUnit(const BlockSpec& spec, const Token& q) {
    if (q.unit == Unit::Division) return findOption(spec, "sync") ? "sync" : "";
    if (q.unit == Unit::None || q.unit == Unit::Bpm) return {};
    if (q.unit == Unit::Percent && findControl(spec, "mix")) return "mix";
    for (const ControlSpec& c : spec.controls)
      if (inUnit(q, c.unit)) return std::string(c.id);
    return {};
  }

  void applyBareQuantities() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!free(i) || t_[i].type != TokenType::Quantity) continue;
      const Token& q = t_[i];
      if (q.unit == Unit::Bpm) {
        t_[i].used = true;
        notes_.push_back("'" + q.original + "': the tempo comes from the host; synced blocks follow it");
        continue;
      }
      WorkBlock* b = nearest(i, [&](const WorkBlock& x) { return !controlForUnit(specOf(x), q).empty(); });
      if (!b) continue;  // reported with the leftovers
      applyQuantity(i, *b, controlForUnit(specOf(*b), q));
    }
  }

  void arrangeInstrument() {
    size_t synths = 0;
    for (size_t i = 0; i < blocks_.size();) {
      if (!specOf(blocks_[i]).instrument) {
        ++i;
        continue;
      }
      if (++synths > 1) {
        notes_.push_back("'" + blocks_[i].phrase + "': a plugin has one synth; this one was not added");
        blocks_.erase(blocks_.begin() + std::ptrdiff_t(i));
        continue;
      }
      if (i != 0) {
        notes_.push_back("the synth makes the sound, so it comes first; the effects follow it");
        std::rotate(blocks_.begin(), blocks_.begin() + std::ptrdiff_t(i), blocks_.begin() + std::ptrdiff_t(i) + 1);
      }
      ++i;
    }
  }

  void resolveKnobRequests() {
    for (const KnobRequest& r : knobRequests_) {
      if (r.control == "mix") {
        const bool single = blocks_.size() == 1 && findControl(specOf(blocks_[0]), "mix");
        if (single) blocks_[0].knobs.emplace("mix", "");
        else mixRequested_ = true;
        continue;
      }
      if (r.control) {
        WorkBlock* b = nearest(r.at, [&](const WorkBlock& x) { return !controlFor(specOf(x), *r.control).empty(); });
        if (b) {
          b->knobs[controlFor(specOf(*b), *r.control)] = "";
          continue;
        }
        notes_.push_back("'" + r.name + "' knob: no block here has a " + *r.control);
        continue;
      }
      // A name of the user's own: the main control of the block it follows.
      WorkBlock* b = nearest(r.at, [](const WorkBlock&) { return true; });
      const BlockSpec& spec = specOf(*b);
      std::string control(spec.mainControl);
      for (const ControlSpec& c : spec.controls) {  // a second named knob takes the next control
        const auto it = b->knobs.find(control);
        if (it == b->knobs.end() || it->second.empty()) break;
        if (c.exposed && !b->knobs.contains(std::string(c.id))) control = std::string(c.id);
      }
      const std::string name = titleCase(r.name);
      b->knobs[control] = name;
    }
  }

  void reportLeftovers() {
    std::string phrase;
    auto flush = [&] {
      if (!phrase.empty()) notes_.push_back("not understood: '" + phrase + "'");
      phrase.clear();
    };
    for (size_t i = 0; i < t_.size(); ++i) {
      const Token& tok = t_[i];
      if (tok.used || tok.type == TokenType::Separator || (tok.type == TokenType::Word && isFiller(tok.text))) {
        flush();
        continue;
      }
      if (tok.type == TokenType::Quantity) {
        flush();
        notes_.push_back("'" + tok.original + "': nothing here takes " +
                         (tok.unit == Unit::None ? std::string("a bare number") : std::string(unitName(tok.unit))));
        continue;
      }
      phrase += (phrase.empty() ? "" : " ") + tok.original;
    }
    flush();
  }

  std::string derivedName() const {
    if (pluginName_) return *pluginName_;
    std::string name;
    for (size_t i = 0; i < blocks_.size() && i < 3; ++i) {
      const WorkBlock& b = blocks_[i];
      std::string part = b.phrase.empty() ? std::string(specOf(b).title) : titleCase(b.phrase);
      // the adjectives just before the first effect ("Warm Tape Saturator")
      if (i == 0)
        for (size_t k = b.at; k > 0 && t_[k - 1].type == TokenType::Word && isAdjective(t_[k - 1].text); --k)
          part = titleCase(t_[k - 1].original) + " " + part;
      name += (i ? " + " : "") + part;
    }
    if (blocks_.size() > 3) name += " + more";
    return name.size() > kMaxNameLength ? name.substr(0, kMaxNameLength) : name;
  }

  Plan assemble() {
    Plan plan;
    plan.name = derivedName();
    plan.id = identifierFrom(plan.name, 48);
    if (plan.id.front() == '_' || (plan.id.front() >= '0' && plan.id.front() <= '9')) plan.id = "forge_" + plan.id;
    plan.description = prompt_.size() > kMaxDescriptionLength ? prompt_.substr(0, kMaxDescriptionLength) : prompt_;
    for (char& c : plan.description)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    for (const WorkBlock& b : blocks_) plan.blocks.push_back(b.block);

    // Knob names: the user's, else the control's; a control name two blocks share gets its
    // block's title ("High-pass Cutoff", "Low-pass Cutoff").
    struct Knob {
      size_t block;
      std::string control, name;
    };
    std::vector<Knob> knobs;
    for (size_t i = 0; i < blocks_.size(); ++i) {
      const BlockSpec& spec = specOf(blocks_[i]);
      const auto synced = blocks_[i].block.options.find("sync");
      const bool isSynced = synced != blocks_[i].block.options.end() && synced->second != "off";
      for (const ControlSpec& c : spec.controls) {
        const auto asked = blocks_[i].knobs.find(std::string(c.id));
        if (!c.exposed && asked == blocks_[i].knobs.end()) continue;
        if (isSynced && (c.id == "rate" || c.id == "time")) continue;  // the tempo sets it
        const bool named = asked != blocks_[i].knobs.end() && !asked->second.empty();
        knobs.push_back({i, std::string(c.id), named ? asked->second : std::string(c.name)});
      }
    }
    std::map<std::string, int> count;
    for (const Knob& k : knobs) ++count[k.name];
    for (Knob& k : knobs) {
      if (count[k.name] > 1 && k.name == std::string(findControl(specOf(blocks_[k.block]), k.control)->name))
        k.name = std::string(specOf(blocks_[k.block]).title) + " " + k.name;
      exposeControl(plan, k.block, k.control, k.name);
    }
    if (mixRequested_) {
      if (isInstrument(plan)) notes_.push_back("a synth has no dry signal, so there is no mix knob");
      else {
        Parameter mix{uniqueParameterId(plan, "mix"), "Mix", "%", 0.0, 100.0, 100.0, Scale::Linear};
        plan.mix = mix.id;
        plan.parameters.push_back(mix);
      }
    }
    plan.notes = notes_;
    return plan;
  }

  std::string prompt_;
  std::vector<Token> t_;
  std::vector<int> clauseOf_;
  std::vector<WorkBlock> blocks_;
  std::vector<KnobRequest> knobRequests_;
  std::vector<std::string> notes_;
  std::optional<std::string> pluginName_;
  bool mixRequested_ = false;
};

}  // namespace

Plan generatePlan(std::string_view prompt) { return Generator(prompt).run(); }

}  // namespace wstudio::forge
