// Points the service at the build's jailed compiler program before main() runs (the test
// program lives elsewhere in the build tree than `vaist`, where it is looked for).
#include <cstdlib>

namespace {

const int kCompilerLocated = ::setenv("WSTUDIO_FORGE_COMPILER", WSTUDIO_TEST_FORGE_COMPILER, 0);

}  // namespace
