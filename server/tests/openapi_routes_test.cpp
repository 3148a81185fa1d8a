// docs/api/openapi.yaml and the server's route table describe the same API: every route is
// documented, and every documented operation is served by the route of its pattern.
#include <gtest/gtest.h>

#include "api/router.hpp"
#include "openapi_contract.hpp"

namespace wstudio::server::test {
namespace {

TEST(OpenApi, EveryRouteIsDocumented) {
  const auto& contract = OpenApiContract::instance();
  for (const Route& route : apiRoutes()) {
    const std::string pattern = std::string(route.pattern).substr(7);  // without "/api/v1"
    EXPECT_TRUE(contract.documents(pattern, route.method)) << route.method << " " << route.pattern;
  }
}

TEST(OpenApi, EveryDocumentedOperationIsRouted) {
  const auto& contract = OpenApiContract::instance();
  // Every documented path, each parameter filled in, is served by the route of that pattern.
  for (const std::string& pattern : contract.pathTemplates()) {
    std::string probe = "/api/v1";
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] != '{') {
        probe += pattern[i];
        continue;
      }
      probe += 'x';
      i = pattern.find('}', i);
    }
    for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
      if (!contract.documents(pattern, method)) continue;
      const Route* route = matchRoute(method, probe).route;
      ASSERT_NE(route, nullptr) << method << " " << probe;
      EXPECT_EQ(route->pattern, "/api/v1" + pattern) << method << " " << probe;
    }
  }
}

}  // namespace
}  // namespace wstudio::server::test
