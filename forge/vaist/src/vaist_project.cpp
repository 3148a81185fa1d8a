// readProject: every file of an imported vAIst Forge folder checked, and the form it makes.
#include <algorithm>
#include <map>

#include "vaist/vaist_descriptor.hpp"
#include "wstudio/forge/vaist_import.hpp"

namespace wstudio::forge::vaist {

using host::fail;

namespace {

constexpr size_t kMaxNameBytes = 255;
constexpr size_t kMaxNameDepth = 8;

std::string quoted(std::string_view name) {
  std::string shown;
  for (char c : name) shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  return "\"" + shown + "\"";
}

bool endsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

// The last part of a name that stays inside the folder, or why it does not.
host::Result<std::string> baseName(std::string_view name) {
  const std::string shown = quoted(name);
  if (name.empty() || name.size() > kMaxNameBytes) return fail("a file name must have 1 to 255 bytes: " + shown);
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') {
      return fail(shown + ": a file name may not hold control characters or '\\'");
    }
  }
  if (name.front() == '/') return fail(shown + ": a file name must be inside the project folder, not start with '/'");
  size_t depth = 0;
  size_t start = 0;
  std::string_view last;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return fail(shown + ": a file name must stay inside the project folder (no '..', '.' or empty parts)");
    }
    last = part;
    ++depth;
    start = end + 1;
  }
  if (depth > kMaxNameDepth) return fail(shown + ": the file is nested deeper than " + std::to_string(kMaxNameDepth) + " folders");
  return std::string(last);
}

// Text a compiler or a JSON parser reads: UTF-8, no NUL (a binary sent under a source's name).
bool isUtf8Text(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    size_t extra = 0;
    if (c == 0) return false;
    if (c >= 0x80) {
      if ((c >> 5) == 0x6) extra = 1;
      else if ((c >> 4) == 0xE) extra = 2;
      else if ((c >> 3) == 0x1E) extra = 3;
      else return false;
    }
    if (extra > bytes.size() - i - 1) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

bool isArchive(std::string_view base, std::string_view bytes) {
  const std::string name = lower(base);
  for (std::string_view tail : {".zip", ".tar", ".gz", ".tgz", ".7z", ".rar", ".bz2", ".xz"}) {
    if (endsWith(name, tail)) return true;
  }
  return bytes.substr(0, 4) == std::string_view("PK\3\4", 4) || bytes.substr(0, 2) == "\x1f\x8b" ||
         (bytes.size() > 262 && bytes.substr(257, 5) == "ustar");
}

std::string kib(size_t bytes) { return std::to_string(bytes / 1024) + " KiB"; }

}  // namespace

const char* formName(ProjectForm form) {
  switch (form) {
    case ProjectForm::Source: return "source";
    case ProjectForm::Glue: return "glue";
    case ProjectForm::Clean: return "clean";
  }
  return "source";
}

namespace {

host::Result<Project> sortProject(const std::vector<ProjectFile>& files, const ImportLimits& limits, bool& tooLarge) {
  if (files.empty()) return fail("no files: send the project folder's files (processor.h, processor.cpp, "
                                 "bindings.cpp, descriptor.json) or its built .wasm with descriptor.json");
  if (files.size() > limits.maxFiles) {
    tooLarge = true;
    return fail("the folder has " + std::to_string(files.size()) + " files; an import takes at most " +
                std::to_string(limits.maxFiles));
  }
  // Each role once: two processor.cpp in different subfolders would be a guess.
  std::map<std::string, const ProjectFile*> byRole;
  Project project;
  for (const ProjectFile& file : files) {
    auto base = baseName(file.name);
    if (!base) return fail(base.error());
    const std::string name = lower(base.value());
    if (isArchive(name, file.bytes)) {
      return fail(quoted(file.name) + " is an archive: send the project folder's files themselves (pick the folder)");
    }
    std::string role;
    if (name == "processor.h" || name == "processor.cpp" || name == "bindings.cpp" || name == "descriptor.json") {
      role = name;
    } else if (endsWith(name, ".wasm")) {
      role = ".wasm";
    } else if (endsWith(name, ".js") || endsWith(name, ".mjs")) {
      role = ".js";
    } else {
      project.ignored.push_back(file.name);
      continue;
    }
    if (const auto [it, added] = byRole.emplace(role, &file); !added) {
      return fail("two files of the same kind: " + quoted(it->second->name) + " and " + quoted(file.name) +
                  " (send one project)");
    }
  }
  const auto take = [&](const std::string& role) -> const ProjectFile* {
    const auto it = byRole.find(role);
    if (it == byRole.end()) return nullptr;
    project.used.push_back(it->second->name);
    return it->second;
  };
  const ProjectFile* descriptor = take("descriptor.json");
  if (descriptor == nullptr) return fail("descriptor.json is missing: it names the plugin and its parameters");
  if (descriptor->bytes.size() > limits.maxDescriptorBytes) {
    tooLarge = true;
    return fail(quoted(descriptor->name) + " is " + kib(descriptor->bytes.size()) + "; at most " +
                kib(limits.maxDescriptorBytes) + " are read");
  }
  if (!isUtf8Text(descriptor->bytes)) return fail(quoted(descriptor->name) + " is not UTF-8 text");
  auto parsed = host::vaist::parseVaistDescriptor(descriptor->bytes);
  if (!parsed) return fail(parsed.error());
  project.descriptor = descriptor->bytes;
  project.pluginName = parsed->name;

  if (byRole.contains("processor.cpp") || byRole.contains("processor.h")) {
    // The source wins over built output in the same folder: our build is the better plugin.
    project.form = ProjectForm::Source;
    const ProjectFile* header = take("processor.h");
    const ProjectFile* source = take("processor.cpp");
    const ProjectFile* bindings = take("bindings.cpp");
    if (header == nullptr || source == nullptr) {
      return fail(std::string(header == nullptr ? "processor.h" : "processor.cpp") +
                  " is missing: a vAIst source folder has processor.h, processor.cpp and descriptor.json");
    }
    size_t total = 0;
    for (const ProjectFile* file : {header, source, bindings}) {
      if (file == nullptr) continue;
      total += file->bytes.size();
      if (!isUtf8Text(file->bytes)) return fail(quoted(file->name) + " is not UTF-8 text (is it a source file?)");
    }
    if (total > limits.maxSourceBytes) {
      tooLarge = true;
      return fail("the sources are " + kib(total) + " together; at most " + kib(limits.maxSourceBytes) + " are compiled");
    }
    project.processorH = header->bytes;
    project.processorCpp = source->bytes;
    if (bindings != nullptr) project.bindingsCpp = bindings->bytes;
    for (const char* role : {".wasm", ".js"}) {
      if (const auto it = byRole.find(role); it != byRole.end()) project.ignored.push_back(it->second->name);
    }
    return project;
  }

  const ProjectFile* wasm = take(".wasm");
  if (wasm == nullptr) {
    return fail("nothing to import: send processor.h and processor.cpp (the source), or the built .wasm, with "
                "descriptor.json");
  }
  if (wasm->bytes.size() > limits.maxWasmBytes) {
    tooLarge = true;
    return fail(quoted(wasm->name) + " is " + std::to_string(wasm->bytes.size() >> 20) + " MiB; at most " +
                std::to_string(limits.maxWasmBytes >> 20) + " MiB are taken");
  }
  if (wasm->bytes.substr(0, 4) != std::string_view("\0asm", 4)) {
    return fail(quoted(wasm->name) + " is not a WebAssembly module (it does not start with \\0asm)");
  }
  project.wasm = wasm->bytes;
  project.form = ProjectForm::Clean;
  if (const ProjectFile* glue = take(".js")) {
    if (glue->bytes.size() > limits.maxGlueBytes) {
      tooLarge = true;
      return fail(quoted(glue->name) + " is " + kib(glue->bytes.size()) + "; at most " + kib(limits.maxGlueBytes) +
                  " of glue are read");
    }
    if (!isUtf8Text(glue->bytes)) return fail(quoted(glue->name) + " is not UTF-8 text (is it emscripten's glue?)");
    project.glue = glue->bytes;
    project.form = ProjectForm::Glue;
  }
  return project;
}

}  // namespace

ProjectRead readProject(const std::vector<ProjectFile>& files, const ImportLimits& limits) {
  ProjectRead read;
  auto project = sortProject(files, limits, read.tooLarge);
  if (project) {
    read.project = std::move(project.value());
  } else {
    read.problem = project.error();
  }
  return read;
}

}  // namespace wstudio::forge::vaist
