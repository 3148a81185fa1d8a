// What a jailed worker does to itself first thing, before it reads any untrusted input: resource
// limits and a seccomp filter (docs/sandbox.md, "Layers"). bubblewrap (jail.hpp) has already
// given it new namespaces and a file view of only the system's programs and libraries; this adds
// the kernel-call and resource layers, which nothing in the process can lift again.
//
//   Compile  the translator and the C compiler (which must start cc1, as and ld): every kernel
//            call but the dangerous ones (sockets, ptrace, mounts, namespaces, keyrings, BPF, ...);
//            address space, CPU time, file size and process count bounded.
//   Run      untrusted native code: an allowlist of the calls a single-threaded worker needs to
//            read its pipe, map memory, load a library from a memfd and write its answer; no
//            execve, fork, clone or sockets. Memory is bounded by RLIMIT_DATA, not RLIMIT_AS,
//            because every wasm memory is an 8 GiB PROT_NONE reservation (guard pages).
// A refused call fails with EPERM (a probe can see it fail); it never reaches the kernel.
#pragma once

#include <cstdint>

#include "wstudio/host/result.hpp"

namespace wstudio::host::jail {

enum class Profile { Compile, Run };

struct ConfinementLimits {
  uint64_t memoryBytes;    // Compile: RLIMIT_AS per process; Run: RLIMIT_DATA
  uint64_t cpuSeconds;     // RLIMIT_CPU (SIGXCPU, then SIGKILL)
  uint64_t fileSizeBytes;  // RLIMIT_FSIZE: the largest file it may write (in its private /tmp)
  uint64_t openFiles;      // RLIMIT_NOFILE
};

// The limits each profile gets (docs/sandbox.md lists them).
ConfinementLimits limitsFor(Profile profile);

// Applies no_new_privs, the profile's rlimits and its seccomp filter to the calling process (and
// whatever it starts). Irreversible. Error if the kernel refuses any part: the caller must then
// exit without touching its input.
Status confine(Profile profile);

}  // namespace wstudio::host::jail
