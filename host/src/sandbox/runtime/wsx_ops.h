/* wsx ops: WebAssembly's scalar instructions as inline C, one function per instruction, named
 * after it (i32.div_s -> wsx_i32_div_s). The translator (host/src/wasm_to_c/) emits calls to
 * them; at -O3 each becomes the few instructions it stands for. Semantics follow the spec
 * exactly: traps for integer division and float-to-int truncation, shift counts modulo the
 * width, wasm min/max (NaN if either is NaN, -0 below +0), round-half-even `nearest`. Needs
 * -ffp-contract=off and no FMA instruction set (wsx_runtime.c) to match V8 bit for bit. Included after
 * wsx_runtime.c. */

/* ---- memory access: unaligned and may alias anything (wasm memory is untyped bytes) ------- */

typedef u16 wsx_u16u __attribute__((aligned(1), may_alias));
typedef u32 wsx_u32u __attribute__((aligned(1), may_alias));
typedef u64 wsx_u64u __attribute__((aligned(1), may_alias));
typedef f32 wsx_f32u __attribute__((aligned(1), may_alias));
typedef f64 wsx_f64u __attribute__((aligned(1), may_alias));

/* A load whose value nobody uses must still trap when out of bounds (the guard pages are the
 * bounds check), but C may delete an unused load. WSX_FORCE_READ hands the loaded value to an
 * empty asm statement, which the compiler must keep and must give the value in a register, so the
 * load happens (SBX-5). It costs no instruction: the value is loaded into a register anyway. */
#define WSX_FORCE_READ_INT(v) __asm__("" ::"r"(v))
#define WSX_FORCE_READ_FLOAT(v) __asm__("" ::"x"(v))
#define WSX_LOAD(NAME, R, T, FORCE, CONVERT)     \
  WSX_INLINE R wsx_##NAME(const u8* p) {           \
    const T v = *(const T*)p;                      \
    FORCE(v);                                      \
    return CONVERT;                                \
  }
WSX_LOAD(i32_load, u32, wsx_u32u, WSX_FORCE_READ_INT, v)
WSX_LOAD(i64_load, u64, wsx_u64u, WSX_FORCE_READ_INT, v)
WSX_LOAD(f32_load, f32, wsx_f32u, WSX_FORCE_READ_FLOAT, v)
WSX_LOAD(f64_load, f64, wsx_f64u, WSX_FORCE_READ_FLOAT, v)
WSX_LOAD(i32_load8_s, u32, u8, WSX_FORCE_READ_INT, (u32)(s32)(s8)v)
WSX_LOAD(i32_load8_u, u32, u8, WSX_FORCE_READ_INT, v)
WSX_LOAD(i32_load16_s, u32, wsx_u16u, WSX_FORCE_READ_INT, (u32)(s32)(s16)v)
WSX_LOAD(i32_load16_u, u32, wsx_u16u, WSX_FORCE_READ_INT, v)
WSX_LOAD(i64_load8_s, u64, u8, WSX_FORCE_READ_INT, (u64)(s64)(s8)v)
WSX_LOAD(i64_load8_u, u64, u8, WSX_FORCE_READ_INT, v)
WSX_LOAD(i64_load16_s, u64, wsx_u16u, WSX_FORCE_READ_INT, (u64)(s64)(s16)v)
WSX_LOAD(i64_load16_u, u64, wsx_u16u, WSX_FORCE_READ_INT, v)
WSX_LOAD(i64_load32_s, u64, wsx_u32u, WSX_FORCE_READ_INT, (u64)(s64)(s32)v)
WSX_LOAD(i64_load32_u, u64, wsx_u32u, WSX_FORCE_READ_INT, v)
WSX_INLINE void wsx_i32_store(u8* p, u32 v) { *(wsx_u32u*)p = v; }
WSX_INLINE void wsx_i64_store(u8* p, u64 v) { *(wsx_u64u*)p = v; }
WSX_INLINE void wsx_f32_store(u8* p, f32 v) { *(wsx_f32u*)p = v; }
WSX_INLINE void wsx_f64_store(u8* p, f64 v) { *(wsx_f64u*)p = v; }
WSX_INLINE void wsx_i32_store8(u8* p, u32 v) { *p = (u8)v; }
WSX_INLINE void wsx_i32_store16(u8* p, u32 v) { *(wsx_u16u*)p = (u16)v; }
WSX_INLINE void wsx_i64_store8(u8* p, u64 v) { *p = (u8)v; }
WSX_INLINE void wsx_i64_store16(u8* p, u64 v) { *(wsx_u16u*)p = (u16)v; }
WSX_INLINE void wsx_i64_store32(u8* p, u64 v) { *(wsx_u32u*)p = (u32)v; }

/* ---- bit casts (also how float constants are written: exact, NaN payloads kept) ----------- */

WSX_INLINE f32 wsx_f32_bits(u32 b) { f32 f; memcpy(&f, &b, 4); return f; }
WSX_INLINE f64 wsx_f64_bits(u64 b) { f64 f; memcpy(&f, &b, 8); return f; }
WSX_INLINE u32 wsx_i32_reinterpret_f32(f32 f) { u32 b; memcpy(&b, &f, 4); return b; }
WSX_INLINE u64 wsx_i64_reinterpret_f64(f64 f) { u64 b; memcpy(&b, &f, 8); return b; }
WSX_INLINE f32 wsx_f32_reinterpret_i32(u32 b) { return wsx_f32_bits(b); }
WSX_INLINE f64 wsx_f64_reinterpret_i64(u64 b) { return wsx_f64_bits(b); }

/* ---- integers ----------------------------------------------------------------------------- */

#define WSX_INT_OPS(T, U, S, BITS)                                                                \
  WSX_INLINE u32 wsx_##T##_eqz(U a) { return a == 0; }                                            \
  WSX_INLINE u32 wsx_##T##_eq(U a, U b) { return a == b; }                                        \
  WSX_INLINE u32 wsx_##T##_ne(U a, U b) { return a != b; }                                        \
  WSX_INLINE u32 wsx_##T##_lt_s(U a, U b) { return (S)a < (S)b; }                                 \
  WSX_INLINE u32 wsx_##T##_lt_u(U a, U b) { return a < b; }                                       \
  WSX_INLINE u32 wsx_##T##_gt_s(U a, U b) { return (S)a > (S)b; }                                 \
  WSX_INLINE u32 wsx_##T##_gt_u(U a, U b) { return a > b; }                                       \
  WSX_INLINE u32 wsx_##T##_le_s(U a, U b) { return (S)a <= (S)b; }                                \
  WSX_INLINE u32 wsx_##T##_le_u(U a, U b) { return a <= b; }                                      \
  WSX_INLINE u32 wsx_##T##_ge_s(U a, U b) { return (S)a >= (S)b; }                                \
  WSX_INLINE u32 wsx_##T##_ge_u(U a, U b) { return a >= b; }                                      \
  WSX_INLINE U wsx_##T##_add(U a, U b) { return a + b; }                                          \
  WSX_INLINE U wsx_##T##_sub(U a, U b) { return a - b; }                                          \
  WSX_INLINE U wsx_##T##_mul(U a, U b) { return a * b; }                                          \
  WSX_INLINE U wsx_##T##_div_s(U a, U b) {                                                        \
    if (WSX_UNLIKELY(b == 0)) wsx_trap(WSX_TRAP_DIV_BY_ZERO);                                     \
    if (WSX_UNLIKELY(a == (U)1 << (BITS - 1) && b == (U)-1)) wsx_trap(WSX_TRAP_INT_OVERFLOW);    \
    return (U)((S)a / (S)b);                                                                      \
  }                                                                                               \
  WSX_INLINE U wsx_##T##_div_u(U a, U b) {                                                        \
    if (WSX_UNLIKELY(b == 0)) wsx_trap(WSX_TRAP_DIV_BY_ZERO);                                     \
    return a / b;                                                                                 \
  }                                                                                               \
  WSX_INLINE U wsx_##T##_rem_s(U a, U b) {                                                        \
    if (WSX_UNLIKELY(b == 0)) wsx_trap(WSX_TRAP_DIV_BY_ZERO);                                     \
    if (WSX_UNLIKELY(b == (U)-1)) return 0; /* INT_MIN % -1 is 0 in wasm, UB in C */              \
    return (U)((S)a % (S)b);                                                                      \
  }                                                                                               \
  WSX_INLINE U wsx_##T##_rem_u(U a, U b) {                                                        \
    if (WSX_UNLIKELY(b == 0)) wsx_trap(WSX_TRAP_DIV_BY_ZERO);                                     \
    return a % b;                                                                                 \
  }                                                                                               \
  WSX_INLINE U wsx_##T##_and(U a, U b) { return a & b; }                                          \
  WSX_INLINE U wsx_##T##_or(U a, U b) { return a | b; }                                           \
  WSX_INLINE U wsx_##T##_xor(U a, U b) { return a ^ b; }                                          \
  WSX_INLINE U wsx_##T##_shl(U a, U b) { return a << (b & (BITS - 1)); }                          \
  WSX_INLINE U wsx_##T##_shr_s(U a, U b) { return (U)((S)a >> (b & (BITS - 1))); }                \
  WSX_INLINE U wsx_##T##_shr_u(U a, U b) { return a >> (b & (BITS - 1)); }                        \
  WSX_INLINE U wsx_##T##_rotl(U a, U b) {                                                         \
    return (a << (b & (BITS - 1))) | (a >> ((BITS - b) & (BITS - 1)));                            \
  }                                                                                               \
  WSX_INLINE U wsx_##T##_rotr(U a, U b) {                                                         \
    return (a >> (b & (BITS - 1))) | (a << ((BITS - b) & (BITS - 1)));                            \
  }

WSX_INT_OPS(i32, u32, s32, 32)
WSX_INT_OPS(i64, u64, s64, 64)

WSX_INLINE u32 wsx_i32_clz(u32 a) { return a ? (u32)__builtin_clz(a) : 32u; }
WSX_INLINE u32 wsx_i32_ctz(u32 a) { return a ? (u32)__builtin_ctz(a) : 32u; }
WSX_INLINE u32 wsx_i32_popcnt(u32 a) { return (u32)__builtin_popcount(a); }
WSX_INLINE u64 wsx_i64_clz(u64 a) { return a ? (u64)__builtin_clzll(a) : 64u; }
WSX_INLINE u64 wsx_i64_ctz(u64 a) { return a ? (u64)__builtin_ctzll(a) : 64u; }
WSX_INLINE u64 wsx_i64_popcnt(u64 a) { return (u64)__builtin_popcountll(a); }

WSX_INLINE u32 wsx_i32_extend8_s(u32 a) { return (u32)(s32)(s8)a; }
WSX_INLINE u32 wsx_i32_extend16_s(u32 a) { return (u32)(s32)(s16)a; }
WSX_INLINE u64 wsx_i64_extend8_s(u64 a) { return (u64)(s64)(s8)a; }
WSX_INLINE u64 wsx_i64_extend16_s(u64 a) { return (u64)(s64)(s16)a; }
WSX_INLINE u64 wsx_i64_extend32_s(u64 a) { return (u64)(s64)(s32)a; }
WSX_INLINE u32 wsx_i32_wrap_i64(u64 a) { return (u32)a; }
WSX_INLINE u64 wsx_i64_extend_i32_s(u32 a) { return (u64)(s64)(s32)a; }
WSX_INLINE u64 wsx_i64_extend_i32_u(u32 a) { return a; }

/* ---- floats ------------------------------------------------------------------------------- */

#define WSX_FLOAT_OPS(T, F, B, SUFFIX)                                                            \
  WSX_INLINE u32 wsx_##T##_eq(F a, F b) { return a == b; }                                        \
  WSX_INLINE u32 wsx_##T##_ne(F a, F b) { return a != b; }                                        \
  WSX_INLINE u32 wsx_##T##_lt(F a, F b) { return a < b; }                                         \
  WSX_INLINE u32 wsx_##T##_gt(F a, F b) { return a > b; }                                         \
  WSX_INLINE u32 wsx_##T##_le(F a, F b) { return a <= b; }                                        \
  WSX_INLINE u32 wsx_##T##_ge(F a, F b) { return a >= b; }                                        \
  /* Sign-bit operations, exact for NaNs too; the builtins stay in vector registers. */          \
  WSX_INLINE F wsx_##T##_abs(F a) { return __builtin_fabs##SUFFIX(a); }                           \
  WSX_INLINE F wsx_##T##_neg(F a) { return -a; }                                                  \
  WSX_INLINE F wsx_##T##_copysign(F a, F b) { return __builtin_copysign##SUFFIX(a, b); }          \
  WSX_INLINE F wsx_##T##_ceil(F a) { return __builtin_ceil##SUFFIX(a); }                          \
  WSX_INLINE F wsx_##T##_floor(F a) { return __builtin_floor##SUFFIX(a); }                        \
  WSX_INLINE F wsx_##T##_trunc(F a) { return __builtin_trunc##SUFFIX(a); }                        \
  WSX_INLINE F wsx_##T##_nearest(F a) { return __builtin_nearbyint##SUFFIX(a); }                  \
  WSX_INLINE F wsx_##T##_sqrt(F a) { return __builtin_sqrt##SUFFIX(a); }                          \
  WSX_INLINE F wsx_##T##_add(F a, F b) { return a + b; }                                          \
  WSX_INLINE F wsx_##T##_sub(F a, F b) { return a - b; }                                          \
  WSX_INLINE F wsx_##T##_mul(F a, F b) { return a * b; }                                          \
  WSX_INLINE F wsx_##T##_div(F a, F b) { return a / b; }                                          \
  WSX_INLINE F wsx_##T##_min(F a, F b) {                                                          \
    if (WSX_UNLIKELY(a != a || b != b)) return a + b;                                             \
    if (a == b) return wsx_##T##_bits(wsx_##B(a) | wsx_##B(b)); /* -0 if either is -0 */        \
    return a < b ? a : b;                                                                         \
  }                                                                                               \
  WSX_INLINE F wsx_##T##_max(F a, F b) {                                                          \
    if (WSX_UNLIKELY(a != a || b != b)) return a + b;                                             \
    if (a == b) return wsx_##T##_bits(wsx_##B(a) & wsx_##B(b)); /* +0 if either is +0 */        \
    return a > b ? a : b;                                                                         \
  }

WSX_FLOAT_OPS(f32, f32, i32_reinterpret_f32, f)
WSX_FLOAT_OPS(f64, f64, i64_reinterpret_f64, )

WSX_INLINE f32 wsx_f32_demote_f64(f64 a) { return (f32)a; }
WSX_INLINE f64 wsx_f64_promote_f32(f32 a) { return (f64)a; }
WSX_INLINE f32 wsx_f32_convert_i32_s(u32 a) { return (f32)(s32)a; }
WSX_INLINE f32 wsx_f32_convert_i32_u(u32 a) { return (f32)a; }
WSX_INLINE f32 wsx_f32_convert_i64_s(u64 a) { return (f32)(s64)a; }
WSX_INLINE f32 wsx_f32_convert_i64_u(u64 a) { return (f32)a; }
WSX_INLINE f64 wsx_f64_convert_i32_s(u32 a) { return (f64)(s32)a; }
WSX_INLINE f64 wsx_f64_convert_i32_u(u32 a) { return (f64)a; }
WSX_INLINE f64 wsx_f64_convert_i64_s(u64 a) { return (f64)(s64)a; }
WSX_INLINE f64 wsx_f64_convert_i64_u(u64 a) { return (f64)a; }

/* Float to int: in range means the truncated value fits; bounds are exact powers of two.
 * Each conversion's range is written once, for both versions: wsx_<I>_trunc_<FS> traps (NaN is
 * an invalid conversion, anything else out of range an overflow); wsx_<I>_trunc_sat_<FS>
 * saturates (NaN is 0, out of range clamps). */
#define WSX_TRUNC(I, FS, F, R, S, LOW_OK, HIGH_OK, MIN, MAX)                                      \
  WSX_INLINE R wsx_##I##_trunc_##FS(F a) {                                                        \
    if (WSX_UNLIKELY(a != a)) wsx_trap(WSX_TRAP_INVALID_CONVERSION);                              \
    if (WSX_UNLIKELY(!(LOW_OK && HIGH_OK))) wsx_trap(WSX_TRAP_INT_OVERFLOW);                      \
    return (R)(S)a;                                                                               \
  }                                                                                               \
  WSX_INLINE R wsx_##I##_trunc_sat_##FS(F a) {                                                    \
    if (WSX_UNLIKELY(a != a)) return 0;                                                           \
    if (WSX_UNLIKELY(!(LOW_OK))) return (R)(MIN);                                                 \
    if (WSX_UNLIKELY(!(HIGH_OK))) return (R)(MAX);                                                \
    return (R)(S)a;                                                                               \
  }

WSX_TRUNC(i32, f32_s, f32, u32, s32, a >= -2147483648.0f, a < 2147483648.0f, INT32_MIN, INT32_MAX)
WSX_TRUNC(i32, f32_u, f32, u32, u32, a > -1.0f, a < 4294967296.0f, 0, UINT32_MAX)
WSX_TRUNC(i32, f64_s, f64, u32, s32, a > -2147483649.0, a < 2147483648.0, INT32_MIN, INT32_MAX)
WSX_TRUNC(i32, f64_u, f64, u32, u32, a > -1.0, a < 4294967296.0, 0, UINT32_MAX)
WSX_TRUNC(i64, f32_s, f32, u64, s64, a >= -9223372036854775808.0f, a < 9223372036854775808.0f, INT64_MIN, INT64_MAX)
WSX_TRUNC(i64, f32_u, f32, u64, u64, a > -1.0f, a < 18446744073709551616.0f, 0, UINT64_MAX)
WSX_TRUNC(i64, f64_s, f64, u64, s64, a >= -9223372036854775808.0, a < 9223372036854775808.0, INT64_MIN, INT64_MAX)
WSX_TRUNC(i64, f64_u, f64, u64, u64, a > -1.0, a < 18446744073709551616.0, 0, UINT64_MAX)
