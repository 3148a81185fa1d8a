// docs/api/openapi.yaml and the server's route table describe the same API: every route is
// documented, and every documented operation (except the WebSocket upgrade, handled before
// routing) is served.
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
  for (const char* probe : {"/api/v1/health", "/api/v1/metrics", "/api/v1/auth/me",
                            "/api/v1/users/u", "/api/v1/tokens", "/api/v1/tokens/t",
                            "/api/v1/sessions", "/api/v1/sessions/s", "/api/v1/sessions/s/shares",
                            "/api/v1/sessions/s/shares/u", "/api/v1/presets",
                            "/api/v1/presets/p", "/api/v1/presets/p/factory",
                            "/api/v1/presets/p/x", "/api/v1/assets", "/api/v1/assets/a"}) {
    const auto pattern = contract.pathTemplate(probe);
    ASSERT_TRUE(pattern) << probe;
    for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
      if (!contract.documents(*pattern, method)) continue;
      EXPECT_NE(matchRoute(method, probe).route, nullptr) << method << " " << probe;
    }
  }
}

}  // namespace
}  // namespace wstudio::server::test
