// The formats of plugin binaries, as sessions name them and hosts report them. Its own header so
// that the host's plugin interface can name it without the session model.
#pragma once

namespace wstudio::session {

// wsp: the WSP plugin ABI (abi/include/wsp/wsp_plugin.h), whether the module runs as
// WebAssembly or is an SDK plugin linked natively; vaist: a vAIst Forge module.
enum class PluginFormat { wsp, vaist };

}  // namespace wstudio::session
