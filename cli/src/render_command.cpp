#include "render_command.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <vector>

#include "command.hpp"
#include "plugin_library.hpp"
#include "progress_bar.hpp"
#include "render_options.hpp"
#include "render_outputs.hpp"
#include "render_range.hpp"
#include "render_project.hpp"
#include "render_report.hpp"
#include "session_sources.hpp"
#include "wstudio/engine/graph_builder.hpp"
#include "wstudio/factory/plugin_folders.hpp"
#include "wstudio/engine/offline_renderer.hpp"
#include "wstudio/media/media_error.hpp"
#include "wstudio/session/json_io.hpp"

namespace vaist {
namespace {

namespace engine = wstudio::engine;
namespace media = wstudio::media;
namespace session = wstudio::session;

constexpr const char* kPrefix = "vaist render: ";

// `shownAs`: the file the user named (a project file's session is in a temporary folder).
std::optional<session::Session> loadSession(const std::filesystem::path& file, const std::string& shownAs) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << kPrefix << "cannot read " << shownAs << ": no such file or not readable\n";
    return std::nullopt;
  }
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  auto loaded = session::load(text);
  if (!loaded.ok()) {
    std::cerr << kPrefix << shownAs << " is not a valid session:\n";
    for (const auto& error : loaded.errors) std::cerr << "  " << error.toString() << "\n";
  }
  return std::move(loaded.session);
}

// Prints the problems under a heading; true when there were any.
bool reportAll(const std::string& what, const std::vector<std::string>& problems) {
  if (problems.empty()) return false;
  std::cerr << kPrefix << what << ":\n";
  for (const auto& problem : problems) std::cerr << "  " << problem << "\n";
  return true;
}

int render(const RenderOptions& options) {
  wstudio::project::PrivateFolder projectFolder;  // a project file's contents, removed at the end
  const auto sessionFile = sessionToRender(options.session, projectFolder);
  if (!sessionFile) return kExitUsage;
  const std::filesystem::path sessionFolder = std::filesystem::absolute(*sessionFile).parent_path();
  const auto loaded = loadSession(*sessionFile, *sessionFile == options.session
                                                    ? options.session.string()
                                                    : options.session.string() + " (its session.json)");
  if (!loaded) return kExitUsage;
  const session::Session& s = *loaded;
  const int rate = options.sampleRate.value_or(s.sampleRate);

  std::string problem;
  const auto range = renderRange(s, options, rate, problem);
  if (!range) {
    std::cerr << kPrefix << problem << "\n";
    return kExitUsage;
  }

  PluginLibrary library(wstudio::factory::pluginFolders(options.pluginFolders), sessionFolder);
  if (reportAll("plugins the session uses cannot be loaded", resolveSessionPlugins(s, library)))
    return kExitUsage;

  SessionSources sources(s, sessionFolder, rate);
  if (reportAll("audio sources cannot be read", sources.errors())) return kExitUsage;

  StemsFolder stemsFolder(options.stemsFolder);
  RenderOutputs outputs(options.encoding, rate);
  engine::OfflineRenderRequest request;
  request.startFrame = range->start;
  request.endFrame = range->end;
  try {
    outputs.add(options.output);
    if (options.stemsFolder) {
      for (std::size_t t = 0; t < s.tracks.size(); ++t) {
        outputs.add(stemFile(*options.stemsFolder, t, s.tracks.size(), s.tracks[t].id,
                             options.encoding.format));
        request.stemTracks.push_back(s.tracks[t].id);
      }
    }
  } catch (const media::MediaError& error) {
    std::cerr << kPrefix << error.what() << "\n";
    return kExitUsage;
  }

  engine::PluginProvider provider(library, engine::EngineFormat{static_cast<double>(rate), options.blockFrames});
  engine::GraphBuilder builder(provider, sources);
  engine::BuildResult built = builder.build(s);
  if (reportAll("the session cannot be rendered as it is", built.warnings)) return kExitUsage;

  ProgressBar progress(std::cerr, "rendering", ProgressBar::styleForStderr());
  request.progress = [&progress](double fraction) {
    progress.update(fraction);
    return true;
  };
  const engine::OfflineRender rendered = engine::renderOffline(std::move(built.graph), request);
  progress.finish(true);
  std::vector<std::string> faults;
  for (const auto& fault : rendered.faults) faults.push_back(faultLine(fault));
  if (reportAll("plugins failed during the render, nothing was written", faults))
    return kExitFailed;

  std::vector<const engine::StereoBuffer*> audio{&rendered.master};
  for (const auto& stem : rendered.stems) audio.push_back(&stem);
  std::vector<media::Loudness> loudness;
  try {
    loudness = outputs.writeAndCommit(audio);
  } catch (const media::MediaError& error) {
    std::cerr << kPrefix << error.what() << "\n";
    return kExitFailed;
  }
  stemsFolder.keep();
  for (std::size_t i = 0; i < loudness.size(); ++i) {
    std::cout << loudnessLine(outputs.files()[i], loudness[i], options.encoding, rate,
                              audio[i]->left.size())
              << "\n";
  }
  return kExitOk;
}

}  // namespace

int runRenderCommand(std::span<const std::string> args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    printRenderUsage(std::cout);
    return kExitOk;
  }
  const auto options = parseRenderOptions(args);
  return options ? render(*options) : kExitUsage;
}

}  // namespace vaist
