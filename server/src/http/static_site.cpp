#include "http/static_site.hpp"

#include <fstream>
#include <sstream>

#include "api/api_error.hpp"

namespace wstudio::server {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPlaceholder = R"html(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>WASM Studio</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>WASM Studio</h1>
<p>The studio's web app is being built. The server is running: its API is at
<a href="/api/v1/health">/api/v1/health</a> and described in docs/api/openapi.yaml.</p>
</main>
</body>
</html>
)html";

const char* mimeType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".wav") return "audio/wav";
  return "application/octet-stream";
}

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

StaticSite::StaticSite(fs::path root) {
  std::error_code error;
  if (!root.empty() && fs::is_regular_file(root / "index.html", error)) {
    root_ = fs::canonical(root, error);
  }
}

std::optional<fs::path> StaticSite::fileFor(std::string_view path) const {
  if (root_.empty() || path.empty() || path.front() != '/') return std::nullopt;
  // Refuse anything that could climb out of the root before touching the filesystem.
  if (path.find("..") != std::string_view::npos || path.find('\0') != std::string_view::npos ||
      path.find('\\') != std::string_view::npos) {
    return std::nullopt;
  }
  std::error_code error;
  const fs::path file = fs::weakly_canonical(root_ / fs::path(path.substr(1)), error);
  if (error) return std::nullopt;
  const auto [rootEnd, unused] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (rootEnd != root_.end() || !fs::is_regular_file(file, error)) return std::nullopt;
  return file;
}

Response StaticSite::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    return errorResponse(405, "method_not_allowed", "only GET and HEAD are served here");
  }
  Response response;
  if (root_.empty()) {
    response.contentType = "text/html; charset=utf-8";
    response.body = kPlaceholder;
    response.setHeader("Cache-Control", "no-cache");
    return response;
  }
  const auto file = fileFor(request.path);
  const fs::path chosen = file ? *file : root_ / "index.html";
  response.contentType = mimeType(chosen);
  response.body = readFile(chosen);
  // Vite puts content-hashed files under /assets/: cache them for good; everything else
  // (index.html above all) is revalidated so a new build shows at once.
  const bool hashed = file && request.path.rfind("/assets/", 0) == 0;
  response.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace wstudio::server
