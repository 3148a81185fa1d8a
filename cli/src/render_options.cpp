#include "render_options.hpp"

#include <charconv>
#include <iostream>
#include <string_view>
#include <vector>

#include "wsp/wsp_plugin.h"

namespace vaist {
namespace {

using wstudio::media::FileFormat;
using wstudio::media::SampleFormat;

std::optional<double> parseNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "16" (beats) or "7.5s" (seconds); empty text is "not given".
std::optional<std::optional<TimelinePoint>> parsePoint(std::string_view text) {
  if (text.empty()) return std::optional<TimelinePoint>{};
  TimelinePoint point;
  if (text.back() == 's') {
    point.seconds = true;
    text.remove_suffix(1);
  }
  const auto value = parseNumber(text);
  if (!value || *value < 0) return std::nullopt;
  point.value = *value;
  return std::optional<TimelinePoint>{point};
}

std::optional<FileFormat> formatNamed(std::string_view name) {
  if (name == "wav") return FileFormat::wav;
  if (name == "flac") return FileFormat::flac;
  if (name == "mp3") return FileFormat::mp3;
  return std::nullopt;
}

std::optional<SampleFormat> bitsNamed(std::string_view name) {
  if (name == "16") return SampleFormat::pcm16;
  if (name == "24") return SampleFormat::pcm24;
  if (name == "32f") return SampleFormat::float32;
  return std::nullopt;
}

bool usageError(const std::string& message) {
  std::cerr << "vaist render: " << message << "\n";
  return false;
}

}  // namespace

void printRenderUsage(std::ostream& out) {
  out << "Usage: vaist render SESSION.json|PROJECT.wstudio.zip -o OUTPUT [options]\n"
         "  Renders a session offline through the engine and its plugins, and prints the\n"
         "  integrated loudness (LUFS) and true peak (dBTP) of every file written.\n"
         "  A project file (docs/project-file.md: the session, its audio and its plugins in one\n"
         "  zip, as the studio downloads it) is checked and read into a private temporary folder\n"
         "  and rendered from there; one with an entry that fails its checks is refused.\n"
         "Options:\n"
         "  -o, --output FILE      the stereo mix\n"
         "  --stems DIR            also every track after its fader, as DIR/NN-<track id>.<ext>\n"
         "  --format wav|flac|mp3  default: from OUTPUT's extension, else wav\n"
         "  --bits 16|24|32f       WAV and FLAC sample format (16 is dithered; 32f WAV only);\n"
         "                         default 24\n"
         "  --rate HZ              the engine's and the files' sample rate; default: the\n"
         "                         session's sampleRate (MP3: 32000, 44100 or 48000)\n"
         "  --range START:END      timeline range in beats, or seconds with an 's' suffix\n"
         "                         (8:24, 0s:30s, 16:); default: 0 to the end of the last clip\n"
         "                         plus 2 s for reverb and delay tails\n"
         "  --block N              frames per engine block, 1 to 4096; default 512. Automation\n"
         "                         is evaluated per block: --block 128 renders in the blocks\n"
         "                         the browser's engine renders (128-frame quanta)\n"
         "  --plugins DIR          look for plugin .wasm files here first (repeatable)\n"
         "A plugin that is not a factory plugin and is named with its sha256 is taken first from\n"
         "the session folder's (or the project's) plugins/<sha256>.wasm, checked against it.\n"
         "Others are found as DIR/<name>.wasm for an id studio.wasm.<name>, else DIR/<id>.wasm,\n"
         "in the --plugins folders, then $WSTUDIO_PLUGIN_PATH (':'-separated), then\n"
         "<vaist's folder>/../share/wasm-studio/plugins (the factory plugins of a build or an\n"
         "installation), then /usr/share/wasm-studio/plugins; a plugin found nowhere is an error\n"
         "that lists every file looked for. Nothing is written unless the whole render succeeds.\n";
}

std::optional<RenderOptions> parseRenderOptions(std::span<const std::string> args) {
  RenderOptions options;
  std::optional<FileFormat> format;
  std::optional<SampleFormat> bits;
  bool ok = true;
  for (std::size_t i = 0; i < args.size() && ok; ++i) {
    const std::string& arg = args[i];
    const bool takesValue = arg == "-o" || arg == "--output" || arg == "--stems" ||
                            arg == "--format" || arg == "--bits" || arg == "--rate" ||
                            arg == "--range" || arg == "--plugins" || arg == "--block";
    if (takesValue && i + 1 == args.size()) {
      ok = usageError(arg + " needs a value");
      break;
    }
    if (arg == "-o" || arg == "--output") {
      options.output = args[++i];
    } else if (arg == "--stems") {
      options.stemsFolder = args[++i];
    } else if (arg == "--plugins") {
      options.pluginFolders.emplace_back(args[++i]);
    } else if (arg == "--format") {
      format = formatNamed(args[++i]);
      if (!format) ok = usageError("--format must be wav, flac or mp3 (got '" + args[i] + "')");
    } else if (arg == "--bits") {
      bits = bitsNamed(args[++i]);
      if (!bits) ok = usageError("--bits must be 16, 24 or 32f (got '" + args[i] + "')");
    } else if (arg == "--rate") {
      const auto rate = parseNumber(args[++i]);
      if (!rate || *rate != static_cast<int>(*rate) || *rate < 8000 || *rate > 384000) {
        ok = usageError("--rate must be a whole number of Hz from 8000 to 384000 (got '" + args[i] +
                        "')");
      } else {
        options.sampleRate = static_cast<int>(*rate);
      }
    } else if (arg == "--block") {
      const auto block = parseNumber(args[++i]);
      if (!block || *block != static_cast<uint32_t>(*block) || *block < 1 ||
          *block > WSP_MAX_BLOCK_FRAMES) {
        ok = usageError("--block must be a whole number of frames from 1 to " +
                        std::to_string(WSP_MAX_BLOCK_FRAMES) + " (got '" + args[i] + "')");
      } else {
        options.blockFrames = static_cast<uint32_t>(*block);
      }
    } else if (arg == "--range") {
      const std::string_view range = args[++i];
      const auto colon = range.find(':');
      const auto start =
          colon == std::string_view::npos ? std::nullopt : parsePoint(range.substr(0, colon));
      const auto end =
          colon == std::string_view::npos ? std::nullopt : parsePoint(range.substr(colon + 1));
      if (!start || !end) {
        ok = usageError(
            "--range must be START:END in beats or seconds ('8:24', '0s:30s', '16:'), got '" +
            args[i] + "'");
      } else {
        options.start = *start;
        options.end = *end;
      }
    } else if (arg.starts_with("-")) {
      ok = usageError("unknown option '" + arg + "'");
    } else if (options.session.empty()) {
      options.session = arg;
    } else {
      ok =
          usageError("one SESSION only (got '" + options.session.string() + "' and '" + arg + "')");
    }
  }
  if (ok && options.session.empty()) ok = usageError("missing SESSION.json");
  if (ok && options.output.empty()) ok = usageError("missing -o OUTPUT (the mix file to write)");
  if (ok) {
    const std::string extension = options.output.extension().string();
    const auto fromExtension = extension.empty() ? std::nullopt : formatNamed(extension.substr(1));
    options.encoding.format = format.value_or(fromExtension.value_or(FileFormat::wav));
    if (options.encoding.format == FileFormat::mp3 && bits) {
      ok = usageError(
          "--bits does not apply to MP3 (it is coded from float samples, VBR ~190 kbit/s)");
    } else if (options.encoding.format == FileFormat::flac && bits == SampleFormat::float32) {
      ok = usageError(
          "FLAC holds 16 or 24-bit samples: use --bits 16 or 24, or --format wav for 32f");
    }
    options.encoding.sampleFormat = bits.value_or(SampleFormat::pcm24);
  }
  if (!ok) {
    printRenderUsage(std::cerr);
    return std::nullopt;
  }
  return options;
}

}  // namespace vaist
