// A vAIst Forge project imported into the Forge (docs/forge-vaist-import.md). The user sends the
// files of a project folder; readProject() checks every one and tells which of the three forms
// it is:
//   source       processor.h, processor.cpp, descriptor.json (bindings.cpp too, usually): compiled
//                by the Forge's own toolchain in its jail as the one source pluginSource() writes,
//                a WSP plugin like any Forge build;
//   glue         the built vaist-processor.wasm with its emscripten .js and descriptor.json;
//   clean        a .wasm with clean export names and descriptor.json, no glue.
// The built forms are vAIst modules the host drives as they are (host/src/vaist). Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::forge::vaist {

struct ProjectFile {
  std::string name;   // as sent: a plain name or a path inside the chosen folder ("delay/processor.cpp")
  std::string bytes;
};

enum class ProjectForm { Source, Glue, Clean };
const char* formName(ProjectForm form);  // "source", "glue", "clean"

struct ImportLimits {
  size_t maxFiles = 64;
  size_t maxSourceBytes = 256 * 1024;   // processor.h + processor.cpp + bindings.cpp together
  size_t maxDescriptorBytes = 64 * 1024;
  size_t maxGlueBytes = 8u << 20;       // emscripten glue is tens of kilobytes
  size_t maxWasmBytes = 64u << 20;      // the server passes its upload limit
};

struct Project {
  ProjectForm form = ProjectForm::Source;
  std::string pluginName;  // from descriptor.json
  std::string descriptor;  // descriptor.json's text
  std::string processorH;
  std::string processorCpp;
  std::string bindingsCpp;  // may be empty: the adapter does not need it
  std::string wasm;
  std::string glue;
  std::vector<std::string> used;     // the names of the files the import uses
  std::vector<std::string> ignored;  // files of the folder it has no use for (thumbnail.png, ...)
};

// What readProject() made of the files: the project, or why not.
struct ProjectRead {
  std::optional<Project> project;
  std::string problem;    // names the file at fault ("../x.cpp": ...), in words for the user
  bool tooLarge = false;  // the problem is a file or the folder over its limit
};

// A name that leaves the folder ('..', '/' first, '\\', control characters), two files of the
// same kind, an archive, a file over its limit, a source that is not UTF-8 text, or a
// descriptor.json the host would not load are refused.
ProjectRead readProject(const std::vector<ProjectFile>& files, const ImportLimits& limits);

// The one C++ source the Forge compiles for a source-form project: its files as written, each
// after a `#line 1 "<file>"` marker (so errors name the user's file and line), their includes of
// each other folded in, then the adapter class (<wsp/vaist/compat.hpp>) with the descriptor's
// parameters, under `#line` markers giving plugin.cpp's own lines. Fails when descriptor.json
// cannot make a WSP descriptor.
host::Result<std::string> pluginSource(const Project& project);

}  // namespace wstudio::forge::vaist
