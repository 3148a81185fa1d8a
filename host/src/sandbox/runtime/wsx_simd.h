/* wsx simd: WebAssembly's fixed-width SIMD (128-bit) instructions as inline C over SSE4.1
 * intrinsics and GCC vector extensions, one function per instruction (i8x16.add ->
 * wsx_i8x16_add). Where an SSE instruction differs from wasm (float min/max and their NaN and
 * signed-zero rules, float-to-int conversions, unsigned conversions, q15mulr saturation, swizzle
 * of out-of-range lanes, bitmasks), the function computes the exact wasm result. Included after
 * wsx_ops.h; the module is compiled with -march=native on x86-64. */
#if !defined(__x86_64__) || !defined(__SSE4_1__)
#error "translated WebAssembly SIMD needs x86-64 with SSE4.1"
#endif
#include <immintrin.h>

typedef __m128i v128;
typedef int8_t wsx_i8x16 __attribute__((vector_size(16)));
typedef uint8_t wsx_u8x16 __attribute__((vector_size(16)));
typedef int16_t wsx_i16x8 __attribute__((vector_size(16)));
typedef uint16_t wsx_u16x8 __attribute__((vector_size(16)));
typedef int32_t wsx_i32x4 __attribute__((vector_size(16)));
typedef uint32_t wsx_u32x4 __attribute__((vector_size(16)));
typedef int64_t wsx_i64x2 __attribute__((vector_size(16)));
typedef uint64_t wsx_u64x2 __attribute__((vector_size(16)));
typedef float wsx_f32x4 __attribute__((vector_size(16)));
typedef double wsx_f64x2 __attribute__((vector_size(16)));

#define WSX_V(x) ((v128)(x))
#define WSX_PS(x) _mm_castsi128_ps(x)
#define WSX_PD(x) _mm_castsi128_pd(x)
#define WSX_FROM_PS(x) _mm_castps_si128(x)
#define WSX_FROM_PD(x) _mm_castpd_si128(x)

WSX_INLINE v128 wsx_v128_const(u64 lo, u64 hi) { return _mm_set_epi64x((long long)hi, (long long)lo); }
WSX_INLINE v128 wsx_v128_zero(void) { return _mm_setzero_si128(); }

/* ---- memory ------------------------------------------------------------------------------- */

/* Every load hands its value to WSX_FORCE_READ_FLOAT (wsx_ops.h), so an unused load still traps. */

WSX_INLINE v128 wsx_v128_load(const u8* p) { const v128 r = _mm_loadu_si128((const __m128i*)p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE void wsx_v128_store(u8* p, v128 v) { _mm_storeu_si128((__m128i*)p, v); }
WSX_INLINE v128 wsx_v128_load64(const u8* p) { const v128 r = _mm_loadl_epi64((const __m128i*)p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load8x8_s(const u8* p) { const v128 r = _mm_cvtepi8_epi16(wsx_v128_load64(p)); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load8x8_u(const u8* p) { const v128 r = _mm_cvtepu8_epi16(wsx_v128_load64(p)); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load16x4_s(const u8* p) { const v128 r = _mm_cvtepi16_epi32(wsx_v128_load64(p)); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load16x4_u(const u8* p) { const v128 r = _mm_cvtepu16_epi32(wsx_v128_load64(p)); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load32x2_s(const u8* p) { const v128 r = _mm_cvtepi32_epi64(wsx_v128_load64(p)); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load32x2_u(const u8* p) { const v128 r = _mm_cvtepu32_epi64(wsx_v128_load64(p)); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load8_splat(const u8* p) { const v128 r = _mm_set1_epi8((char)*p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load16_splat(const u8* p) { const v128 r = _mm_set1_epi16((short)*(const wsx_u16u*)p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load32_splat(const u8* p) { const v128 r = _mm_set1_epi32((int)*(const wsx_u32u*)p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load64_splat(const u8* p) { const v128 r = _mm_set1_epi64x((long long)*(const wsx_u64u*)p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load32_zero(const u8* p) { const v128 r = _mm_cvtsi32_si128((int)*(const wsx_u32u*)p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load64_zero(const u8* p) { const v128 r = wsx_v128_load64(p); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load8_lane(const u8* p, v128 v, int lane) { wsx_u8x16 t = (wsx_u8x16)v; t[lane] = *p; const v128 r = WSX_V(t); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load16_lane(const u8* p, v128 v, int lane) { wsx_u16x8 t = (wsx_u16x8)v; t[lane] = *(const wsx_u16u*)p; const v128 r = WSX_V(t); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load32_lane(const u8* p, v128 v, int lane) { wsx_u32x4 t = (wsx_u32x4)v; t[lane] = *(const wsx_u32u*)p; const v128 r = WSX_V(t); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE v128 wsx_v128_load64_lane(const u8* p, v128 v, int lane) { wsx_u64x2 t = (wsx_u64x2)v; t[lane] = *(const wsx_u64u*)p; const v128 r = WSX_V(t); WSX_FORCE_READ_FLOAT(r); return r; }
WSX_INLINE void wsx_v128_store8_lane(u8* p, v128 v, int lane) { *p = ((wsx_u8x16)v)[lane]; }
WSX_INLINE void wsx_v128_store16_lane(u8* p, v128 v, int lane) { *(wsx_u16u*)p = ((wsx_u16x8)v)[lane]; }
WSX_INLINE void wsx_v128_store32_lane(u8* p, v128 v, int lane) { *(wsx_u32u*)p = ((wsx_u32x4)v)[lane]; }
WSX_INLINE void wsx_v128_store64_lane(u8* p, v128 v, int lane) { *(wsx_u64u*)p = ((wsx_u64x2)v)[lane]; }

/* ---- splat, lanes, shuffles --------------------------------------------------------------- */

WSX_INLINE v128 wsx_i8x16_splat(u32 x) { return _mm_set1_epi8((char)x); }
WSX_INLINE v128 wsx_i16x8_splat(u32 x) { return _mm_set1_epi16((short)x); }
WSX_INLINE v128 wsx_i32x4_splat(u32 x) { return _mm_set1_epi32((int)x); }
WSX_INLINE v128 wsx_i64x2_splat(u64 x) { return _mm_set1_epi64x((long long)x); }
WSX_INLINE v128 wsx_f32x4_splat(f32 x) { return WSX_FROM_PS(_mm_set1_ps(x)); }
WSX_INLINE v128 wsx_f64x2_splat(f64 x) { return WSX_FROM_PD(_mm_set1_pd(x)); }
WSX_INLINE u32 wsx_i8x16_extract_lane_s(v128 v, int lane) { return (u32)(s32)((wsx_i8x16)v)[lane]; }
WSX_INLINE u32 wsx_i8x16_extract_lane_u(v128 v, int lane) { return ((wsx_u8x16)v)[lane]; }
WSX_INLINE u32 wsx_i16x8_extract_lane_s(v128 v, int lane) { return (u32)(s32)((wsx_i16x8)v)[lane]; }
WSX_INLINE u32 wsx_i16x8_extract_lane_u(v128 v, int lane) { return ((wsx_u16x8)v)[lane]; }
WSX_INLINE u32 wsx_i32x4_extract_lane(v128 v, int lane) { return ((wsx_u32x4)v)[lane]; }
WSX_INLINE u64 wsx_i64x2_extract_lane(v128 v, int lane) { return ((wsx_u64x2)v)[lane]; }
WSX_INLINE f32 wsx_f32x4_extract_lane(v128 v, int lane) { return ((wsx_f32x4)v)[lane]; }
WSX_INLINE f64 wsx_f64x2_extract_lane(v128 v, int lane) { return ((wsx_f64x2)v)[lane]; }
WSX_INLINE v128 wsx_i8x16_replace_lane(v128 v, int lane, u32 x) { wsx_u8x16 t = (wsx_u8x16)v; t[lane] = (u8)x; return WSX_V(t); }
WSX_INLINE v128 wsx_i16x8_replace_lane(v128 v, int lane, u32 x) { wsx_u16x8 t = (wsx_u16x8)v; t[lane] = (u16)x; return WSX_V(t); }
WSX_INLINE v128 wsx_i32x4_replace_lane(v128 v, int lane, u32 x) { wsx_u32x4 t = (wsx_u32x4)v; t[lane] = x; return WSX_V(t); }
WSX_INLINE v128 wsx_i64x2_replace_lane(v128 v, int lane, u64 x) { wsx_u64x2 t = (wsx_u64x2)v; t[lane] = x; return WSX_V(t); }
WSX_INLINE v128 wsx_f32x4_replace_lane(v128 v, int lane, f32 x) { wsx_f32x4 t = (wsx_f32x4)v; t[lane] = x; return WSX_V(t); }
WSX_INLINE v128 wsx_f64x2_replace_lane(v128 v, int lane, f64 x) { wsx_f64x2 t = (wsx_f64x2)v; t[lane] = x; return WSX_V(t); }
/* i8x16.shuffle: the translator writes the lane indices (0..31) as a constant mask. */
#define wsx_i8x16_shuffle(a, b, ...) \
  WSX_V(__builtin_shuffle((wsx_u8x16)(a), (wsx_u8x16)(b), (wsx_u8x16){__VA_ARGS__}))
/* Indices 16..255 select 0: saturating +0x70 keeps 0..15 in the low nibble with the top bit
 * clear and sets the top bit (pshufb's "zero" flag) for everything else. */
WSX_INLINE v128 wsx_i8x16_swizzle(v128 a, v128 s) { return _mm_shuffle_epi8(a, _mm_adds_epu8(s, _mm_set1_epi8(0x70))); }

/* ---- bitwise ------------------------------------------------------------------------------ */

WSX_INLINE v128 wsx_v128_not(v128 a) { return WSX_V(~(wsx_u64x2)a); }
WSX_INLINE v128 wsx_v128_and(v128 a, v128 b) { return _mm_and_si128(a, b); }
WSX_INLINE v128 wsx_v128_andnot(v128 a, v128 b) { return _mm_andnot_si128(b, a); }
WSX_INLINE v128 wsx_v128_or(v128 a, v128 b) { return _mm_or_si128(a, b); }
WSX_INLINE v128 wsx_v128_xor(v128 a, v128 b) { return _mm_xor_si128(a, b); }
WSX_INLINE v128 wsx_v128_bitselect(v128 a, v128 b, v128 c) { return _mm_or_si128(_mm_and_si128(a, c), _mm_andnot_si128(c, b)); }
WSX_INLINE u32 wsx_v128_any_true(v128 a) { return !_mm_testz_si128(a, a); }

/* ---- integer lanes ------------------------------------------------------------------------ */

/* Comparisons, add, sub, neg: GCC vector operators on the lane type (signed or unsigned). */
#define WSX_INT_LANE_OPS(SHAPE, S, U)                                                             \
  WSX_INLINE v128 wsx_##SHAPE##_eq(v128 a, v128 b) { return WSX_V((S)a == (S)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_ne(v128 a, v128 b) { return WSX_V((S)a != (S)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_lt_s(v128 a, v128 b) { return WSX_V((S)a < (S)b); }               \
  WSX_INLINE v128 wsx_##SHAPE##_lt_u(v128 a, v128 b) { return WSX_V((U)a < (U)b); }               \
  WSX_INLINE v128 wsx_##SHAPE##_gt_s(v128 a, v128 b) { return WSX_V((S)a > (S)b); }               \
  WSX_INLINE v128 wsx_##SHAPE##_gt_u(v128 a, v128 b) { return WSX_V((U)a > (U)b); }               \
  WSX_INLINE v128 wsx_##SHAPE##_le_s(v128 a, v128 b) { return WSX_V((S)a <= (S)b); }              \
  WSX_INLINE v128 wsx_##SHAPE##_le_u(v128 a, v128 b) { return WSX_V((U)a <= (U)b); }              \
  WSX_INLINE v128 wsx_##SHAPE##_ge_s(v128 a, v128 b) { return WSX_V((S)a >= (S)b); }              \
  WSX_INLINE v128 wsx_##SHAPE##_ge_u(v128 a, v128 b) { return WSX_V((U)a >= (U)b); }              \
  WSX_INLINE v128 wsx_##SHAPE##_add(v128 a, v128 b) { return WSX_V((U)a + (U)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_sub(v128 a, v128 b) { return WSX_V((U)a - (U)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_neg(v128 a) { return WSX_V(-(U)a); }

WSX_INT_LANE_OPS(i8x16, wsx_i8x16, wsx_u8x16)
WSX_INT_LANE_OPS(i16x8, wsx_i16x8, wsx_u16x8)
WSX_INT_LANE_OPS(i32x4, wsx_i32x4, wsx_u32x4)
WSX_INLINE v128 wsx_i64x2_eq(v128 a, v128 b) { return WSX_V((wsx_i64x2)a == (wsx_i64x2)b); }
WSX_INLINE v128 wsx_i64x2_ne(v128 a, v128 b) { return WSX_V((wsx_i64x2)a != (wsx_i64x2)b); }
WSX_INLINE v128 wsx_i64x2_lt_s(v128 a, v128 b) { return WSX_V((wsx_i64x2)a < (wsx_i64x2)b); }
WSX_INLINE v128 wsx_i64x2_gt_s(v128 a, v128 b) { return WSX_V((wsx_i64x2)a > (wsx_i64x2)b); }
WSX_INLINE v128 wsx_i64x2_le_s(v128 a, v128 b) { return WSX_V((wsx_i64x2)a <= (wsx_i64x2)b); }
WSX_INLINE v128 wsx_i64x2_ge_s(v128 a, v128 b) { return WSX_V((wsx_i64x2)a >= (wsx_i64x2)b); }
WSX_INLINE v128 wsx_i64x2_add(v128 a, v128 b) { return WSX_V((wsx_u64x2)a + (wsx_u64x2)b); }
WSX_INLINE v128 wsx_i64x2_sub(v128 a, v128 b) { return WSX_V((wsx_u64x2)a - (wsx_u64x2)b); }
WSX_INLINE v128 wsx_i64x2_neg(v128 a) { return WSX_V(-(wsx_u64x2)a); }
WSX_INLINE v128 wsx_i16x8_mul(v128 a, v128 b) { return _mm_mullo_epi16(a, b); }
WSX_INLINE v128 wsx_i32x4_mul(v128 a, v128 b) { return _mm_mullo_epi32(a, b); }
WSX_INLINE v128 wsx_i64x2_mul(v128 a, v128 b) { return WSX_V((wsx_u64x2)a * (wsx_u64x2)b); }

/* Shifts take the count modulo the lane width. */
#define WSX_SHIFTS(SHAPE, S, U, BITS)                                                             \
  WSX_INLINE v128 wsx_##SHAPE##_shl(v128 a, u32 n) { return WSX_V((U)a << (int)(n & (BITS - 1))); } \
  WSX_INLINE v128 wsx_##SHAPE##_shr_s(v128 a, u32 n) { return WSX_V((S)a >> (int)(n & (BITS - 1))); } \
  WSX_INLINE v128 wsx_##SHAPE##_shr_u(v128 a, u32 n) { return WSX_V((U)a >> (int)(n & (BITS - 1))); }
WSX_SHIFTS(i8x16, wsx_i8x16, wsx_u8x16, 8)
WSX_SHIFTS(i16x8, wsx_i16x8, wsx_u16x8, 16)
WSX_SHIFTS(i32x4, wsx_i32x4, wsx_u32x4, 32)
WSX_SHIFTS(i64x2, wsx_i64x2, wsx_u64x2, 64)

WSX_INLINE v128 wsx_i8x16_abs(v128 a) { return _mm_abs_epi8(a); }
WSX_INLINE v128 wsx_i16x8_abs(v128 a) { return _mm_abs_epi16(a); }
WSX_INLINE v128 wsx_i32x4_abs(v128 a) { return _mm_abs_epi32(a); }
WSX_INLINE v128 wsx_i64x2_abs(v128 a) {
  const wsx_i64x2 sign = (wsx_i64x2)a >> 63;
  return WSX_V(((wsx_i64x2)a ^ sign) - sign);
}

WSX_INLINE v128 wsx_i8x16_add_sat_s(v128 a, v128 b) { return _mm_adds_epi8(a, b); }
WSX_INLINE v128 wsx_i8x16_add_sat_u(v128 a, v128 b) { return _mm_adds_epu8(a, b); }
WSX_INLINE v128 wsx_i8x16_sub_sat_s(v128 a, v128 b) { return _mm_subs_epi8(a, b); }
WSX_INLINE v128 wsx_i8x16_sub_sat_u(v128 a, v128 b) { return _mm_subs_epu8(a, b); }
WSX_INLINE v128 wsx_i16x8_add_sat_s(v128 a, v128 b) { return _mm_adds_epi16(a, b); }
WSX_INLINE v128 wsx_i16x8_add_sat_u(v128 a, v128 b) { return _mm_adds_epu16(a, b); }
WSX_INLINE v128 wsx_i16x8_sub_sat_s(v128 a, v128 b) { return _mm_subs_epi16(a, b); }
WSX_INLINE v128 wsx_i16x8_sub_sat_u(v128 a, v128 b) { return _mm_subs_epu16(a, b); }
WSX_INLINE v128 wsx_i8x16_min_s(v128 a, v128 b) { return _mm_min_epi8(a, b); }
WSX_INLINE v128 wsx_i8x16_min_u(v128 a, v128 b) { return _mm_min_epu8(a, b); }
WSX_INLINE v128 wsx_i8x16_max_s(v128 a, v128 b) { return _mm_max_epi8(a, b); }
WSX_INLINE v128 wsx_i8x16_max_u(v128 a, v128 b) { return _mm_max_epu8(a, b); }
WSX_INLINE v128 wsx_i16x8_min_s(v128 a, v128 b) { return _mm_min_epi16(a, b); }
WSX_INLINE v128 wsx_i16x8_min_u(v128 a, v128 b) { return _mm_min_epu16(a, b); }
WSX_INLINE v128 wsx_i16x8_max_s(v128 a, v128 b) { return _mm_max_epi16(a, b); }
WSX_INLINE v128 wsx_i16x8_max_u(v128 a, v128 b) { return _mm_max_epu16(a, b); }
WSX_INLINE v128 wsx_i32x4_min_s(v128 a, v128 b) { return _mm_min_epi32(a, b); }
WSX_INLINE v128 wsx_i32x4_min_u(v128 a, v128 b) { return _mm_min_epu32(a, b); }
WSX_INLINE v128 wsx_i32x4_max_s(v128 a, v128 b) { return _mm_max_epi32(a, b); }
WSX_INLINE v128 wsx_i32x4_max_u(v128 a, v128 b) { return _mm_max_epu32(a, b); }
WSX_INLINE v128 wsx_i8x16_avgr_u(v128 a, v128 b) { return _mm_avg_epu8(a, b); }
WSX_INLINE v128 wsx_i16x8_avgr_u(v128 a, v128 b) { return _mm_avg_epu16(a, b); }

WSX_INLINE v128 wsx_i8x16_popcnt(v128 a) {
  const v128 table = _mm_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const v128 nibble = _mm_set1_epi8(0x0f);
  const v128 low = _mm_shuffle_epi8(table, _mm_and_si128(a, nibble));
  const v128 high = _mm_shuffle_epi8(table, _mm_and_si128(_mm_srli_epi16(a, 4), nibble));
  return _mm_add_epi8(low, high);
}

WSX_INLINE u32 wsx_i8x16_all_true(v128 a) { return _mm_movemask_epi8(_mm_cmpeq_epi8(a, _mm_setzero_si128())) == 0; }
WSX_INLINE u32 wsx_i16x8_all_true(v128 a) { return _mm_movemask_epi8(_mm_cmpeq_epi16(a, _mm_setzero_si128())) == 0; }
WSX_INLINE u32 wsx_i32x4_all_true(v128 a) { return _mm_movemask_epi8(_mm_cmpeq_epi32(a, _mm_setzero_si128())) == 0; }
WSX_INLINE u32 wsx_i64x2_all_true(v128 a) { return _mm_movemask_epi8(_mm_cmpeq_epi64(a, _mm_setzero_si128())) == 0; }
WSX_INLINE u32 wsx_i8x16_bitmask(v128 a) { return (u32)_mm_movemask_epi8(a); }
WSX_INLINE u32 wsx_i16x8_bitmask(v128 a) { return (u32)_mm_movemask_epi8(_mm_packs_epi16(a, _mm_setzero_si128())); }
WSX_INLINE u32 wsx_i32x4_bitmask(v128 a) { return (u32)_mm_movemask_ps(WSX_PS(a)); }
WSX_INLINE u32 wsx_i64x2_bitmask(v128 a) { return (u32)_mm_movemask_pd(WSX_PD(a)); }

WSX_INLINE v128 wsx_i8x16_narrow_i16x8_s(v128 a, v128 b) { return _mm_packs_epi16(a, b); }
WSX_INLINE v128 wsx_i8x16_narrow_i16x8_u(v128 a, v128 b) { return _mm_packus_epi16(a, b); }
WSX_INLINE v128 wsx_i16x8_narrow_i32x4_s(v128 a, v128 b) { return _mm_packs_epi32(a, b); }
WSX_INLINE v128 wsx_i16x8_narrow_i32x4_u(v128 a, v128 b) { return _mm_packus_epi32(a, b); }

#define WSX_HIGH(a) _mm_unpackhi_epi64((a), (a))
WSX_INLINE v128 wsx_i16x8_extend_low_i8x16_s(v128 a) { return _mm_cvtepi8_epi16(a); }
WSX_INLINE v128 wsx_i16x8_extend_high_i8x16_s(v128 a) { return _mm_cvtepi8_epi16(WSX_HIGH(a)); }
WSX_INLINE v128 wsx_i16x8_extend_low_i8x16_u(v128 a) { return _mm_cvtepu8_epi16(a); }
WSX_INLINE v128 wsx_i16x8_extend_high_i8x16_u(v128 a) { return _mm_cvtepu8_epi16(WSX_HIGH(a)); }
WSX_INLINE v128 wsx_i32x4_extend_low_i16x8_s(v128 a) { return _mm_cvtepi16_epi32(a); }
WSX_INLINE v128 wsx_i32x4_extend_high_i16x8_s(v128 a) { return _mm_cvtepi16_epi32(WSX_HIGH(a)); }
WSX_INLINE v128 wsx_i32x4_extend_low_i16x8_u(v128 a) { return _mm_cvtepu16_epi32(a); }
WSX_INLINE v128 wsx_i32x4_extend_high_i16x8_u(v128 a) { return _mm_cvtepu16_epi32(WSX_HIGH(a)); }
WSX_INLINE v128 wsx_i64x2_extend_low_i32x4_s(v128 a) { return _mm_cvtepi32_epi64(a); }
WSX_INLINE v128 wsx_i64x2_extend_high_i32x4_s(v128 a) { return _mm_cvtepi32_epi64(WSX_HIGH(a)); }
WSX_INLINE v128 wsx_i64x2_extend_low_i32x4_u(v128 a) { return _mm_cvtepu32_epi64(a); }
WSX_INLINE v128 wsx_i64x2_extend_high_i32x4_u(v128 a) { return _mm_cvtepu32_epi64(WSX_HIGH(a)); }

WSX_INLINE v128 wsx_i16x8_extmul_low_i8x16_s(v128 a, v128 b) { return _mm_mullo_epi16(wsx_i16x8_extend_low_i8x16_s(a), wsx_i16x8_extend_low_i8x16_s(b)); }
WSX_INLINE v128 wsx_i16x8_extmul_high_i8x16_s(v128 a, v128 b) { return _mm_mullo_epi16(wsx_i16x8_extend_high_i8x16_s(a), wsx_i16x8_extend_high_i8x16_s(b)); }
WSX_INLINE v128 wsx_i16x8_extmul_low_i8x16_u(v128 a, v128 b) { return _mm_mullo_epi16(wsx_i16x8_extend_low_i8x16_u(a), wsx_i16x8_extend_low_i8x16_u(b)); }
WSX_INLINE v128 wsx_i16x8_extmul_high_i8x16_u(v128 a, v128 b) { return _mm_mullo_epi16(wsx_i16x8_extend_high_i8x16_u(a), wsx_i16x8_extend_high_i8x16_u(b)); }
WSX_INLINE v128 wsx_i32x4_extmul_low_i16x8_s(v128 a, v128 b) { return _mm_mullo_epi32(wsx_i32x4_extend_low_i16x8_s(a), wsx_i32x4_extend_low_i16x8_s(b)); }
WSX_INLINE v128 wsx_i32x4_extmul_high_i16x8_s(v128 a, v128 b) { return _mm_mullo_epi32(wsx_i32x4_extend_high_i16x8_s(a), wsx_i32x4_extend_high_i16x8_s(b)); }
WSX_INLINE v128 wsx_i32x4_extmul_low_i16x8_u(v128 a, v128 b) { return _mm_mullo_epi32(wsx_i32x4_extend_low_i16x8_u(a), wsx_i32x4_extend_low_i16x8_u(b)); }
WSX_INLINE v128 wsx_i32x4_extmul_high_i16x8_u(v128 a, v128 b) { return _mm_mullo_epi32(wsx_i32x4_extend_high_i16x8_u(a), wsx_i32x4_extend_high_i16x8_u(b)); }
/* pmuldq/pmuludq multiply lanes 0 and 2: move the wanted lanes there first. */
WSX_INLINE v128 wsx_i64x2_extmul_low_i32x4_s(v128 a, v128 b) { return _mm_mul_epi32(_mm_shuffle_epi32(a, 0x50), _mm_shuffle_epi32(b, 0x50)); }
WSX_INLINE v128 wsx_i64x2_extmul_high_i32x4_s(v128 a, v128 b) { return _mm_mul_epi32(_mm_shuffle_epi32(a, 0xfa), _mm_shuffle_epi32(b, 0xfa)); }
WSX_INLINE v128 wsx_i64x2_extmul_low_i32x4_u(v128 a, v128 b) { return _mm_mul_epu32(_mm_shuffle_epi32(a, 0x50), _mm_shuffle_epi32(b, 0x50)); }
WSX_INLINE v128 wsx_i64x2_extmul_high_i32x4_u(v128 a, v128 b) { return _mm_mul_epu32(_mm_shuffle_epi32(a, 0xfa), _mm_shuffle_epi32(b, 0xfa)); }

WSX_INLINE v128 wsx_i16x8_extadd_pairwise_i8x16_s(v128 a) { return _mm_maddubs_epi16(_mm_set1_epi8(1), a); }
WSX_INLINE v128 wsx_i16x8_extadd_pairwise_i8x16_u(v128 a) { return _mm_maddubs_epi16(a, _mm_set1_epi8(1)); }
WSX_INLINE v128 wsx_i32x4_extadd_pairwise_i16x8_s(v128 a) { return _mm_madd_epi16(a, _mm_set1_epi16(1)); }
/* Unsigned: bias each lane into signed range, add pairwise, remove the bias (2 * 32768). */
WSX_INLINE v128 wsx_i32x4_extadd_pairwise_i16x8_u(v128 a) {
  const v128 biased = _mm_xor_si128(a, _mm_set1_epi16((short)0x8000));
  return _mm_add_epi32(_mm_madd_epi16(biased, _mm_set1_epi16(1)), _mm_set1_epi32(65536));
}
/* pmulhrsw wraps only for -32768 * -32768 (giving -32768); wasm saturates that to 32767. */
WSX_INLINE v128 wsx_i16x8_q15mulr_sat_s(v128 a, v128 b) {
  const v128 r = _mm_mulhrs_epi16(a, b);
  return _mm_xor_si128(r, _mm_cmpeq_epi16(r, _mm_set1_epi16((short)0x8000)));
}
WSX_INLINE v128 wsx_i32x4_dot_i16x8_s(v128 a, v128 b) { return _mm_madd_epi16(a, b); }

/* ---- float lanes -------------------------------------------------------------------------- */

#define WSX_FLOAT_LANE_OPS(SHAPE, F, P, SIGN, SETONE)                                             \
  WSX_INLINE v128 wsx_##SHAPE##_eq(v128 a, v128 b) { return WSX_V((F)a == (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_ne(v128 a, v128 b) { return WSX_V((F)a != (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_lt(v128 a, v128 b) { return WSX_V((F)a < (F)b); }                 \
  WSX_INLINE v128 wsx_##SHAPE##_gt(v128 a, v128 b) { return WSX_V((F)a > (F)b); }                 \
  WSX_INLINE v128 wsx_##SHAPE##_le(v128 a, v128 b) { return WSX_V((F)a <= (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_ge(v128 a, v128 b) { return WSX_V((F)a >= (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_add(v128 a, v128 b) { return WSX_V((F)a + (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_sub(v128 a, v128 b) { return WSX_V((F)a - (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_mul(v128 a, v128 b) { return WSX_V((F)a * (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_div(v128 a, v128 b) { return WSX_V((F)a / (F)b); }                \
  WSX_INLINE v128 wsx_##SHAPE##_abs(v128 a) { return _mm_andnot_si128(SETONE(SIGN), a); }         \
  WSX_INLINE v128 wsx_##SHAPE##_neg(v128 a) { return _mm_xor_si128(SETONE(SIGN), a); }            \
  WSX_INLINE v128 wsx_##SHAPE##_sqrt(v128 a) { return WSX_FROM_##P(_mm_sqrt_##P##_lower(a)); }    \
  WSX_INLINE v128 wsx_##SHAPE##_ceil(v128 a) { return WSX_FROM_##P(_mm_round_##P##_lower(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC)); } \
  WSX_INLINE v128 wsx_##SHAPE##_floor(v128 a) { return WSX_FROM_##P(_mm_round_##P##_lower(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)); } \
  WSX_INLINE v128 wsx_##SHAPE##_trunc(v128 a) { return WSX_FROM_##P(_mm_round_##P##_lower(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC)); } \
  WSX_INLINE v128 wsx_##SHAPE##_nearest(v128 a) { return WSX_FROM_##P(_mm_round_##P##_lower(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)); } \
  /* min/max: SSE returns the second operand for NaNs and for two zeros, so take both orders: OR \
   * keeps a -0 (min), AND keeps a +0 (max); lanes with a NaN become all-ones, a NaN. */           \
  WSX_INLINE v128 wsx_##SHAPE##_min(v128 a, v128 b) {                                             \
    const v128 m = _mm_or_si128(WSX_FROM_##P(_mm_min_##P##_lower(a, b)), WSX_FROM_##P(_mm_min_##P##_lower(b, a))); \
    return _mm_or_si128(m, WSX_FROM_##P(_mm_cmpunord_##P##_lower(a, b)));                          \
  }                                                                                               \
  WSX_INLINE v128 wsx_##SHAPE##_max(v128 a, v128 b) {                                             \
    const v128 m = _mm_and_si128(WSX_FROM_##P(_mm_max_##P##_lower(a, b)), WSX_FROM_##P(_mm_max_##P##_lower(b, a))); \
    return _mm_or_si128(m, WSX_FROM_##P(_mm_cmpunord_##P##_lower(a, b)));                          \
  }                                                                                               \
  /* pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a: exactly minps/maxps (b, a). */     \
  WSX_INLINE v128 wsx_##SHAPE##_pmin(v128 a, v128 b) { return WSX_FROM_##P(_mm_min_##P##_lower(b, a)); } \
  WSX_INLINE v128 wsx_##SHAPE##_pmax(v128 a, v128 b) { return WSX_FROM_##P(_mm_max_##P##_lower(b, a)); }

/* The _lower wrappers take v128 so the macro above stays one shape for both widths. */
#define WSX_PS_WRAP(op) \
  WSX_INLINE __m128 _mm_##op##_ps_lower(v128 a, v128 b) { return _mm_##op##_ps(WSX_PS(a), WSX_PS(b)); }
#define WSX_PD_WRAP(op) \
  WSX_INLINE __m128d _mm_##op##_pd_lower(v128 a, v128 b) { return _mm_##op##_pd(WSX_PD(a), WSX_PD(b)); }
WSX_PS_WRAP(min) WSX_PS_WRAP(max) WSX_PS_WRAP(cmpunord)
WSX_PD_WRAP(min) WSX_PD_WRAP(max) WSX_PD_WRAP(cmpunord)
WSX_INLINE __m128 _mm_sqrt_ps_lower(v128 a) { return _mm_sqrt_ps(WSX_PS(a)); }
WSX_INLINE __m128d _mm_sqrt_pd_lower(v128 a) { return _mm_sqrt_pd(WSX_PD(a)); }
#define _mm_round_ps_lower(a, mode) _mm_round_ps(WSX_PS(a), (mode))
#define _mm_round_pd_lower(a, mode) _mm_round_pd(WSX_PD(a), (mode))
#define WSX_FROM_ps WSX_FROM_PS
#define WSX_FROM_pd WSX_FROM_PD
#define WSX_SET1_32(x) _mm_set1_epi32((int)(x))
#define WSX_SET1_64(x) _mm_set1_epi64x((long long)(x))

WSX_FLOAT_LANE_OPS(f32x4, wsx_f32x4, ps, 0x80000000u, WSX_SET1_32)
WSX_FLOAT_LANE_OPS(f64x2, wsx_f64x2, pd, 0x8000000000000000ull, WSX_SET1_64)

/* ---- conversions -------------------------------------------------------------------------- */

/* cvttps2dq gives 0x80000000 for NaN and out-of-range lanes: zero the NaNs first, then flip the
 * positive overflows to INT32_MAX. */
WSX_INLINE v128 wsx_i32x4_trunc_sat_f32x4_s(v128 a) {
  const __m128 x = WSX_PS(a);
  const __m128 clean = _mm_and_ps(x, _mm_cmpeq_ps(x, x));
  const v128 r = _mm_cvttps_epi32(clean);
  return _mm_xor_si128(r, WSX_FROM_PS(_mm_cmpge_ps(clean, _mm_set1_ps(2147483648.0f))));
}
/* max(x, 0) also turns NaN into 0; lanes >= 2^31 convert after subtracting 2^31 and get the top
 * bit back; lanes >= 2^32 saturate to all-ones. */
WSX_INLINE v128 wsx_i32x4_trunc_sat_f32x4_u(v128 a) {
  const __m128 x = _mm_max_ps(WSX_PS(a), _mm_setzero_ps());
  const __m128 two31 = _mm_set1_ps(2147483648.0f);
  const __m128 big = _mm_cmpge_ps(x, two31);
  const v128 low = _mm_cvttps_epi32(_mm_sub_ps(x, _mm_and_ps(big, two31)));
  const v128 r = _mm_xor_si128(low, _mm_and_si128(WSX_FROM_PS(big), _mm_set1_epi32((int)0x80000000u)));
  return _mm_or_si128(r, WSX_FROM_PS(_mm_cmpge_ps(x, _mm_set1_ps(4294967296.0f))));
}
WSX_INLINE v128 wsx_f32x4_convert_i32x4_s(v128 a) { return WSX_FROM_PS(_mm_cvtepi32_ps(a)); }
/* High and low 16 bits convert exactly; their sum rounds once, as a direct conversion would. */
WSX_INLINE v128 wsx_f32x4_convert_i32x4_u(v128 a) {
  const __m128 high = _mm_cvtepi32_ps(_mm_srli_epi32(a, 16));
  const __m128 low = _mm_cvtepi32_ps(_mm_and_si128(a, _mm_set1_epi32(0xffff)));
  return WSX_FROM_PS(_mm_add_ps(_mm_mul_ps(high, _mm_set1_ps(65536.0f)), low));
}
WSX_INLINE v128 wsx_i32x4_trunc_sat_f64x2_s_zero(v128 a) {
  const __m128d x = WSX_PD(a);
  const __m128d clean = _mm_and_pd(x, _mm_cmpeq_pd(x, x));
  const __m128d clamped = _mm_min_pd(_mm_max_pd(clean, _mm_set1_pd(-2147483648.0)), _mm_set1_pd(2147483647.0));
  return _mm_cvttpd_epi32(clamped);
}
/* Truncated values in [0, 2^32 - 1] plus 2^52 have the integer in the low 32 mantissa bits. */
WSX_INLINE v128 wsx_i32x4_trunc_sat_f64x2_u_zero(v128 a) {
  const __m128d clamped = _mm_min_pd(_mm_max_pd(WSX_PD(a), _mm_setzero_pd()), _mm_set1_pd(4294967295.0));
  const __m128d shifted = _mm_add_pd(_mm_round_pd(clamped, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), _mm_set1_pd(4503599627370496.0));
  return WSX_FROM_PS(_mm_shuffle_ps(_mm_castpd_ps(shifted), _mm_setzero_ps(), 0x88));
}
WSX_INLINE v128 wsx_f64x2_convert_low_i32x4_s(v128 a) { return WSX_FROM_PD(_mm_cvtepi32_pd(a)); }
/* 2^52 + u as a double's bits, minus 2^52: exact. */
WSX_INLINE v128 wsx_f64x2_convert_low_i32x4_u(v128 a) {
  const v128 bits = _mm_unpacklo_epi32(a, _mm_set1_epi32(0x43300000));
  return WSX_FROM_PD(_mm_sub_pd(WSX_PD(bits), _mm_set1_pd(4503599627370496.0)));
}
WSX_INLINE v128 wsx_f32x4_demote_f64x2_zero(v128 a) { return WSX_FROM_PS(_mm_cvtpd_ps(WSX_PD(a))); }
WSX_INLINE v128 wsx_f64x2_promote_low_f32x4(v128 a) { return WSX_FROM_PD(_mm_cvtps_pd(WSX_PS(a))); }
