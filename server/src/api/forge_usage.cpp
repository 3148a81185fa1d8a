#include "api/forge_usage.hpp"

#include <ctime>

namespace wstudio::server {

std::string forgeMonth(int64_t unixMs) {
  const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m", &utc);
  return text;
}

Json forgeUsageJson(ServerContext& context, const std::string& userId) {
  const std::string month = forgeMonth(context.nowMs());
  const int64_t builds = context.store.forgeBuildCount(userId, month);
  const int64_t limit = context.settings.forgeMonthlyBuilds;
  const bool unlimited = limit == ServerSettings::kUnlimitedForgeBuilds;
  return Json{{"month", month},
              {"builds", builds},
              {"limit", unlimited ? Json(nullptr) : Json(limit)},
              {"remaining", unlimited ? Json(nullptr) : Json(std::max<int64_t>(0, limit - builds))}};
}

std::function<std::string()> forgeBuildAdmission(ServerContext& context, const std::string& userId) {
  return [&context, userId]() -> std::string {
    const std::string month = forgeMonth(context.nowMs());
    const int64_t limit = context.settings.forgeMonthlyBuilds;
    if (context.store.countForgeBuild(userId, month, limit)) return {};
    return "you have used all " + std::to_string(limit) + " builds of " + month +
           " this server allows; builds answered from the cache still work, and the count starts again next month";
  };
}

}  // namespace wstudio::server
