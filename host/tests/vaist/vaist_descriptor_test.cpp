// descriptor.json -> PluginDescriptor, on the real fixture files and on broken ones.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "vaist/vaist_descriptor.hpp"

namespace wstudio::host::vaist {
namespace {

std::string readFixture(const std::string& relative) {
  std::ifstream in(std::string(VAIST_FIXTURE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One parameter spliced into an otherwise valid descriptor.
std::string withParam(const std::string& param) {
  return R"({"name":"Test","vendor":"v","version":"1","isInstrument":false,"parameters":[)" + param + "]}";
}

std::string errorOf(const std::string& json) {
  auto parsed = parseVaistDescriptor(json);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? std::string{} : parsed.error();
}

TEST(VaistDescriptor, MapsWarmDriveOntoTheHostModel) {
  auto d = parseVaistDescriptor(readFixture("warm_drive/descriptor.json"));
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->id, "vaist.warm-drive");
  EXPECT_EQ(d->name, "Warm Drive");
  EXPECT_EQ(d->vendor, "vAIst Forge");
  EXPECT_EQ(d->version, "1.0.0");
  EXPECT_EQ(d->kind, PluginKind::Effect);
  EXPECT_EQ(d->category, "distortion");
  EXPECT_EQ(d->inputs, 2u);
  EXPECT_EQ(d->outputs, 2u);
  EXPECT_FALSE(d->midi);
  ASSERT_EQ(d->params.size(), 5u);

  const ParamInfo& tone = d->params[1];
  EXPECT_EQ(tone.id, 1u);
  EXPECT_EQ(tone.key, "tone");
  EXPECT_EQ(tone.name, "Tone");
  EXPECT_EQ(tone.unit, "Hz");
  EXPECT_EQ(tone.type, ParamType::Float);
  EXPECT_EQ(tone.scale, ParamScale::Log);
  EXPECT_EQ(tone.min, 200.0);
  EXPECT_EQ(tone.max, 20000.0);
  EXPECT_EQ(tone.defaultValue, 8000.0);

  EXPECT_EQ(d->params[2].key, "outputGain");  // camelCase kept verbatim: it names set_outputGain
  EXPECT_EQ(d->params[2].unit, "dB");
  EXPECT_EQ(d->params[2].scale, ParamScale::Linear);

  const ParamInfo& shape = d->params[4];
  EXPECT_EQ(shape.id, 4u);
  EXPECT_EQ(shape.type, ParamType::Choice);
  EXPECT_EQ(shape.choices, (std::vector<std::string>{"Soft", "Hard", "Fold"}));
  EXPECT_EQ(shape.min, 0.0);
  EXPECT_EQ(shape.max, 2.0);
}

TEST(VaistDescriptor, EveryFixtureParses) {
  for (const char* name : {"warm_drive", "tape_delay", "long_echo", "broken_chorus"}) {
    auto d = parseVaistDescriptor(readFixture(std::string(name) + "/descriptor.json"));
    EXPECT_TRUE(d.ok()) << name << ": " << d.error();
  }
  auto delay = parseVaistDescriptor(readFixture("tape_delay/descriptor.json"));
  ASSERT_TRUE(delay.ok());
  EXPECT_EQ(delay->id, "vaist.tape-delay");
  EXPECT_EQ(delay->category, "delay");
  EXPECT_EQ(delay->params[0].unit, "ms");
}

TEST(VaistDescriptor, InstrumentAndUnusualUnits) {
  auto d = parseVaistDescriptor(
      R"({"name":"  Space   Pad #2! ","isInstrument":true,"parameters":[
          {"id":"width","name":"Width","type":"float","min":0,"max":360,"default":90,"unit":"°","choices":[]}]})");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->id, "vaist.space-pad-2");
  EXPECT_EQ(d->kind, PluginKind::Instrument);
  EXPECT_EQ(d->category, "synth");
  EXPECT_EQ(d->params[0].unit, "°");
  EXPECT_EQ(d->vendor, "");
}

TEST(VaistDescriptor, SlugKeepsOnlyLettersAndDigits) {
  EXPECT_EQ(slugOf("Tape Delay"), "tape-delay");
  EXPECT_EQ(slugOf("--Über  Fuzz 3000--"), "ber-fuzz-3000");
  EXPECT_EQ(slugOf("!!!"), "");
}

TEST(VaistDescriptor, ErrorsNameTheField) {
  EXPECT_NE(errorOf("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(errorOf("[1,2]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(errorOf(R"({"parameters":[]})").find("name: is missing"), std::string::npos);
  EXPECT_NE(errorOf(R"({"name":"???","parameters":[]})").find("name: needs at least one"), std::string::npos);
  EXPECT_NE(errorOf(R"({"name":"A"})").find("parameters: is missing"), std::string::npos);
  EXPECT_NE(errorOf(R"({"name":"A","parameters":{}})").find("parameters: must be an array"), std::string::npos);
  EXPECT_NE(errorOf(R"({"name":"A","isInstrument":"no","parameters":[]})").find("isInstrument: must be true or false"),
            std::string::npos);

  EXPECT_NE(errorOf(withParam(R"({"name":"x","type":"float","min":0,"max":1,"default":0})"))
                .find("parameters[0].id: is missing"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"center-delay","type":"float","min":0,"max":1,"default":0})"))
                .find("parameters[0].id: 'center-delay' is not a valid identifier"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"float","min":0,"max":1,"default":0},
                                 {"id":"a","type":"float","min":0,"max":1,"default":0})"))
                .find("parameters[1].id: 'a' is used by an earlier parameter"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"int","min":0,"max":1,"default":0})"))
                .find("parameters[0].type: 'int' is not supported"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"float","max":1,"default":0})"))
                .find("parameters[0].min: is missing"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"float","min":"0","max":1,"default":0})"))
                .find("parameters[0].min: must be a number"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"float","min":20,"max":20,"default":20})"))
                .find("parameters[0].max: must be greater than min (20)"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"float","min":1,"max":1000,"default":1200})"))
                .find("parameters[0].default: 1200 is outside [1, 1000]"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"a","type":"float","min":0,"max":1,"default":0,"unit":5})"))
                .find("parameters[0].unit: must be a string"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"m","type":"choice","min":0,"max":1,"default":0,"choices":[]})"))
                .find("parameters[0].choices: a choice parameter needs a non-empty array"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"m","type":"choice","min":0,"max":3,"default":0,"choices":["A","B"]})"))
                .find("parameters[0].max: must be 1 for 2 choices"),
            std::string::npos);
  EXPECT_NE(errorOf(withParam(R"({"id":"m","type":"choice","min":0,"max":1,"default":0.5,"choices":["A","B"]})"))
                .find("parameters[0].default: must be the index of a choice"),
            std::string::npos);
}

}  // namespace
}  // namespace wstudio::host::vaist
