#include <string>

#include "text_format.hpp"
#include "validator.hpp"
#include "wstudio/session/ids.hpp"
#include "wstudio/session/limits.hpp"

namespace wstudio::session::detail {

void Validator::checkChain(const std::vector<Insert>& chain, const std::string& path) {
  if (!checkCount(path, chain.size(), limits::kMaxInsertsPerChain)) return;
  for (std::size_t i = 0; i < chain.size(); ++i) checkInsert(chain[i], indexPath(path, i));
}

void Validator::checkInsert(const Insert& insert, const std::string& path) {
  checkId(fieldPath(path, "id"), insert.id);

  const std::string pluginPath = fieldPath(path, "plugin");
  if (!isValidPluginId(insert.plugin.id)) {
    fail(fieldPath(pluginPath, "id"), "must be 1 to " +
                                          std::to_string(limits::kMaxPluginIdLength) +
                                          " characters of [a-z0-9._-]");
  }
  if (insert.plugin.sha256) checkSha256(fieldPath(pluginPath, "sha256"), *insert.plugin.sha256);
  checkEnum(fieldPath(pluginPath, "format"), insert.plugin.format);

  const std::string paramsPath = fieldPath(path, "params");
  if (checkCount(paramsPath, insert.params.size(), limits::kMaxParamsPerInsert)) {
    for (const auto& [id, value] : insert.params) {
      checkRange(keyPath(paramsPath, std::to_string(id)), value, -limits::kMaxParamMagnitude,
                 limits::kMaxParamMagnitude);
    }
  }
  if (insert.state.size() > limits::kMaxStateBytes) {
    fail(fieldPath(path, "state"),
         "more than " + std::to_string(limits::kMaxStateBytes) + " bytes");
  }
}

}  // namespace wstudio::session::detail
