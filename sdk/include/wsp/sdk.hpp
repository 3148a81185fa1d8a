// The WSP C++ SDK: everything a plugin source includes. See sdk/README.md for a complete example.
//   - declare `static constexpr wsp::sdk::PluginInfo info` and `static constexpr wsp::sdk::Param
//     params[]` in a class derived from wsp::sdk::Plugin,
//   - write process(const wsp::sdk::Block&) and whichever optional hooks you need,
//   - end the file with WSP_PLUGIN(ClassName, c_identifier);
#pragma once

#include "wsp/dsp/smoother.hpp"
#include "wsp/sdk/block.hpp"
#include "wsp/sdk/entry.hpp"
#include "wsp/sdk/events.hpp"
#include "wsp/sdk/param.hpp"
#include "wsp/sdk/param_value.hpp"
#include "wsp/sdk/plugin.hpp"
#include "wsp/sdk/plugin_info.hpp"
