// `vaist render` of a project file (docs/project-file.md): the archive is read with the PF rules
// into a private temporary folder, which is then rendered as a session folder.
#pragma once

#include <filesystem>
#include <optional>

#include "wstudio/project/private_folder.hpp"

namespace vaist {

// The session.json to render: `file` itself when it is a session, else the session of the
// project file `file` extracted into `folder`. Null after printing why the project cannot be
// rendered (refused, or an entry left out: a render needs all of it).
std::optional<std::filesystem::path> sessionToRender(const std::filesystem::path& file,
                                                     wstudio::project::PrivateFolder& folder);

}  // namespace vaist
