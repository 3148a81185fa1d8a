// The worker's `run` mode: one plugin job (inspect or validate) inside the run jail.
#pragma once

namespace wstudio::worker {

// Reads the job from `in`, answers on `out`; the process is already confined. Returns the exit
// status.
int runJob(int in, int out);

}  // namespace wstudio::worker
