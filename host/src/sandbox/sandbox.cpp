// CompiledModule and Instance: loading a cached .so and running its instances.
#include "sandbox/sandbox.hpp"

#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mutex>

#include "sandbox/guard_pages.hpp"
#include "sandbox/import_bindings.hpp"
#include "sandbox/module_cache.hpp"

namespace wstudio::host::sandbox {

namespace {

// dlopen and the module's one-time initialisation (function type registration) run under this
// lock; calls into instances never take it.
std::mutex& loaderMutex() {
  static std::mutex mutex;
  return mutex;
}

// Loads exactly these bytes: a memfd holding them, opened through /proc. Returns the handle and
// the memfd, or an error.
Result<std::pair<void*, int>> loadLibraryBytes(const std::string& bytes) {
  const int fd = ::memfd_create("wsx-module", MFD_CLOEXEC);
  if (fd < 0) return fail("cannot load the compiled module: no memfd");
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return fail("cannot load the compiled module: writing its memfd failed");
    }
    done += static_cast<size_t>(n);
  }
  const std::string name = "/proc/self/fd/" + std::to_string(fd);
  void* library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    ::close(fd);
    return fail("cannot load the compiled module: it is not a library this host can load");
  }
  return std::pair{library, fd};
}

}  // namespace

const char* trapDescription(int code) {
  switch (code) {
    case WSX_OK: return "no trap";
    case WSX_TRAP_OOB: return "out of bounds memory access";
    case WSX_TRAP_INT_OVERFLOW: return "integer overflow";
    case WSX_TRAP_DIV_BY_ZERO: return "integer divide by zero";
    case WSX_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case WSX_TRAP_UNREACHABLE: return "unreachable executed";
    case WSX_TRAP_CALL_INDIRECT: return "invalid indirect call";
    case WSX_TRAP_UNCAUGHT_EXCEPTION: return "uncaught exception";
    case WSX_TRAP_EXHAUSTION: return "call stack exhausted (recursion too deep)";
    case WSX_TRAP_RUNAWAY: return "ran out of instruction fuel (endless or far too long loop)";
    case WSX_TRAP_HOST: return "trapped in a host import";
    case WSX_TRAP_LIMIT: return "memory or table larger than the host allows";
    case WSX_TRAP_BAD_CALL: return "no such exported function";
    default: return "unknown trap";
  }
}

CompiledModule::CompiledModule(Private, wasm::ModuleInfo info, void* library, int libraryFd, const wsx_module* api,
                               std::vector<wsx_host_function> callbacks, std::filesystem::path path,
                               bool fromCache, double compileSeconds)
    : info_(std::move(info)),
      library_(library),
      libraryFd_(libraryFd),
      api_(api),
      callbacks_(std::move(callbacks)),
      libraryPath_(std::move(path)),
      fromCache_(fromCache),
      compileSeconds_(compileSeconds) {}

CompiledModule::~CompiledModule() {
  std::lock_guard lock(loaderMutex());
  dlclose(library_);
  ::close(libraryFd_);
}

Result<std::shared_ptr<CompiledModule>> CompiledModule::load(std::span<const uint8_t> wasm,
                                                             const wasm::ModuleInfo& info,
                                                             const CompileOptions& options) {
  if (auto bound = resolveImports(info, options.imports); !bound) return fail(bound.error());
  auto image = obtainLibrary(wasm, options);
  if (!image) return fail(image.error());
  std::lock_guard lock(loaderMutex());
  auto loaded = loadLibraryBytes(image->bytes);
  if (!loaded) return fail(loaded.error());
  const auto [library, fd] = loaded.value();
  using Entry = const wsx_module* (*)();
  auto entry = reinterpret_cast<Entry>(dlsym(library, "wsx_module_entry"));
  const wsx_module* api = entry != nullptr ? entry() : nullptr;
  if (api == nullptr || api->abi_version != WSX_ABI_VERSION) {
    dlclose(library);
    ::close(fd);
    return fail("the compiled module is not a wsx module of this host's version");
  }
  std::vector<wsx_host_function> callbacks;
  for (const ImportBinding& binding : options.imports) {
    if (binding.callback != nullptr) callbacks.push_back(binding.callback);
  }
  return std::make_shared<CompiledModule>(Private{}, info, library, fd, api, std::move(callbacks),
                                          image->path, image->fromCache, image->compileSeconds);
}

Result<ExportedFunction> CompiledModule::function(std::string_view name,
                                                  const wasm::FuncType& type) const {
  const wasm::Export* e = info_.findExport(name);
  if (e == nullptr) return fail("missing export " + std::string(name));
  if (e->kind != wasm::ExternKind::Function) {
    return fail("export " + std::string(name) + " is a " + externKindName(e->kind) +
                ", not a function");
  }
  if (e->function != type) {
    return fail("export " + std::string(name) + " has signature " + toString(e->function) +
                ", expected " + toString(type));
  }
  return ExportedFunction{e->ordinal, std::string(name), e->function};
}

Result<std::unique_ptr<Instance>> CompiledModule::instantiate(void* host,
                                                              const InstanceLimits& limits) {
  const wsx_limits raw = {limits.maxMemoryBytes / 65536u, limits.maxTableElements,
                          limits.stackBudgetBytes};
  int trap = WSX_OK;
  wsx_instance* instance =
      api_->instantiate(&raw, host, callbacks_.data(), static_cast<uint32_t>(callbacks_.size()),
                        guardedThreadState(), &trap);
  if (instance == nullptr) {
    if (trap != WSX_OK) return fail(std::string("instantiation trapped: ") + trapDescription(trap));
    return fail("out of memory while instantiating the module");
  }
  return std::unique_ptr<Instance>(new Instance(shared_from_this(), instance));
}

Instance::Instance(std::shared_ptr<CompiledModule> module, wsx_instance* instance)
    : module_(std::move(module)), instance_(instance), memory_(module_->api_->memory(instance)) {}

Instance::~Instance() { module_->api_->destroy(instance_); }

int Instance::call(const ExportedFunction& function, std::span<const wsx_value> args,
                   std::span<wsx_value> results, uint64_t fuel) {
  if (args.size() != function.type.params.size() || results.size() < function.type.results.size()) {
    return WSX_TRAP_BAD_CALL;
  }
  const int trap = module_->api_->call(instance_, function.ordinal, args.data(), results.data(),
                                       fuel, guardedThreadState());
  memory_ = module_->api_->memory(instance_);  // a trapped call may have grown it first
  return trap;
}

void* Instance::global(uint32_t ordinal) const { return module_->api_->global(instance_, ordinal); }

}  // namespace wstudio::host::sandbox
