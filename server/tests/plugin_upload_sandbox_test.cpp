// Hostile plugin uploads against the real server: each is refused with a reason in bounded time,
// the server stays healthy, and nothing appears in its data folder but the database and its cache
// of verified compiled modules. The plugin ran in the plugin sandbox's jails, never in the server
// (docs/sandbox.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

namespace fs = std::filesystem;

// A WSP module (as host/tests/fixtures/latency_word.wat) with `body` spliced into its exports.
std::string wspModule(const std::string& name, const std::string& create, const std::string& process,
                      const std::string& extra = {}) {
  const fs::path dir = fs::path(WSTUDIO_SERVER_TEST_SCRATCH) / "hostile-modules";
  fs::create_directories(dir);
  const fs::path wat = dir / (name + ".wat");
  const fs::path wasm = dir / (name + ".wasm");
  std::ofstream(wat) << R"((module
  (memory (export "memory") 2)
  (func (export "wsp_descriptor") (result i32) (i32.const 1024))
  (data (i32.const 1024)
    "{\"abi\":1,\"id\":\"test.hostile.)" << name << R"(\",\"name\":\"Hostile\","
    "\"vendor\":\"Attacker\",\"version\":\"1.0.0\",\"category\":\"utility\","
    "\"kind\":\"effect\",\"audio\":{\"inputs\":1,\"outputs\":1},\"midi\":false,"
    "\"description\":\"\",\"params\":[],\"extensions\":[]}\00")
  (func (export "wsp_abi_version") (result i32) (i32.const 0x10000))
  (func (export "wsp_create") (result i32) )" << create << R"()
  (func (export "wsp_destroy") (param i32))
  (func (export "wsp_activate") (param i32 f64 i32) (result i32) (i32.const 0))
  (func (export "wsp_deactivate") (param i32))
  (func (export "wsp_reset") (param i32))
  (func (export "wsp_audio_buffer") (param i32 i32 i32) (result i32)
    (i32.add (i32.const 16384) (i32.mul (local.get 1) (i32.const 16384))))
  (func (export "wsp_event_buffer") (param i32) (result i32) (i32.const 65536))
  (func (export "wsp_event_capacity") (param i32) (result i32) (i32.const 256))
  (func (export "wsp_process") (param i32 i32 i32) (result i32) )" << process << R"()
  (func (export "wsp_param_get") (param i32 i32) (result f64) (f64.const 0))
  (func (export "wsp_latency") (param i32) (result i32) (i32.const 0))
  (func (export "wsp_tail") (param i32) (result i32) (i32.const 0))
  (func (export "wsp_state_save") (param i32) (result i32) (i32.const 0))
  (func (export "wsp_state_buffer") (param i32 i32) (result i32) (i32.const 1024))
  (func (export "wsp_state_load") (param i32 i32) (result i32) (i32.const 0))
  )" << extra << ")\n";
  const std::string command = "wat2wasm --enable-all " + wat.string() + " -o " + wasm.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(wasm, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(PluginUploadSandbox, HostileModulesAreRefusedAndTheServerCarriesOn) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("mallory");
  const std::vector<std::string> before = dataFiles(server.dataDir());
  struct Case {
    std::string name;
    std::string wasm;
    std::string reason;  // part of the refusal
  };
  const std::vector<Case> cases = {
      {"endless create", wspModule("endless-create", "(loop $l (br $l)) (i32.const 16)", "(i32.const 0)"),
       "fuel"},
      {"wild read in process",
       wspModule("wild-read", "(i32.const 16)", "(i32.store (i32.const 0) (i32.load (i32.const -4))) (i32.const 0)"),
       "out of bounds"},
      // gcc may turn the recursion into a loop: then fuel, not the stack, ends it.
      {"unbounded recursion",
       wspModule("recursion", "(drop (call $deep (i32.const 0))) (i32.const 16)", "(i32.const 0)",
                 "(func $deep (param i32) (result i32) "
                 "(i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (local.get 0)))"),
       "trapped"},
      // The escape of issue 12: (f64) -> (i32) called through a table entry of type () -> (f64, i32),
      // whose old signature ids collided; the type check must refuse the call.
      {"colliding signatures",
       wspModule("collision", "(i32.const 16)",
                 "(drop (call_indirect (type $expected) (f64.const 1) (i32.const 0))) (i32.const 0)",
                 "(type $expected (func (param f64) (result i32))) (table 1 funcref) (elem (i32.const 0) $other) "
                 "(func $other (result f64 i32) (f64.const 0) (i32.const 7))"),
       "indirect call"},
      {"endless start function",
       wspModule("endless-start", "(i32.const 16)", "(i32.const 0)", "(func $spin (loop $l (br $l))) (start $spin)"),
       "fuel"},
  };
  for (const Case& c : cases) {
    ASSERT_FALSE(c.wasm.empty()) << c.name;
    const auto res = client.request("POST", "/api/v1/assets", c.wasm, {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(res.status, 422) << c.name << ": " << res.body;
    EXPECT_NE(res.body.find(c.reason), std::string::npos) << c.name << ": " << res.body;
    EXPECT_EQ(res.body.find("/tmp/"), std::string::npos) << "no sandbox path in " << res.body;
    EXPECT_EQ(res.body.find(server.dataDir().string()), std::string::npos) << "no server path in " << res.body;
    EXPECT_EQ(client.get("/api/v1/health").status, 200) << "after " << c.name;
  }
  EXPECT_EQ(dataFiles(server.dataDir()), before) << "a refused upload leaves nothing behind";
}

}  // namespace
}  // namespace wstudio::server::test
