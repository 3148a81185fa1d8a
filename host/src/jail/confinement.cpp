#include "jail/confinement.hpp"

#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <string>

namespace wstudio::host::jail {

namespace {

// Calls no jailed process may make. The Compile profile refuses these and allows the rest (a C
// compiler's needs are broad and change with the toolchain); the Run profile allows only its list.
constexpr std::initializer_list<int> kAlwaysRefused = {
    SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect), SCMP_SYS(bind), SCMP_SYS(listen),
    SCMP_SYS(accept), SCMP_SYS(accept4), SCMP_SYS(sendto), SCMP_SYS(sendmsg), SCMP_SYS(recvfrom),
    SCMP_SYS(recvmsg), SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
    SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root), SCMP_SYS(chroot), SCMP_SYS(unshare),
    SCMP_SYS(setns), SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key), SCMP_SYS(bpf),
    SCMP_SYS(perf_event_open), SCMP_SYS(userfaultfd), SCMP_SYS(kexec_load),
    SCMP_SYS(kexec_file_load), SCMP_SYS(init_module), SCMP_SYS(finit_module),
    SCMP_SYS(delete_module), SCMP_SYS(reboot), SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(acct),
    SCMP_SYS(open_by_handle_at), SCMP_SYS(name_to_handle_at), SCMP_SYS(io_uring_setup),
    SCMP_SYS(io_uring_enter), SCMP_SYS(io_uring_register), SCMP_SYS(personality),
    SCMP_SYS(fanotify_init), SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(setreuid),
    SCMP_SYS(setregid), SCMP_SYS(setresuid), SCMP_SYS(setresgid), SCMP_SYS(setgroups),
    SCMP_SYS(settimeofday), SCMP_SYS(clock_settime), SCMP_SYS(adjtimex), SCMP_SYS(sethostname),
    SCMP_SYS(setdomainname), SCMP_SYS(quotactl), SCMP_SYS(lookup_dcookie), SCMP_SYS(vhangup),
    SCMP_SYS(syslog), SCMP_SYS(move_pages), SCMP_SYS(mbind), SCMP_SYS(migrate_pages)};

// What a confined Run worker needs after it has started: its pipe, memory, a memfd to dlopen a
// library from, its private /tmp, signals for trap recovery (SIGSEGV on guard pages), clocks.
constexpr std::initializer_list<int> kRunAllowed = {
    SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev), SCMP_SYS(pread64),
    SCMP_SYS(pwrite64), SCMP_SYS(lseek), SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
    SCMP_SYS(statx), SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(openat), SCMP_SYS(open),
    SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename),
    SCMP_SYS(renameat), SCMP_SYS(getdents64), SCMP_SYS(readlink), SCMP_SYS(readlinkat),
    SCMP_SYS(access), SCMP_SYS(faccessat), SCMP_SYS(faccessat2), SCMP_SYS(getcwd),
    SCMP_SYS(fcntl), SCMP_SYS(dup), SCMP_SYS(dup2), SCMP_SYS(dup3), SCMP_SYS(ftruncate),
    SCMP_SYS(memfd_create), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mprotect),
    SCMP_SYS(mremap), SCMP_SYS(madvise), SCMP_SYS(brk), SCMP_SYS(futex), SCMP_SYS(poll),
    SCMP_SYS(ppoll), SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
    SCMP_SYS(sigaltstack), SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(tgkill),
    SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
    SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(clock_nanosleep),
    SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(getrandom), SCMP_SYS(sched_yield),
    SCMP_SYS(sched_getaffinity), SCMP_SYS(getrlimit), SCMP_SYS(prlimit64), SCMP_SYS(getrusage),
    SCMP_SYS(uname), SCMP_SYS(sysinfo), SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
    SCMP_SYS(set_tid_address), SCMP_SYS(exit), SCMP_SYS(exit_group)};

Status setLimit(int resource, uint64_t value, const char* name) {
  const rlimit limit{value, value};
  if (setrlimit(resource, &limit) != 0) {
    return fail(std::string("cannot set ") + name + ": " + std::strerror(errno));
  }
  return Ok{};
}

Status loadFilter(Profile profile) {
  const bool run = profile == Profile::Run;
  scmp_filter_ctx filter = seccomp_init(run ? SCMP_ACT_ERRNO(EPERM) : SCMP_ACT_ALLOW);
  if (filter == nullptr) return fail("cannot create a seccomp filter");
  int error = 0;
  if (run) {
    for (int call : kRunAllowed) error = error ? error : seccomp_rule_add(filter, SCMP_ACT_ALLOW, call, 0);
    // isatty() and nothing else of ioctl: no terminal injection (TIOCSTI), no device control.
    if (!error) {
      error = seccomp_rule_add(filter, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
                               SCMP_A1(SCMP_CMP_EQ, static_cast<scmp_datum_t>(TCGETS)));
    }
  } else {
    for (int call : kAlwaysRefused) {
      error = error ? error : seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), call, 0);
    }
    if (!error) {
      error = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                               SCMP_A1(SCMP_CMP_EQ, static_cast<scmp_datum_t>(TIOCSTI)));
    }
  }
  if (!error) error = seccomp_load(filter);
  seccomp_release(filter);
  if (error) return fail(std::string("cannot load the seccomp filter: ") + std::strerror(-error));
  return Ok{};
}

}  // namespace

ConfinementLimits limitsFor(Profile profile) {
  constexpr uint64_t MiB = uint64_t{1} << 20;
  if (profile == Profile::Compile) return {3072 * MiB, 120, 256 * MiB, 256};
  return {2048 * MiB, 600, 256 * MiB, 64};
}

Status confine(Profile profile) {
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return fail(std::string("cannot set no_new_privs: ") + std::strerror(errno));
  }
  const ConfinementLimits limits = limitsFor(profile);
  const int memory = profile == Profile::Compile ? RLIMIT_AS : RLIMIT_DATA;
  for (const Status& s : {setLimit(memory, limits.memoryBytes, "the memory limit"),
                          setLimit(RLIMIT_CPU, limits.cpuSeconds, "the CPU time limit"),
                          setLimit(RLIMIT_FSIZE, limits.fileSizeBytes, "the file size limit"),
                          setLimit(RLIMIT_NOFILE, limits.openFiles, "the open file limit"),
                          setLimit(RLIMIT_CORE, 0, "the core file limit")}) {
    if (!s) return s;
  }
  return loadFilter(profile);
}

}  // namespace wstudio::host::jail
