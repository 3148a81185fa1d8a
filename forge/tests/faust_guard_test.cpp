// FC-12, FC-13 and the Faust description, without a jail: the source guard tokenises as Faust does,
// the output guard lets clang read nothing but the SDK and the standard headers, Faust's JSON
// becomes the parameter table, and Faust's errors become diagnostics. Where a test needs what
// Faust really writes, it runs the same faust outside any jail in its scratch folder.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "faust_test_sources.hpp"
#include "wstudio/forge/build_service.hpp"
#include "wstudio/forge/faust_description.hpp"
#include "wstudio/forge/faust_guards.hpp"
#include "wstudio/forge/faust_toolchain.hpp"

namespace wstudio::forge {
namespace {

namespace fs = std::filesystem;

std::vector<Diagnostic> guard(const std::string& source) { return checkFaustSource(source, installedFaustLibrary); }

std::string text(const std::vector<Diagnostic>& diagnostics) {
  std::string all;
  for (const Diagnostic& d : diagnostics) all += std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message + "\n";
  return all;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The program through the same faust and architecture, outside any jail: {C++, JSON, Faust's output}.
struct FaustOutput {
  std::string cpp, json, said;
};
FaustOutput unjailedFaust(const std::string& name, const std::string& source) {
  const fs::path dir = fs::path(WSTUDIO_FORGE_TEST_SCRATCH) / "unjailed-faust" / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "dsp");
  std::ofstream(dir / "wsp_faust_arch.cpp") << faustArchitecture();
  std::ofstream(dir / "dsp" / "plugin.dsp") << source;
  const std::string command = "cd " + (dir / "dsp").string() + " && " WSTUDIO_TEST_FAUST " -lang cpp -a " +
                              (dir / "wsp_faust_arch.cpp").string() + " -json -O " + dir.string() +
                              " -o plugin.cpp plugin.dsp 2>&1";
  FaustOutput out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.said.append(buffer, n);
    ::pclose(pipe);
  }
  out.cpp = readAll(dir / "plugin.cpp");
  out.json = readAll(dir / "plugin.dsp.json");
  return out;
}

TEST(ForgeFaustSource, ProgramsOnTheStandardLibraryPass) {
  for (const std::string* source : {&test::kFaustLowpass, &test::kFaustEcho, &test::kFaustControls}) {
    EXPECT_TRUE(guard(*source).empty()) << text(guard(*source));
  }
  EXPECT_TRUE(guard("import ( \"stdfaust.lib\" ) ;\nm = library(\"maths.lib\");\nprocess = _;\n").empty());
  // Words in comments and strings are not code, for Faust or for the guard.
  EXPECT_TRUE(guard("// import(\"/etc/passwd\")\n/* ffunction soundfile */\ndeclare x \"import(etc)\";\nprocess = _;\n")
                  .empty());
}

// Faust's poly convention names the effect after the voices `effect` (faust -pn effect): only a
// definition at the program's top level is it.
TEST(ForgeFaustSource, ATopLevelEffectDefinitionIsFound) {
  EXPECT_EQ(definesEffect("import(\"stdfaust.lib\");\nprocess = os.osc(440);\neffect = *(0.5);\n"), 3);
  EXPECT_EQ(definesEffect("effect(g) = *(g);\nprocess = _;\n"), 1);
  EXPECT_EQ(definesEffect("declare name \"x\";\n/* c */ effect\n= _;\nprocess = _;\n"), 2);
  // Used, not defined; defined inside another definition; in a comment or a string; a longer name.
  EXPECT_EQ(definesEffect("effect2 = _;\nprocess = _ : fx.effect;\n"), 0);
  EXPECT_EQ(definesEffect("process = voice : fx with { fx = _; effect = _; };\nvoice = 1;\n"), 0);
  EXPECT_EQ(definesEffect("process = par(i, 2, (effect = _; ));\n"), 0);
  EXPECT_EQ(definesEffect("// effect = _;\ndeclare x \"; effect = _\";\nprocess = _;\n"), 0);
}

TEST(ForgeFaustSource, OnlyFaustsOwnLibrariesByName) {
  const std::vector<Diagnostic> passwd = guard("import(\"/etc/passwd\");\nprocess = _;\n");
  ASSERT_EQ(passwd.size(), 1u);
  EXPECT_EQ(passwd[0].file, "plugin.dsp");
  EXPECT_EQ(passwd[0].line, 1);
  EXPECT_EQ(passwd[0].column, 1);
  EXPECT_NE(passwd[0].message.find("only name one of Faust's libraries"), std::string::npos) << passwd[0].message;
  for (const char* source :
       {"x = component(\"../../../etc/passwd\");\n", "x = library(\"/usr/share/faust/maths.lib\");\n",
        "import(\"stdfaust.lib/../../../etc/passwd\");\n", "import(\"./stdfaust.lib\");\n",
        "import(\"http://example.com/x.lib\");\n", "import(\"plugin.dsp\");\n", "import stdfaust;\n"}) {
    const std::vector<Diagnostic> found = guard(source);
    ASSERT_EQ(found.size(), 1u) << source;
    EXPECT_EQ(found[0].line, 1) << source;
  }
  const std::vector<Diagnostic> absent = guard("process = _;\nimport(\"nothere.lib\");\n");
  ASSERT_EQ(absent.size(), 1u);
  EXPECT_EQ(absent[0].line, 2);
  EXPECT_NE(absent[0].message.find("not one of Faust's libraries"), std::string::npos);
}

// Faust's lexer ends a number where its rules end: "1import" is 1 then the keyword.
TEST(ForgeFaustSource, KeywordsGluedToNumbersAreFoundAsFaustSeesThem) {
  for (const char* source : {"x = 1import(\"/etc/passwd\");\n", "x = _1import(\"/etc/passwd\");\n",
                             "x = 1e5import(\"/etc/passwd\");\n", "x = 1.5fimport(\"/etc/passwd\");\n",
                             "x = .5component(\"/etc/passwd\");\n"}) {
    EXPECT_EQ(guard(source).size(), 1u) << source;
  }
  EXPECT_TRUE(guard("x_import = 1;\nimported = 2;\nprocess = _;\n").empty());
}

TEST(ForgeFaustSource, ForeignFunctionsAndSoundFilesAreRefused) {
  const std::string source = "f = ffunction(int puts(char*), <stdio.h>, \"\");\n"
                             "g = ffunction(float leak(float), \"/etc/passwd\", \"\");\n"
                             "c = fconstant(int stdin, <stdio.h>);\n"
                             "v = fvariable(int errno, <errno.h>);\n"
                             "s = soundfile(\"s [url:{'/etc/passwd'}]\", 1);\n";
  const std::vector<Diagnostic> found = guard(source);
  ASSERT_EQ(found.size(), 5u) << text(found);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(found[static_cast<size_t>(i)].line, i + 1);
  EXPECT_NE(found[0].message.find("ffunction is not available"), std::string::npos);
  EXPECT_NE(found[4].message.find("sound files"), std::string::npos);
}

// Strings reach the C++ as literals and in a comment: they may not leave their line or comment.
TEST(ForgeFaustSource, StringsStayOnTheirLine) {
  EXPECT_EQ(guard("declare name \"a */\n#include </etc/passwd>\n/* b\";\n").size(), 1u);
  EXPECT_EQ(guard("declare name \"x */ y\";\n").size(), 1u);
  EXPECT_EQ(guard("declare name \"back\\\\slash\";\n").size(), 1u);
  EXPECT_EQ(guard("process = _;\ndeclare name \"never closed;\n")[0].line, 2);
  EXPECT_EQ(guard("/* never closed\nprocess = _;\n").size(), 1u);
  EXPECT_EQ(guard("<mdoc><equation>import(\"/etc/passwd\")</equation></mdoc>\n").size(), 2u);
  EXPECT_EQ(guard(std::string("process = _;\0x", 14)).size(), 1u);
  EXPECT_EQ(guard("declare name \"caf\xff\";\n").size(), 1u);
  EXPECT_EQ(guard("declare name \"\xc0\xaf\";\n").size(), 1u);  // an overlong '/'
  EXPECT_TRUE(guard("declare name \"Fr\xc3\xa9quence \xe2\x86\x92 \xf0\x9f\x8e\xb8\";\nprocess = _;\n").empty());
}

TEST(ForgeFaustOutput, AnEffectsCppPassesAndAForeignHeaderIsStopped) {
  const FaustOutput lowpass = unjailedFaust("lowpass", test::kFaustLowpass);
  ASSERT_FALSE(lowpass.cpp.empty()) << lowpass.said;
  EXPECT_EQ(checkGeneratedCpp(lowpass.cpp), "");
  // What the source guard keeps from Faust: without it, the header lands in the C++.
  const FaustOutput foreign =
      unjailedFaust("foreign", "f = ffunction(int getchar(), <stdio.h>, \"\");\nprocess = _ + f;\n");
  ASSERT_NE(foreign.cpp.find("#include <stdio.h>"), std::string::npos) << foreign.said;
  EXPECT_NE(checkGeneratedCpp(foreign.cpp).find("<stdio.h>"), std::string::npos);
}

TEST(ForgeFaustOutput, NoOtherDirectiveNoSpliceNoProbe) {
  EXPECT_EQ(checkGeneratedCpp("#include <cmath>\n#define X 1\n#ifndef Y\n#endif\nint x;\n"), "");
  for (const char* cpp : {"#include \"/etc/passwd\"\n", "  #  include </usr/include/stdio.h>\n", "%:include <stdio.h>\n",
                          "#include_next <cmath>\n", "#import <cmath>\n", "#embed \"/etc/passwd\"\n",
                          "#pragma GCC dependency \"/etc/passwd\"\n", "#line 1 \"/etc/passwd\"\n",
                          "#inc\\\nlude </etc/passwd>\n", "#if __has_include(</etc/passwd>)\n#endif\n",
                          "_Pragma(\"once\")\n"}) {
    EXPECT_NE(checkGeneratedCpp(cpp), "") << cpp;
  }
}

TEST(ForgeFaustDescription, ControlsBecomeTheParameterTable) {
  const FaustOutput controls = unjailedFaust("controls", test::kFaustControls);
  auto described = describeFaust(controls.json);
  ASSERT_TRUE(described) << described.error() << controls.said;
  const FaustDescription& d = described.value();
  EXPECT_EQ(d.id, "forge.faust.faust-controls");
  EXPECT_EQ(d.name, "Faust Controls");
  EXPECT_EQ(d.vendor, "Forge tests");
  EXPECT_EQ(d.version, "2.1.0");
  EXPECT_EQ(d.category, "utility");
  EXPECT_EQ(d.description, "A gain with every kind of Faust control");
  EXPECT_EQ(d.mapping, FaustMapping::Direct);
  EXPECT_EQ(d.inputs, 2u);
  ASSERT_EQ(d.params.size(), 5u);
  const auto find = [&](const std::string& key) -> const FaustParam& {
    for (const FaustParam& p : d.params)
      if (p.key == key) return p;
    ADD_FAILURE() << "no parameter " << key;
    return d.params[0];
  };
  const FaustParam& gain = find("gain");
  EXPECT_EQ(gain.type, FaustParamType::Float);
  EXPECT_EQ(gain.unit, "dB");
  EXPECT_EQ(gain.scale, FaustScale::Db);
  EXPECT_EQ(gain.min, -60);
  EXPECT_EQ(gain.max, 12);
  EXPECT_EQ(gain.defaultValue, -6);
  EXPECT_EQ(gain.id, faustParamId("gain"));
  const FaustParam& tone = find("tone_freq");
  EXPECT_EQ(tone.name, "Tone Freq");
  EXPECT_EQ(tone.scale, FaustScale::Log);
  EXPECT_EQ(tone.unit, "Hz");
  EXPECT_EQ(tone.type, FaustParamType::Float);
  EXPECT_EQ(find("stages").type, FaustParamType::Int);
  EXPECT_EQ(find("mode").type, FaustParamType::Choice);
  EXPECT_EQ(find("mode").choices, "Clean|Warm|Hot");
  EXPECT_EQ(find("mode").defaultValue, 1);
  EXPECT_EQ(find("bypass").type, FaustParamType::Bool);
  const std::string header = descriptionHeader(d);
  EXPECT_NE(header.find("wsp::sdk::floatParam(" + std::to_string(faustParamId("gain")) +
                        "u, \"gain\", \"Gain\", \"dB\", -60.0, 12.0, -6.0, wsp::sdk::Scale::Db)"),
            std::string::npos)
      << header;
}

TEST(ForgeFaustDescription, MonoProgramsMeetStereoTracks) {
  auto mono = describeFaust(unjailedFaust("mono", test::kFaustLowpass).json);
  ASSERT_TRUE(mono) << mono.error();
  EXPECT_EQ(mono->mapping, FaustMapping::DualMono);
  EXPECT_EQ(mono->inputs, 2u);
  EXPECT_EQ(mono->outputs, 2u);
  auto spread = describeFaust(unjailedFaust("spread", test::kFaustMonoToStereo).json);
  ASSERT_TRUE(spread) << spread.error();
  EXPECT_EQ(spread->mapping, FaustMapping::MonoIn);
}

TEST(ForgeFaustDescription, WithoutInputsAGateMakesAnInstrument) {
  auto generator = describeFaust(unjailedFaust("generator", test::kFaustOscillator).json);
  ASSERT_TRUE(generator) << generator.error();
  EXPECT_EQ(generator->kind, FaustKind::Generator);
  EXPECT_EQ(generator->mapping, FaustMapping::MonoOut);
  EXPECT_EQ(generator->inputs, 0u);
  EXPECT_EQ(generator->outputs, 2u);
  EXPECT_EQ(generator->params.size(), 2u);
  EXPECT_NE(descriptionHeader(*generator).find(".kind = wsp::sdk::Kind::Instrument"), std::string::npos);
  EXPECT_NE(descriptionHeader(*generator).find(".midi = true"), std::string::npos);

  auto poly = describeFaust(unjailedFaust("poly", test::kFaustPolySynth).json);
  ASSERT_TRUE(poly) << poly.error();
  EXPECT_EQ(poly->kind, FaustKind::Instrument);
  EXPECT_EQ(poly->voices, 4u);
  ASSERT_EQ(poly->params.size(), 1u);  // freq, gain and gate are the notes'
  EXPECT_EQ(poly->params[0].key, "release");
  // Every widget in the class's order (Faust's: "Release" before "freq"), each with its role.
  ASSERT_EQ(poly->widgets.size(), 4u);
  EXPECT_EQ(poly->widgets[0].faustLabel, "Release");
  EXPECT_EQ(poly->widgets[0].role, FaustRole::Param);
  EXPECT_EQ(poly->widgets[1].role, FaustRole::Freq);
  EXPECT_EQ(poly->widgets[2].role, FaustRole::Gain);
  EXPECT_EQ(poly->widgets[3].role, FaustRole::Gate);
  EXPECT_NE(descriptionHeader(*poly).find("kZoneRoles{{Role::Param, Role::Freq, Role::Gain, Role::Gate}}"),
            std::string::npos)
      << descriptionHeader(*poly);

  auto mono = describeFaust(unjailedFaust("mono-synth", test::kFaustMonoSynth).json);
  ASSERT_TRUE(mono) << mono.error();
  EXPECT_EQ(mono->kind, FaustKind::Instrument);
  EXPECT_EQ(mono->voices, 1u);

  // An effect's control labelled gate stays a parameter.
  auto effect = describeFaust(unjailedFaust("gated-effect", "process = *(button(\"gate\"));\n").json);
  ASSERT_TRUE(effect) << effect.error();
  EXPECT_EQ(effect->kind, FaustKind::Effect);
  EXPECT_EQ(effect->params.size(), 1u);
}

TEST(ForgeFaustDescription, VoiceCountsOutsideOneToThirtyTwoAreRefused) {
  const std::string head = R"({"name":"x","inputs":0,"outputs":1,"ui":[{"type":"button","label":"gate"}],"meta":[{"options":")";
  const auto voices = [&](const std::string& options) { return describeFaust(head + options + R"("}]})"); };
  EXPECT_EQ(voices("[nvoices:32]")->voices, 32u);
  EXPECT_EQ(voices("[midi:on][nvoices:2]")->voices, 2u);
  auto bomb = voices("[nvoices:100000]");
  ASSERT_FALSE(bomb);
  EXPECT_NE(bomb.error().find("[nvoices:100000]\" asks for more voices than the 32"), std::string::npos) << bomb.error();
  EXPECT_FALSE(voices("[nvoices:99999999999999999999999]"));
  for (const char* odd : {"[nvoices:0]", "[nvoices:-4]", "[nvoices:two]", "[nvoices:]", "[nvoices:4"}) {
    auto refused = voices(odd);
    ASSERT_FALSE(refused) << odd;
    EXPECT_NE(refused.error().find("whole number from 1 to 32"), std::string::npos) << refused.error();
  }
}

TEST(ForgeFaustDescription, WhatCannotBeAPluginIsSaidInWords) {
  const std::string base = R"({"name":"x","inputs":1,"outputs":1,"meta":[],)";
  auto outside = describeFaust(base + R"("library_list":["/usr/share/faust/stdfaust.lib","/etc/passwd"],"ui":[]})");
  ASSERT_FALSE(outside);
  EXPECT_NE(outside.error().find("not one of Faust's libraries"), std::string::npos);
  auto upwards = describeFaust(base + R"("library_list":["/usr/share/faust/../../../etc/x.lib"],"ui":[]})");
  EXPECT_FALSE(upwards);
  auto sound = describeFaust(base + R"("ui":[{"type":"vgroup","label":"x","items":[{"type":"soundfile","label":"s","url":"{'a.wav'}"}]}]})");
  ASSERT_FALSE(sound);
  EXPECT_NE(sound.error().find("soundfile"), std::string::npos);
  auto backwards = describeFaust(base + R"("ui":[{"type":"hslider","label":"Odd","init":1,"min":5,"max":5,"step":1}]})");
  ASSERT_FALSE(backwards);
  EXPECT_NE(backwards.error().find("'Odd' has min 5.0 and max 5.0"), std::string::npos) << backwards.error();
  auto twins = describeFaust(base + R"("ui":[{"type":"hslider","label":"Level","init":0,"min":0,"max":1,"step":0.01},)"
                                    R"({"type":"hslider","label":"Level","init":0,"min":0,"max":1,"step":0.01}]})");
  ASSERT_TRUE(twins) << twins.error();
  EXPECT_EQ(twins->params[0].key, "level");
  EXPECT_EQ(twins->params[1].key, "level_2");
}

TEST(ForgeFaustDiagnostics, FaustsErrorShapes) {
  const ParsedDiagnostics parsed = parseFaustOutput(
      "plugin.dsp : 3 : ERROR : undefined symbol : undefined_filter\n"
      "/usr/share/faust/filters.lib : 120 : ERROR : syntax error, unexpected ENDDEF\n"
      "ERROR (file plugin.dsp:4) : multiple definitions of symbol process\n"
      "ERROR in sequential composition A:B\nThe number of outputs [3] of A must be equal to the number of inputs [2] of B\n"
      "WARNING : /tmp/forge/dsp/plugin.dsp is odd\n");
  ASSERT_EQ(parsed.diagnostics.size(), 5u);
  EXPECT_EQ(parsed.diagnostics[0].file, "plugin.dsp");
  EXPECT_EQ(parsed.diagnostics[0].line, 3);
  EXPECT_EQ(parsed.diagnostics[0].message, "undefined symbol : undefined_filter");
  EXPECT_EQ(parsed.diagnostics[1].file, "filters.lib");
  EXPECT_EQ(parsed.diagnostics[1].line, 120);
  EXPECT_EQ(parsed.diagnostics[2].line, 4);
  EXPECT_EQ(parsed.diagnostics[2].file, "plugin.dsp");
  EXPECT_EQ(parsed.diagnostics[3].line, 0);
  EXPECT_NE(parsed.diagnostics[3].message.find("number of outputs [3]"), std::string::npos);
  EXPECT_EQ(parsed.diagnostics[4].severity, "warning");
  EXPECT_EQ(parsed.diagnostics[4].message.find("/tmp/forge"), std::string::npos) << parsed.diagnostics[4].message;
}

// FC-9: the same text is another build in another language.
TEST(ForgeFaustCache, TheKeyIncludesTheLanguage) {
  EXPECT_NE(BuildService::cacheKey("faust", test::kFaustLowpass), BuildService::cacheKey("cpp", test::kFaustLowpass));
  EXPECT_EQ(BuildService::cacheKey("faust", test::kFaustLowpass), BuildService::cacheKey("faust", test::kFaustLowpass));
  EXPECT_NE(faustIdentity(), "");
}

}  // namespace
}  // namespace wstudio::forge
