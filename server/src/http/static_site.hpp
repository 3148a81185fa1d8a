// The web app's files: web/dist when it is built, else a page saying the studio is being built.
// Every non-API path that is not a file answers with the app's index.html, so client routes
// (/forge, /studio, /studio/:id, /gallery) work on reload.
#pragma once

#include <filesystem>
#include <optional>

#include "api/http_message.hpp"

namespace wstudio::server {

class StaticSite {
 public:
  // `root`: the built app (index.html inside), or empty / missing for the placeholder page.
  explicit StaticSite(std::filesystem::path root);
  Response serve(const Request& request) const;

 private:
  std::optional<std::filesystem::path> fileFor(std::string_view path) const;
  std::filesystem::path root_;  // canonical, empty when there is no built app
};

}  // namespace wstudio::server
