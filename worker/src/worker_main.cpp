// wstudio-plugin-worker: the program inside the plugin sandbox's jails (docs/sandbox.md).
//   wstudio-plugin-worker compile   translate and compile one module (compile jail)
//   wstudio-plugin-worker run       load one plugin and inspect or validate it (run jail)
// It confines itself before it reads a byte of its input, and talks only over stdin/stdout.
// Started by the host (jail/jail.hpp) inside bubblewrap; run by hand it does nothing useful.
#include <unistd.h>

#include <cstring>

#include "compile_job.hpp"
#include "jail/confinement.hpp"
#include "run_job.hpp"

int main(int argc, char** argv) {
  using wstudio::host::jail::Profile;
  if (argc != 2 || (std::strcmp(argv[1], "compile") != 0 && std::strcmp(argv[1], "run") != 0)) {
    static const char usage[] = "wstudio-plugin-worker: started by WASM Studio inside its plugin sandbox\n";
    (void)!::write(STDERR_FILENO, usage, sizeof usage - 1);
    return 2;
  }
  const bool compile = std::strcmp(argv[1], "compile") == 0;
  if (!wstudio::host::jail::confine(compile ? Profile::Compile : Profile::Run)) return 3;
  return compile ? wstudio::worker::compileJob(STDIN_FILENO, STDOUT_FILENO)
                 : wstudio::worker::runJob(STDIN_FILENO, STDOUT_FILENO);
}
