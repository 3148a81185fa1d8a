// A studio session document as the API receives it: validated by the session model's own loader
// (the same code `vaist render` and the engine use), stored in its canonical saved form.
#pragma once

#include <string>
#include <vector>

#include "api/json_body.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::server {

struct SessionDocument {
  std::string canonical;                // session::save() of the loaded model
  std::vector<std::string> assetRefs;   // sha256 of every clip source and plugin binary
};

// Throws a 422 whose message lists the loader's problems (each with its JSON path) and whose
// field is the first problem's path under "document".
SessionDocument readSessionDocument(const Json& document);
// The stored form of a session already in the model (one that operations edited).
SessionDocument documentOf(const session::Session& session);

}  // namespace wstudio::server
