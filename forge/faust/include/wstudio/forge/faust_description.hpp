// Faust's JSON description of a program (`faust -json`) as the plugin's info and parameter table:
// the header faust_description.hpp that the Forge's Faust architecture (forge/faust/arch) builds
// its plugin from. Parameters, ranges, defaults and steps come from the UI widgets, units and
// scales from their metadata ([unit:Hz], [scale:log], [style:menu{...}]); keys from the labels,
// ids from the keys (so a rebuilt version keeps the values of the controls it still has).
//
// Runs inside the compile jail, on what Faust wrote there; also checks what Faust read (only its
// own libraries, FC-12).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::forge {

// Where Faust's libraries are installed (Debian's faust-common): the only files a Faust program
// may import.
inline constexpr std::string_view kFaustLibraryDir = "/usr/share/faust/";
// Controls a Faust plugin may have (the descriptor must stay under 64 KiB, ABI-6).
inline constexpr size_t kMaxFaustParams = 128;
// Voices a Faust instrument may ask for (declare options "[nvoices:N]"): each voice is a whole
// copy of the program in the plugin's memory, computed while it sounds.
inline constexpr uint32_t kMaxFaustVoices = 32;

enum class FaustParamType { Float, Int, Bool, Choice };
enum class FaustScale { Linear, Log, Db };
enum class FaustMapping { Direct, DualMono, MonoIn, MonoOut };
// An effect has inputs; a program without inputs is an instrument when it has a control labelled
// "gate" (Faust's poly convention), otherwise a generator.
enum class FaustKind { Effect, Generator, Instrument };
// What a widget is to the plugin: a parameter, or a note control of an instrument, which notes
// play and the user does not see (gate; freq or key; gain, vel or velocity).
enum class FaustRole { Param, Gate, Freq, Key, Gain, Velocity };

struct FaustParam {
  uint32_t id = 0;
  std::string key;   // [A-Za-z0-9_], from the label
  std::string name;  // the label
  std::string unit;
  FaustParamType type = FaustParamType::Float;
  double min = 0, max = 1, defaultValue = 0;
  FaustScale scale = FaustScale::Linear;
  std::string choices;  // "A|B|C" for Choice
  std::string faustLabel;  // the widget's label as Faust announces it (activate() checks the order)
  FaustRole role = FaustRole::Param;
};

struct FaustDescription {
  std::string id;  // "forge.faust.<name>"
  std::string name, vendor, version, category, description;
  uint32_t faustInputs = 0, faustOutputs = 0;  // as Faust declares them
  uint32_t inputs = 0, outputs = 0;            // the plugin's
  FaustMapping mapping = FaustMapping::Direct;
  FaustKind kind = FaustKind::Effect;
  uint32_t voices = 1;              // an instrument's; 1 = monophonic, last-note priority
  std::vector<FaustParam> params;   // the parameters: active widgets that are not note controls
  std::vector<FaustParam> widgets;  // every active widget, in buildUserInterface's order
  // Faust's poly `effect`, applied once to the mix of the voices (addFaustEffect): its channels,
  // and its widgets, which are all parameters, after the voices' in `params`.
  bool hasEffect = false;
  uint32_t effectInputs = 0, effectOutputs = 0;
  size_t voiceParams = 0;  // params[0, voiceParams) are the voices', the rest the effect's
  std::vector<FaustParam> effectWidgets;
};

// Errors are the plugin author's: what in their program cannot become a plugin, and why.
host::Result<FaustDescription> describeFaust(std::string_view json);
// Adds the effect that `effectJson` (Faust's JSON of `-pn effect`) describes to a generator's or
// instrument's description: its inputs must be the voices' outputs; its controls become
// parameters keyed "effect_<label>" (a knob named as a voice's is named "<label> (effect)"), and
// the plugin's outputs are the effect's (one goes to both channels).
host::Result<host::Ok> addFaustEffect(FaustDescription& description, std::string_view effectJson);
// The C++ header the architecture includes.
std::string descriptionHeader(const FaustDescription& description);

// The stable key of a label ("Cutoff Freq" -> "cutoff_freq") and the id of a key.
std::string faustParamKey(std::string_view label);
uint32_t faustParamId(std::string_view key);

}  // namespace wstudio::forge
