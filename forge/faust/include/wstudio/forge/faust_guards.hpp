// The Forge's guards around Faust (FC-12, FC-13 in forge/README.md). Faust reads any file a
// program names (import, component, library), pulls C headers into its output (ffunction,
// fconstant, fvariable) and loads sound files (soundfile); the jail hides the host's secrets from
// it, but /usr is public and the rule is stricter: a Faust program may use Faust's own libraries
// and nothing else of the machine.
//   checkFaustSource    the user's plugin.dsp, before Faust runs (service side): every import
//                       names one of Faust's libraries by its bare file name; no foreign
//                       function, constant or variable; no sound file; no <mdoc> section; no
//                       string that could leave its line or its comment in the C++. It tokenises
//                       as Faust's lexer does (strings without escapes, comments, numbers
//                       glued to words), so a name hidden from it is hidden from Faust too.
//   checkGeneratedCpp   Faust's C++ output, before clang runs (in the jail): its only
//                       preprocessor includes are the architecture's and the standard headers
//                       Faust itself writes; no line splices, no #pragma, no __has_include.
// describeFaust (faust_description.hpp) checks, after Faust, that it read only its libraries.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/forge/diagnostics.hpp"

namespace wstudio::forge {

// The name the user's Faust source has, in the jail and in every diagnostic.
inline constexpr std::string_view kFaustSourceName = "plugin.dsp";

// `isFaustLibrary(name)`: whether kFaustLibraryDir holds a library of that bare name.
std::vector<Diagnostic> checkFaustSource(std::string_view source,
                                         const std::function<bool(std::string_view)>& isFaustLibrary);
// The line of the program's top-level definition of `effect` (Faust's poly convention: the effect
// after the mixed voices, `faust -pn effect`), 0 when it has none. Tokenised as checkFaustSource.
int definesEffect(std::string_view source);
// Whether /usr/share/faust/<name> is one of Faust's installed libraries (a regular file).
bool installedFaustLibrary(std::string_view name);

// Empty when the C++ may be compiled; otherwise why not.
std::string checkGeneratedCpp(std::string_view cpp);

// Faust's error output as diagnostics on plugin.dsp (or a library's name): "plugin.dsp : 3 :
// ERROR : ..." has a line (Faust gives no column); "ERROR : ..." and the lines after it are one
// diagnostic without a line. Paths of the jail are replaced (scrubPaths).
ParsedDiagnostics parseFaustOutput(std::string_view output, bool outputWasCut = false);

}  // namespace wstudio::forge
