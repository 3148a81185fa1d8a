#include "vaist/vaist_module.hpp"

#include "vaist/emscripten_imports.hpp"
#include "vaist/text.hpp"
#include "vaist/vaist_instance.hpp"
#include "vaist/vaist_plan.hpp"

namespace wstudio::host::vaist {
namespace {

class VaistModule final : public PluginModule {
 public:
  VaistModule(std::shared_ptr<const PluginDescriptor> descriptor, std::shared_ptr<sandbox::CompiledModule> module,
              std::shared_ptr<const VaistFunctions> functions, uint64_t fuelPerCall)
      : descriptor_(std::move(descriptor)),
        module_(std::move(module)),
        functions_(std::move(functions)),
        fuelPerCall_(fuelPerCall) {}

  const PluginDescriptor& descriptor() const override { return *descriptor_; }
  PluginFormat format() const override { return PluginFormat::vaist; }

  // Always a fresh module instance: the plugin is a static singleton (LoadOptions'
  // shareModuleInstance cannot apply).
  Result<std::unique_ptr<PluginInstance>> instantiate() override {
    auto instance = VaistInstance::create(descriptor_, module_, functions_, fuelPerCall_);
    if (!instance) return Error{instance.error()};
    return std::unique_ptr<PluginInstance>(std::move(instance.value()));
  }

 private:
  std::shared_ptr<const PluginDescriptor> descriptor_;
  std::shared_ptr<sandbox::CompiledModule> module_;
  std::shared_ptr<const VaistFunctions> functions_;
  uint64_t fuelPerCall_;
};

Result<VaistFunctions> lookUpFunctions(const sandbox::CompiledModule& module, const VaistExportNames& names,
                                       const PluginDescriptor& descriptor) {
  VaistFunctions f;
  struct Required {
    const std::string& name;
    wasm::FuncType type;
    sandbox::ExportedFunction* target;
  };
  for (const Required& q : {Required{names.prepare, prepareType(), &f.prepare},
                            Required{names.reset, voidType(), &f.reset},
                            Required{names.process, processType(), &f.process},
                            Required{names.malloc, mallocType(), &f.malloc}}) {
    auto fn = module.function(q.name, q.type);
    if (!fn) return Error{fn.error()};
    *q.target = std::move(fn.value());
  }
  if (names.free) {
    auto fn = module.function(*names.free, freeType());
    if (!fn) return Error{fn.error()};
    f.free = std::move(fn.value());
  }
  if (names.constructors) {
    auto fn = module.function(*names.constructors, voidType());
    if (!fn) return Error{fn.error()};
    f.constructors = std::move(fn.value());
  }
  for (size_t i = 0; i < names.setters.size(); ++i) {
    auto fn = module.function(names.setters[i], setterType());
    if (!fn) return Error{fn.error()};
    f.setters.push_back(std::move(fn.value()));
    f.setterNames.push_back("set_" + descriptor.params[i].key);
  }
  return f;
}

}  // namespace

Result<std::shared_ptr<PluginModule>> loadVaistModule(const std::filesystem::path& wasmFile,
                                                      std::span<const uint8_t> wasm,
                                                      const wasm::ModuleInfo& info, const LoadOptions& options) {
  auto plan = planVaistModule(wasmFile, info);
  if (!plan) return Error{plan.error()};
  const GlueMap* glue = plan->glue ? &*plan->glue : nullptr;
  std::shared_ptr<const PluginDescriptor> descriptor =
      std::make_shared<const PluginDescriptor>(std::move(plan->descriptor));

  sandbox::CompileOptions compile{options.cacheDir, emscriptenImportBindings(info, glue),
                                  options.trusted};
  auto compiled = sandbox::CompiledModule::load(wasm, info, compile);
  if (!compiled) return fail(concat({"cannot compile vAIst plugin '", descriptor->name, "': ", compiled.error()}));

  auto functions = lookUpFunctions(*compiled.value(), plan->names, *descriptor);
  if (!functions) return Error{functions.error()};

  return std::shared_ptr<PluginModule>(std::make_shared<VaistModule>(
      std::move(descriptor), std::move(compiled.value()),
      std::make_shared<const VaistFunctions>(std::move(functions.value())), options.fuelPerCall));
}

}  // namespace wstudio::host::vaist
