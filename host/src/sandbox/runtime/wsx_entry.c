/* wsx entry: the module table a translated module's shared object hands to the host
 * (wsx_module_entry, the .so's only exported symbol). Included last in the generated unit, after
 * the translator's output, which defines:
 *   struct wsx_instance            stack_limit, limits, env, memory, then tables and the
 *                                  globals (one array per value type);
 *   wsx_init_instance()            memory, tables, globals, element and data segments, start
 *                                  (with fuel for WSX_START_FUEL steps);
 *   wsx_free_instance()            frees what wsx_init_instance made (also when it trapped);
 *   wsx_thunks[] / WSX_THUNK_COUNT  one generic caller per exported function, in export order;
 *   wsx_global_address()           address of an exported global, in export order. */

static wsx_instance* wsx_instantiate(const wsx_limits* limits, void* host,
                                     const wsx_host_function* callbacks, uint32_t callback_count,
                                     wsx_thread_state* thread, int* trap) {
  *trap = WSX_OK;
  wsx_instance* volatile x = calloc(1, sizeof(wsx_instance));
  if (x == NULL) return NULL;
  x->limits = *limits;
  if (x->limits.max_memory_pages > 65536u) x->limits.max_memory_pages = 65536u;
  x->env.host = host;
  x->env.callback_count = callback_count;
  if (callback_count > 0) {
    x->env.callbacks = calloc(callback_count, sizeof(wsx_host_function));
    if (x->env.callbacks == NULL) {
      free(x);
      return NULL;
    }
    memcpy(x->env.callbacks, callbacks, sizeof(wsx_host_function) * callback_count);
  }
  /* Instantiation runs wasm code too (a start function), so it is fuelled, stack-checked and may
   * trap like any call. */
  const uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  x->stack_limit = here > x->limits.stack_budget_bytes ? here - x->limits.stack_budget_bytes : 0;
  jmp_buf target;
  jmp_buf* volatile previous = wsx_unwind_target;
  const wsx_thread_state outer = *thread;
  int code = setjmp(target);
  if (code == 0) {
    wsx_unwind_target = &target;
    /* No memory range yet: any fault while instantiating is the module's. */
    *thread = (wsx_thread_state){&target, NULL, 0};
    wsx_instantiating_limits = &x->limits;
    wsx_init_instance(x);
  }
  *thread = outer;
  wsx_unwind_target = previous;
  wsx_instantiating_limits = NULL;
  if (code != 0) {
    wsx_free_instance(x); /* partially made: frees what exists */
    free(x->env.callbacks);
    free(x);
    *trap = code;
    return NULL;
  }
  return x;
}

static void wsx_destroy(wsx_instance* x) {
  if (x == NULL) return;
  wsx_free_instance(x);
  free(x->env.callbacks);
  free(x);
}

static int wsx_call(wsx_instance* x, uint32_t function_index, const wsx_value* args,
                    wsx_value* results, uint64_t fuel, wsx_thread_state* thread) {
  if (function_index >= WSX_THUNK_COUNT) return WSX_TRAP_BAD_CALL;
  int64_t fuel_left = fuel > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)fuel; /* this call's own */
  const uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  x->stack_limit = here > x->limits.stack_budget_bytes ? here - x->limits.stack_budget_bytes : 0;
  jmp_buf target;
  jmp_buf* volatile previous = wsx_unwind_target; /* a host callback may call another module */
  const wsx_thread_state outer = *thread;
  int code = setjmp(target);
  if (code == 0) {
    wsx_unwind_target = &target;
    const wsx_memory* memory = x->env.memory;
    *thread = (wsx_thread_state){&target, memory != NULL ? memory->data : NULL,
                                 memory != NULL ? WSX_MEMORY_RESERVATION : 0};
    wsx_thunks[function_index](x, &fuel_left, args, results);
  }
  *thread = outer;
  wsx_unwind_target = previous;
  return code;
}

static wsx_memory_view wsx_memory_of(wsx_instance* x) { return wsx_view(&x->env); }

__attribute__((visibility("default"))) const wsx_module* wsx_module_entry(void);
__attribute__((visibility("default"))) const wsx_module* wsx_module_entry(void) {
  static const wsx_module table = {WSX_ABI_VERSION, wsx_instantiate, wsx_destroy, wsx_call,
                                   wsx_memory_of, wsx_global_address};
  return &table;
}
