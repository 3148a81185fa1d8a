// Points the host at the build's plugin sandbox worker before main() runs (see CMakeLists.txt).
#include <cstdlib>

namespace {

const int kWorkerLocated = ::setenv("WSTUDIO_PLUGIN_WORKER", WSTUDIO_TEST_PLUGIN_WORKER, 0);

}  // namespace
