#include <string>

#include "text_format.hpp"
#include "validator.hpp"
#include "wstudio/session/ids.hpp"
#include "wstudio/session/limits.hpp"

namespace wstudio::session::detail {

void Validator::checkChain(const std::vector<Insert>& chain, const LazyPath& path) {
  if (!checkCount(path, chain.size(), limits::kMaxInsertsPerChain)) return;
  for (std::size_t i = 0; i < chain.size(); ++i) checkInsert(chain[i], path.index(i));
}

void Validator::checkInsert(const Insert& insert, const LazyPath& path) {
  checkId(path.field("id"), insert.id);

  const LazyPath pluginPath = path.field("plugin");
  if (!isValidPluginId(insert.plugin.id)) {
    fail(pluginPath.field("id"), "must be 1 to " +
                                          std::to_string(limits::kMaxPluginIdLength) +
                                          " characters of [a-z0-9._-]");
  }
  if (insert.plugin.sha256) checkSha256(pluginPath.field("sha256"), *insert.plugin.sha256);
  checkEnum(pluginPath.field("format"), insert.plugin.format);

  const LazyPath paramsPath = path.field("params");
  if (checkCount(paramsPath, insert.params.size(), limits::kMaxParamsPerInsert)) {
    for (const auto& [id, value] : insert.params) {
      checkRange(paramsPath.numberKey(id), value, -limits::kMaxParamMagnitude,
                 limits::kMaxParamMagnitude);
    }
  }
  if (insert.state.size() > limits::kMaxStateBytes) {
    fail(path.field("state"),
         "more than " + std::to_string(limits::kMaxStateBytes) + " bytes");
  }
}

}  // namespace wstudio::session::detail
