// The parameter-value state format: round trip, compatibility, and refusal of foreign bytes.
#include <gtest/gtest.h>

#include <cmath>

#include "vaist/vaist_descriptor.hpp"
#include "vaist/vaist_state.hpp"

namespace wstudio::host::vaist {
namespace {

PluginDescriptor describe(const char* params) {
  auto d = parseVaistDescriptor(std::string(R"({"name":"Echo","parameters":[)") + params + "]}");
  EXPECT_TRUE(d.ok()) << d.error();
  return *d;
}

const char* kTwoParams =
    R"({"id":"time","type":"float","min":1,"max":1000,"default":250},
       {"id":"mode","type":"choice","default":1,"choices":["A","B","C"]})";

TEST(VaistState, RoundTrips) {
  PluginDescriptor d = describe(kTwoParams);
  std::vector<double> values{123.456, 2.0};
  auto bytes = encodeVaistState(d, values);
  auto decoded = decodeVaistState(d, bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  EXPECT_EQ(*decoded, values);
}

TEST(VaistState, MissingKeysTakeDefaultsAndUnknownKeysAreSkipped) {
  PluginDescriptor older = describe(R"({"id":"gone","type":"float","min":0,"max":1,"default":0},
                                       {"id":"time","type":"float","min":1,"max":1000,"default":250})");
  auto bytes = encodeVaistState(older, std::vector<double>{0.5, 700.0});
  auto decoded = decodeVaistState(describe(kTwoParams), bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  EXPECT_EQ(*decoded, (std::vector<double>{700.0, 1.0}));
}

TEST(VaistState, RefusesForeignCorruptAndTruncatedBytes) {
  PluginDescriptor d = describe(kTwoParams);
  auto bytes = encodeVaistState(d, std::vector<double>{100.0, 0.0});

  auto other = describe(kTwoParams);
  other.id = "vaist.other";
  auto foreign = decodeVaistState(other, bytes);
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.error().find("belongs to plugin 'vaist.echo'"), std::string::npos);

  std::vector<uint8_t> wrongMagic = bytes;
  wrongMagic[0] = 'X';
  EXPECT_NE(decodeVaistState(d, wrongMagic).error().find("not vAIst plugin state"), std::string::npos);

  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + static_cast<long>(cut));
    EXPECT_FALSE(decodeVaistState(d, truncated).ok()) << "cut at " << cut;
  }
  std::vector<uint8_t> trailing = bytes;
  trailing.push_back(0);
  EXPECT_NE(decodeVaistState(d, trailing).error().find("unexpected bytes"), std::string::npos);

  std::vector<uint8_t> nan = encodeVaistState(d, std::vector<double>{std::nan(""), 0.0});
  EXPECT_NE(decodeVaistState(d, nan).error().find("'time' is not a finite number"), std::string::npos);
}

TEST(VaistState, ClampsValuesIntoRange) {
  PluginDescriptor d = describe(kTwoParams);
  auto decoded = decodeVaistState(d, encodeVaistState(d, std::vector<double>{5000.0, 1.6}));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (std::vector<double>{1000.0, 2.0}));
}

}  // namespace
}  // namespace wstudio::host::vaist
