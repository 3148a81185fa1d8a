/* wsx runtime: compiled into every translated module's shared object, before the translator's
 * output (host/src/wasm_to_c/). It provides what the generated code relies on:
 *  - traps unwind to a thread-local target, so several threads can run modules at once;
 *  - every loop header and function entry spends instruction fuel of the running call; running out
 *    traps with WSX_TRAP_RUNAWAY (see WSX_FUEL_TICK);
 *  - function entry checks the native stack pointer against a per-call budget, so deep recursion
 *    traps (WSX_TRAP_EXHAUSTION) instead of overflowing the thread's stack;
 *  - memory accesses carry no bounds checks: each memory is a reservation of every address a
 *    wasm32 access can form (WSX_MEMORY_RESERVATION), of which only the live pages are
 *    accessible; anything else faults, and the host's signal handler
 *    (host/src/sandbox/guard_pages.cpp) unwinds that into an out-of-bounds trap. Explicit checks
 *    made the DSP of real plugins 1.5-2.5x slower (docs/BENCHMARKS.md). Memory never moves, so
 *    grow is an mprotect, generated code loads the base once per function, and grow fails cleanly
 *    past the instance's ceiling (ABI-5).
 * Expects: wsx_abi.h included before it. */

/* No fused multiply-add instruction may exist in a module: WebAssembly rounds every product, so a
 * fused one differs from V8 by an ulp now and then (ABI-18). -ffp-contract=off is not enough:
 * GCC 12's SLP vectoriser turns a complex multiplication ((s, c) rotated by (cd, sd) in adjacent
 * doubles, the factory reverb's LFO) into vfmaddsub regardless, and whether it fires depends on
 * the shape of unrelated code. So the instruction sets that have FMA are off for the whole unit:
 * FMA3, FMA4 and AVX-512 (whose EVEX encoding has FMA too); AVX2 vectorisation stays.
 * Attacked by translator_no_contraction_test.cpp. */
#pragma GCC target("no-fma,no-fma4,no-avx512f")

#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef uint8_t u8;
typedef int8_t s8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;
typedef float f32;
typedef double f64;

#define WSX_PAGE_SIZE 65536u
#define WSX_LIKELY(x) __builtin_expect(!!(x), 1)
#define WSX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define WSX_INLINE static inline __attribute__((always_inline))

/* A linear memory. `data` is fixed for the instance's life (see above). */
typedef struct wsx_memory {
  u8* data;
  u64 size; /* bytes */
  u32 pages;
  u32 max_pages;
} wsx_memory;

/* A function as a funcref: its signature's id (equal signatures, equal ids; assigned by the
 * translator) and its code, cast back to the right C type before a call. */
typedef struct wsx_func {
  u32 type;
  void (*code)(void);
} wsx_func;

typedef struct wsx_table {
  const wsx_func** data; /* NULL entries are null references */
  u32 size;
  u32 max_size;
} wsx_table;

/* What imports see of their caller: the embedder's context, the callbacks bound to imports, and
 * the instance's memory. */
typedef struct wsx_env {
  void* host;
  wsx_host_function* callbacks;
  uint32_t callback_count;
  wsx_memory* memory; /* the instance's memory, or NULL */
} wsx_env;

/* ---- per-thread unwinding -------------------------------------------------------------- */

static __thread jmp_buf* wsx_unwind_target;
/* Limits for allocations during an instantiation on this thread. */
static __thread const wsx_limits* wsx_instantiating_limits;

static __attribute__((noreturn, noinline, cold)) void wsx_trap(int code) {
  if (wsx_unwind_target == NULL) abort(); /* a trap outside wsx_call: a host bug, not a plugin's */
  longjmp(*wsx_unwind_target, code);
}

/* Instruction fuel. Each call from the host has its own counter (in wsx_call's frame); every
 * generated function gets its address (`fuelp`) and keeps the count in a local, `fuel`, so loops
 * decrement a register: the function writes it back before calls and returns and reads it again
 * after calls. (A thread-local counter cost a __tls_get_addr call per loop turn in a shared
 * object, 14% of the synth's time.) */
#define WSX_FUEL_TICK \
  if (WSX_UNLIKELY(--fuel < 0)) wsx_trap(WSX_TRAP_RUNAWAY)
/* Fuel of the start function, which runs while instantiating (no host call gives it a budget):
 * as much as a call gets by default (PluginModuleOptions::fuelPerCall), seconds of work at most,
 * so a start function that loops or recurses forever ends in WSX_TRAP_RUNAWAY (SBX-12). */
#define WSX_START_FUEL ((int64_t)1 << 30)
/* Emitted at every function entry (`inst` and `fuelp` are the generated code's parameters). */
#define WSX_FUNC_PROLOGUE                                                        \
  int64_t fuel = *fuelp;                                                         \
  WSX_FUEL_TICK;                                                                 \
  if (WSX_UNLIKELY((uintptr_t)__builtin_frame_address(0) < inst->stack_limit)) \
  wsx_trap(WSX_TRAP_EXHAUSTION)

/* ---- memory ------------------------------------------------------------------------------ */

static void wsx_memory_allocate(wsx_memory* memory, u32 initial_pages, u32 max_pages) {
  const u32 ceiling = wsx_instantiating_limits->max_memory_pages;
  if (initial_pages > ceiling) wsx_trap(WSX_TRAP_LIMIT);
  /* Address space only; pages become accessible as the memory grows. */
  void* mapped = mmap(NULL, WSX_MEMORY_RESERVATION, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) wsx_trap(WSX_TRAP_LIMIT);
  u8* data = mapped;
  const size_t initial = (size_t)initial_pages * WSX_PAGE_SIZE;
  if (initial > 0 && mprotect(data, initial, PROT_READ | PROT_WRITE) != 0) {
    munmap(data, WSX_MEMORY_RESERVATION);
    wsx_trap(WSX_TRAP_LIMIT);
  }
  memory->data = data;
  memory->pages = initial_pages;
  memory->max_pages = max_pages < ceiling ? max_pages : ceiling;
  memory->size = initial;
}

/* memory.grow: the old size in pages, or UINT32_MAX when refused. */
static u32 wsx_memory_grow(wsx_memory* memory, u32 delta) {
  const u32 old_pages = memory->pages;
  if (delta == 0) return old_pages;
  if (delta > memory->max_pages - old_pages) return UINT32_MAX; /* past the ceiling: fail */
  if (mprotect(memory->data + memory->size, (size_t)delta * WSX_PAGE_SIZE,
               PROT_READ | PROT_WRITE) != 0) {
    return UINT32_MAX;
  }
  memory->pages = old_pages + delta;
  memory->size = (u64)memory->pages * WSX_PAGE_SIZE;
  return old_pages;
}

static void wsx_memory_free(wsx_memory* memory) {
  if (memory->data != NULL) munmap(memory->data, WSX_MEMORY_RESERVATION);
  memory->data = NULL;
}

/* Bulk memory operations check their whole range first (the spec traps before writing). */
static void wsx_memory_copy(wsx_memory* memory, u32 dest, u32 src, u32 n) {
  if ((u64)dest + n > memory->size || (u64)src + n > memory->size) wsx_trap(WSX_TRAP_OOB);
  memmove(memory->data + dest, memory->data + src, n);
}

static void wsx_memory_fill(wsx_memory* memory, u32 dest, u32 value, u32 n) {
  if ((u64)dest + n > memory->size) wsx_trap(WSX_TRAP_OOB);
  memset(memory->data + dest, (int)(u8)value, n);
}

/* memory.init and active data segments; a dropped segment has length 0. */
static void wsx_memory_init(wsx_memory* memory, const u8* segment, u32 segment_size, u32 dest,
                            u32 src, u32 n) {
  if ((u64)src + n > segment_size || (u64)dest + n > memory->size) wsx_trap(WSX_TRAP_OOB);
  if (n > 0) memcpy(memory->data + dest, segment + src, n);
}

/* ---- tables ------------------------------------------------------------------------------ */

static void wsx_table_allocate(wsx_table* table, u32 elements, u32 max_elements) {
  const u32 ceiling = wsx_instantiating_limits->max_table_elements;
  if (elements > ceiling) wsx_trap(WSX_TRAP_LIMIT);
  table->size = elements;
  table->max_size = max_elements < ceiling ? max_elements : ceiling;
  table->data = calloc(elements ? elements : 1, sizeof(const wsx_func*));
  if (table->data == NULL) wsx_trap(WSX_TRAP_LIMIT);
}

static void wsx_table_free(wsx_table* table) {
  free((void*)table->data);
  table->data = NULL;
}

/* table.grow: the old size, or UINT32_MAX when refused. */
static u32 wsx_table_grow(wsx_table* table, const wsx_func* init, u32 delta) {
  const u32 old_size = table->size;
  if (delta == 0) return old_size;
  if (delta > table->max_size - old_size) return UINT32_MAX;
  const wsx_func** grown = realloc((void*)table->data, sizeof(const wsx_func*) * ((size_t)old_size + delta));
  if (grown == NULL) return UINT32_MAX;
  for (u32 i = old_size; i < old_size + delta; ++i) grown[i] = init;
  table->data = grown;
  table->size = old_size + delta;
  return old_size;
}

WSX_INLINE const wsx_func* wsx_table_get(const wsx_table* table, u32 index) {
  if (WSX_UNLIKELY(index >= table->size)) wsx_trap(WSX_TRAP_OOB);
  return table->data[index];
}

WSX_INLINE void wsx_table_set(wsx_table* table, u32 index, const wsx_func* value) {
  if (WSX_UNLIKELY(index >= table->size)) wsx_trap(WSX_TRAP_OOB);
  table->data[index] = value;
}

static void wsx_table_fill(wsx_table* table, u32 dest, const wsx_func* value, u32 n) {
  if ((u64)dest + n > table->size) wsx_trap(WSX_TRAP_OOB);
  for (u32 i = 0; i < n; ++i) table->data[dest + i] = value;
}

static void wsx_table_copy(wsx_table* dest_table, const wsx_table* src_table, u32 dest, u32 src,
                           u32 n) {
  if ((u64)dest + n > dest_table->size || (u64)src + n > src_table->size) wsx_trap(WSX_TRAP_OOB);
  memmove((void*)(dest_table->data + dest), src_table->data + src, sizeof(const wsx_func*) * n);
}

/* table.init and active element segments; a dropped segment has length 0. */
static void wsx_table_init(wsx_table* table, const wsx_func* const* segment, u32 segment_size,
                           u32 dest, u32 src, u32 n) {
  if ((u64)src + n > segment_size || (u64)dest + n > table->size) wsx_trap(WSX_TRAP_OOB);
  for (u32 i = 0; i < n; ++i) table->data[dest + i] = segment[src + i];
}

/* call_indirect: the entry, checked for range, null and signature. */
WSX_INLINE const wsx_func* wsx_call_target(const wsx_table* table, u32 index, u32 type) {
  if (WSX_UNLIKELY(index >= table->size)) wsx_trap(WSX_TRAP_CALL_INDIRECT);
  const wsx_func* f = table->data[index];
  if (WSX_UNLIKELY(f == NULL || f->type != type)) wsx_trap(WSX_TRAP_CALL_INDIRECT);
  return f;
}

/* ---- helpers for import bodies written in C (see ImportBinding) -------------------------- */

/* The address of [addr, addr + length) in `memory`, or a trap if any of it is outside. */
static inline uint8_t* wsx_memory_range(wsx_memory* memory, uint64_t addr, uint64_t length) {
  if (memory == NULL || addr > memory->size || length > memory->size - addr) wsx_trap(WSX_TRAP_OOB);
  return memory->data + addr;
}

static inline wsx_memory_view wsx_view(const wsx_env* env) {
  wsx_memory_view view = {NULL, 0};
  if (env->memory != NULL) {
    view.data = env->memory->data;
    view.size = env->memory->size;
  }
  return view;
}

/* Calls callback `index` for an import; traps when the host asks. */
static inline void wsx_call_host(wsx_env* env, uint32_t index, const wsx_value* args,
                                 wsx_value* results) {
  if (index >= env->callback_count || env->callbacks[index] == NULL) wsx_trap(WSX_TRAP_HOST);
  if (env->callbacks[index](env->host, wsx_view(env), args, results) != 0) wsx_trap(WSX_TRAP_HOST);
}
