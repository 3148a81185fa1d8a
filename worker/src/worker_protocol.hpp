// The run worker's conversation with its parent (on top of jail/worker_message.hpp):
//   parent -> worker  "run"       {op: "inspect"|"validate", quick, entry, files: [names]}, blobs: the files
//   worker -> parent  "progress"  {title, index, count}                     (validate only, any number)
//   worker -> parent  "compile"   a module to compile (jail/jailed_compile.hpp), at most kMaxCompiles
//   parent -> worker  "compiled"  the library, or "error"
//   worker -> parent  "result"    {descriptor: <descriptor JSON>, format, report: <report JSON>?,
//                                  manifest: <vAIst manifest JSON>? or manifestProblem: <why not>?}
//                     or "error"  {message}
#pragma once

namespace wstudio::worker {

// The folder of the run jail the plugin's files are written to; messages show the caller's instead.
inline constexpr const char* kJailPluginFolder = "/tmp/plugin/";

// A plugin is one module (two loads of it for validate); more requests mean a confused or
// hostile worker.
inline constexpr int kMaxCompiles = 4;

}  // namespace wstudio::worker
