// The worker's `compile` mode: one module translated and compiled inside the compile jail.
#pragma once

namespace wstudio::worker {

// Reads a compile request from `in`, answers "compiled" or "error" on `out`; the process is
// already confined. Returns the exit status.
int compileJob(int in, int out);

}  // namespace wstudio::worker
