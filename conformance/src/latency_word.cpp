#include "latency_word.hpp"

#include "check_context.hpp"

namespace wstudio::conformance {

std::optional<uint32_t> verifyLatencyWord(host::PluginInstance& instance,
                                          const std::string& after) {
  const std::optional<uint32_t> word = instance.latencyWord();
  if (!word) return std::nullopt;
  const uint32_t latency = instance.latency();
  failIfFaulted(instance, "in wsp_latency after " + after);
  if (*word != latency) {
    fail("ABI-20",
         "after " + after + ", the latency word (" WSP_EXT_LATENCY_WORD ", ABI-20) reads " +
             std::to_string(*word) + " but wsp_latency returns " + std::to_string(latency) +
             "; store the new latency in the word at wspx_latency_word_address before "
             "any call that changes it returns (wsp_activate, wsp_process, wsp_reset, "
             "wsp_state_load)");
  }
  return latency;
}

}  // namespace wstudio::conformance
