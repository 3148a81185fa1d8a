#include "render_project.hpp"

#include <iostream>

#include "wstudio/project/project_extract.hpp"

namespace vaist {

namespace project = wstudio::project;

std::optional<std::filesystem::path> sessionToRender(const std::filesystem::path& file,
                                                     project::PrivateFolder& folder) {
  if (!project::looksLikeProjectFile(file)) return file;
  try {
    const project::ExtractedProject extracted = project::extractProjectFile(file, folder.path());
    if (!extracted.errors.empty()) {
      std::cerr << "vaist render: " << file.string() << " is a project file with entries that cannot be used:\n";
      for (const auto& error : extracted.errors) std::cerr << "  " << error << "\n";
      return std::nullopt;
    }
    return folder.path() / "session.json";
  } catch (const project::ProjectFileError& error) {
    std::cerr << "vaist render: " << file.string() << " is refused as a project file: " << error.what() << "\n";
    return std::nullopt;
  } catch (const std::exception& error) {  // the temporary folder: no space, no permission
    std::cerr << "vaist render: cannot read the project file " << file.string() << ": " << error.what() << "\n";
    return std::nullopt;
  }
}

}  // namespace vaist
