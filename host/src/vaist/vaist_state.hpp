// A vAIst instance's state: its parameter values. vAIst modules have no state API of their own,
// and the DSP state (delay lines, filters) is not meant to survive a reload, so the host saves
// the values it set. Format, little-endian:
//   "VAIS" | u8 version (1) | u16 plugin-id length | plugin id | u32 count |
//   count x ( u8 key length | key | f64 plain value )
// Values are stored by key, so a plugin that adds or reorders parameters still reads old state
// (missing keys take their defaults, unknown keys are skipped). Pure: no I/O.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

// values[i] belongs to descriptor.params[i].
std::vector<uint8_t> encodeVaistState(const PluginDescriptor& descriptor, std::span<const double> values);

// Values for descriptor.params, clamped to each parameter's range. Fails on bytes that are not
// this format, were saved by another plugin, are cut short or hold non-finite values.
Result<std::vector<double>> decodeVaistState(const PluginDescriptor& descriptor,
                                             std::span<const uint8_t> bytes);

}  // namespace wstudio::host::vaist
