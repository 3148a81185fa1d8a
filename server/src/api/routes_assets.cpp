// /api/v1/assets: content-addressed uploads (audio, plugin .wasm, avatar images) and downloads
// with byte ranges. Uploads are judged by content: audio must decode completely within limits,
// images must be well-formed, a plugin must pass the conformance suite, and anything else is
// refused. A vAIst Forge plugin is uploaded with its glue and descriptor.json
// (/assets/vaist); its manifest, what a browser drives it by, is served beside the .wasm.

#include <charconv>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "api/vaist_plugin_store.hpp"
#include "auth/secrets.hpp"
#include "blob/content_sniff.hpp"
#include "plugins/plugin_catalog.hpp"
#include "upload/audio_check.hpp"
#include "upload/image_check.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::server::routes {

namespace {

// Audio must decode completely within the limits (upload/audio_check.hpp), images must be
// well-formed (upload/image_check.hpp): a damaged or hostile file is refused here rather than
// failing later in someone's session or browser.
void checkContent(std::string_view bytes, const std::string& kind) {
  try {
    if (isAudioKind(kind)) checkAudio(bytes, AudioLimits{});
    if (kind == "png" || kind == "jpeg") checkImage(bytes, kind);
  } catch (const AudioRejected& rejected) {
    throw ApiError(422, "invalid_audio", "the " + kind + " file cannot be used: " + rejected.what());
  } catch (const ImageRejected& rejected) {
    throw ApiError(422, "invalid_image", "the " + kind + " image cannot be used: " + rejected.what());
  }
}

struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive
};

// "bytes=a-b", "bytes=a-", "bytes=-n" (one range). None when absent; 416 when unsatisfiable.
std::optional<ByteRange> parseRange(std::string_view header, uint64_t size) {
  if (header.empty()) return std::nullopt;
  const auto unsatisfiable = [&] {
    return ApiError(416, "range_not_satisfiable",
                    "the Range header must name one range within the asset's " +
                        std::to_string(size) + " bytes");
  };
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) throw unsatisfiable();
  header.remove_prefix(kUnit.size());
  const size_t dash = header.find('-');
  if (dash == std::string_view::npos || header.find(',') != std::string_view::npos) {
    throw unsatisfiable();
  }
  const auto number = [&](std::string_view text, uint64_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
  };
  ByteRange range;
  const std::string_view a = header.substr(0, dash), b = header.substr(dash + 1);
  if (a.empty()) {
    uint64_t suffix = 0;
    if (!number(b, suffix) || suffix == 0 || size == 0) throw unsatisfiable();
    range.first = size - std::min(suffix, size);
    range.last = size - 1;
    return range;
  }
  if (!number(a, range.first) || range.first >= size) throw unsatisfiable();
  range.last = size - 1;
  if (!b.empty()) {
    if (!number(b, range.last) || range.last < range.first) throw unsatisfiable();
    range.last = std::min(range.last, size - 1);
  }
  return range;
}

}  // namespace

Response uploadAsset(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const std::string_view bytes = request.body;
  if (bytes.empty()) throw badRequest("the body is empty: send the file's bytes as the body");
  if (bytes.size() > context.settings.maxUploadBytes) {
    throw ApiError(413, "too_large", "assets are limited to " +
                                         std::to_string(context.settings.maxUploadBytes >> 20) +
                                         " MiB");
  }
  const auto kind = sniffKind(bytes);
  if (!kind) {
    throw ApiError(415, "unsupported_media_type",
                   "the file is not WAV, FLAC, MP3, Ogg, a WebAssembly plugin, PNG or JPEG "
                   "(judged by its content, not its name)");
  }
  std::shared_ptr<const host::PluginDescriptor> plugin;
  checkContent(bytes, *kind);
  if (*kind == "wasm") {
    auto validation = context.plugins.validate(bytes);
    if (!validation.descriptor) throw ApiError(422, "invalid_plugin", validation.problem);
    plugin = validation.descriptor;
  }
  const std::string sha = context.blobs.put(bytes);
  const bool isPublic = request.queryParam("public") == "true";
  const int64_t now = context.nowMs();
  context.store.addAsset(AssetRecord{sha, *kind, static_cast<int64_t>(bytes.size())}, who.userId,
                         isPublic, now);
  Json body{{"sha256", sha}, {"kind", *kind}, {"size", bytes.size()}, {"public", isPublic}};
  if (plugin) {
    context.store.addPlugin(sha, plugin->id, host::toJson(*plugin), now);
    context.plugins.remember(plugin);
    body["plugin"] = Json::parse(host::toJson(*plugin));
  }
  Response response = jsonResponse(201, body);
  response.setHeader("Location", "/api/v1/assets/" + sha);
  return response;
}

// A vAIst Forge build's glue is tens of kilobytes (28 KB for the fixtures' Warm Drive) and its
// descriptor.json a few: these bound what the server keeps of them far above any real build.
constexpr size_t kMaxGlueBytes = 8u << 20;
constexpr size_t kMaxDescriptorBytes = 1u << 20;

// Validated in the plugin sandbox, then stored (api/vaist_plugin_store.hpp).
StoredVaistPlugin storeVaistPlugin(ServerContext& context, const std::string& userId, const std::string& wasm,
                                   const std::string& glue, const std::string& descriptor, bool isPublic) {
  auto validation = context.plugins.validateVaist(wasm, glue, descriptor);
  if (!validation.descriptor) throw ApiError(422, "invalid_plugin", validation.problem);
  const std::shared_ptr<const host::PluginDescriptor> plugin = validation.descriptor;
  const std::string sha = host::sha256Hex(wasm);
  // What the server keeps of the build besides its .wasm, as a project file holds it; the
  // descriptor canonical (its key order and spacing are not the plugin's).
  Json files{{"descriptor", parseJsonText(descriptor, "descriptor")}};
  if (!glue.empty()) files["glue"] = glue;
  const std::string filesText = files.dump();
  const std::string filesSha = host::sha256Hex(filesText);
  const auto conflict = [] {
    return ApiError(409, "plugin_conflict",
                    "this .wasm was uploaded before with another descriptor.json or glue; its plugin stays as "
                    "it was first uploaded");
  };
  if (auto stored = context.store.pluginManifest(sha); stored && *stored != validation.manifest) throw conflict();
  if (auto stored = context.store.pluginVaistFiles(sha); stored && *stored != filesSha) throw conflict();
  context.blobs.put(wasm);
  context.blobs.put(filesText);
  const int64_t now = context.nowMs();
  context.store.addPlugin(sha, plugin->id, host::toJson(*plugin), now, validation.manifest, filesSha);
  // Two first uploads at once with different files: the one stored first is the plugin.
  if (context.store.pluginVaistFiles(sha) != filesSha) throw conflict();
  context.store.addAsset(AssetRecord{sha, "wasm", static_cast<int64_t>(wasm.size())}, userId, isPublic, now);
  context.plugins.remember(plugin);
  return {sha, plugin, validation.manifest, filesSha, validation.warnings};
}

// {"wasm": base64 of the .wasm, "glue": the emscripten .js (absent for a clean-named build),
// "descriptor": descriptor.json (the object, or its text)}. Stored like a .wasm upload (the asset
// is the .wasm's bytes) once the plugin passes the suite in the sandbox and a browser can drive
// it; the answer and GET /assets/{sha256}/manifest carry the manifest. The descriptor.json and
// glue are kept too, as one blob (a project file's plugins/<sha256>.vaist.json), served at
// GET /assets/{sha256}/vaist: with them the plugin can be written into a project file whole.
Response uploadVaistPlugin(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  const size_t limit = context.settings.maxUploadBytes;
  const std::string wasm = decodeBase64Field(requireString(body, "wasm", 1, limit / 3 * 4 + 4), "wasm");
  if (wasm.size() > limit) {
    throw ApiError(413, "too_large", "assets are limited to " + std::to_string(limit >> 20) + " MiB");
  }
  if (sniffKind(wasm) != std::optional<std::string>("wasm")) {
    throw ApiError(415, "unsupported_media_type", "wasm is not a WebAssembly module (it does not start with \\0asm)");
  }
  if (const auto it = body.find("glue"); it != body.end() && it->is_string() && it->get_ref<const std::string&>().size() > kMaxGlueBytes) {
    throw ApiError(413, "too_large", "glue is limited to " + std::to_string(kMaxGlueBytes >> 20) + " MiB");
  }
  const std::string glue = optionalString(body, "glue", kMaxGlueBytes).value_or("");
  if (!body.contains("descriptor") || !(body["descriptor"].is_object() || body["descriptor"].is_string())) {
    throw badRequest("descriptor must be the plugin's descriptor.json, as an object or its text", "descriptor");
  }
  const std::string descriptor =
      body["descriptor"].is_string() ? body["descriptor"].get<std::string>() : body["descriptor"].dump();
  if (descriptor.size() > kMaxDescriptorBytes) {
    throw ApiError(413, "too_large", "descriptor is limited to " + std::to_string(kMaxDescriptorBytes >> 20) + " MiB");
  }

  const bool isPublic = request.queryParam("public") == "true";
  const StoredVaistPlugin stored = storeVaistPlugin(context, who.userId, wasm, glue, descriptor, isPublic);
  Json answer{{"sha256", stored.sha256}, {"kind", "wasm"}, {"size", wasm.size()}, {"public", isPublic},
              {"plugin", Json::parse(host::toJson(*stored.plugin))}, {"manifest", Json::parse(stored.manifest)},
              {"warnings", stored.warnings}};
  const std::string& sha = stored.sha256;
  Response response = jsonResponse(201, answer);
  response.setHeader("Location", "/api/v1/assets/" + sha);
  return response;
}

// The descriptor.json and glue a vAIst Forge plugin was uploaded with, visible to whoever may
// download its .wasm.
Response pluginVaistFiles(ServerContext& context, const Request& request, const PathParams& params) {
  const auto who = authenticate(context, request);
  const std::string& sha = params[0];
  if (!isSha256Hex(sha)) throw badRequest("an asset is named by 64 lowercase hex digits", "sha256");
  if (!context.store.asset(sha) || !context.store.canReadAsset(sha, who ? who->userId : std::string())) {
    throw notFound("asset " + sha);
  }
  const auto filesSha = context.store.pluginVaistFiles(sha);
  if (!filesSha) {
    throw notFound("the vAIst Forge files of asset " + sha +
                   " (it is not a vAIst Forge plugin, or it was uploaded before the server kept them: upload it again)");
  }
  auto file = context.blobs.open(*filesSha);
  if (!file) throw std::runtime_error("the vAIst files of " + sha + " are indexed but their bytes are missing");
  Response response;
  response.contentType = "application/json";
  response.setHeader("Cache-Control", "private, no-cache");
  const uint64_t size = file->size();
  if (request.method == "HEAD") {
    response.setHeader("Content-Length", std::to_string(size));
  } else {
    response.fileBody = FileSlice{std::move(file), 0, size};
  }
  return response;
}

// The manifest of a vAIst Forge plugin, visible to whoever may download its .wasm.
Response pluginManifest(ServerContext& context, const Request& request, const PathParams& params) {
  const auto who = authenticate(context, request);
  const std::string& sha = params[0];
  if (!isSha256Hex(sha)) throw badRequest("an asset is named by 64 lowercase hex digits", "sha256");
  if (!context.store.asset(sha) || !context.store.canReadAsset(sha, who ? who->userId : std::string())) {
    throw notFound("asset " + sha);
  }
  auto manifest = context.store.pluginManifest(sha);
  if (!manifest) throw notFound("a vAIst manifest for asset " + sha + " (it is not a vAIst Forge plugin)");
  Response response = jsonResponse(200, Json::parse(*manifest));
  response.setHeader("Cache-Control", "private, no-cache");
  return response;
}

Response downloadAsset(ServerContext& context, const Request& request, const PathParams& params) {
  const auto who = authenticate(context, request);
  const std::string& sha = params[0];
  if (!isSha256Hex(sha)) throw badRequest("an asset is named by 64 lowercase hex digits", "sha256");
  const auto record = context.store.asset(sha);
  if (!record || !context.store.canReadAsset(sha, who ? who->userId : std::string())) {
    throw notFound("asset " + sha);
  }
  auto file = context.blobs.open(sha);
  if (!file) throw std::runtime_error("asset " + sha + " is indexed but its bytes are missing");
  const uint64_t size = file->size();
  Response response;
  response.contentType = mimeTypeOfKind(record->kind);
  response.setHeader("ETag", entityTag(sha));
  response.setHeader("Accept-Ranges", "bytes");
  response.setHeader("Cache-Control", "private, max-age=31536000, immutable");
  if (request.header("if-none-match") == entityTag(sha)) {
    response.status = 304;
    return response;
  }
  const auto range = parseRange(request.header("range"), size);
  const uint64_t first = range ? range->first : 0;
  const uint64_t count = range ? range->last - range->first + 1 : size;
  if (request.method == "HEAD") {
    response.setHeader("Content-Length", std::to_string(count));
  } else {
    response.fileBody = FileSlice{std::move(file), first, count};
  }
  if (range) {
    response.status = 206;
    response.setHeader("Content-Range", "bytes " + std::to_string(range->first) + "-" +
                                            std::to_string(range->last) + "/" +
                                            std::to_string(size));
  }
  return response;
}

}  // namespace wstudio::server::routes
