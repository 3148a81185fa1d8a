// No fused multiply-add in translated code, whatever shape the arithmetic has (ABI-18).
//
// -ffp-contract=off stops GCC from contracting a*b+c, but GCC 12's SLP vectoriser recognises a
// complex multiplication - two adjacent doubles (s, c) rotated by two adjacent doubles (cd, sd),
// the quadrature oscillator of the factory reverb (wsp::dsp::QuadratureLfo) - and emits
// vfmaddsub231pd for it on a CPU with FMA: one product of each lane is not rounded, so the
// rotation drifts from V8's by an ulp now and then. In the reverb that showed as 1-LSB
// differences in the demo's reverb stem depending on unrelated code shape (whether loads went
// through WSX_FORCE_READ). The runtime forbids FMA instructions (wsx_runtime.c); this test
// rotates the same way, many times, in the sandbox and in V8.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "differential/differential_harness.hpp"

namespace wstudio::host::testing {
namespace {

std::string f64Literal(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%a", v);
  return text;
}

TEST(TranslatorVsV8, ComplexRotationIsNotFused) {
  // The reverb's LFO: a 0.53 Hz rotation at 48 kHz, state (sin, cos) at 16 and 24, increment
  // (cos, sin) at 32 and 40, exactly as the plugin's memory lays them out.
  const double step = 2.0 * M_PI * 0.53 / 48000.0;
  const std::string wat = R"((module
  (memory (export "memory") 1)
  (func (export "rotate") (param $n i32) (param $q i32) (local $s f64) (local $c f64) (local $cd f64) (local $sd f64)
    (f64.store (i32.const 16) (f64.const 0))
    (f64.store (i32.const 24) (f64.const 1))
    (f64.store (i32.const 32) (f64.const )" + f64Literal(std::cos(step)) + R"())
    (f64.store (i32.const 40) (f64.const )" + f64Literal(std::sin(step)) + R"())
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (f64.load (i32.const 16)))
        (local.set $c (f64.load (i32.const 24)))
        ;; other work between the state's load and its update, through an address the
        ;; compiler cannot see (as the reverb's delay lines are)
        (f32.store (local.get $q) (f32.demote_f64 (f64.add (local.get $s) (local.get $c))))
        (local.set $cd (f64.load (i32.const 32)))
        (local.set $sd (f64.load (i32.const 40)))
        (f64.store (i32.const 24) (f64.add (f64.mul (local.get $c) (local.get $cd))
                                           (f64.mul (local.get $s) (local.get $sd))))
        (f64.store (i32.const 16) (f64.sub (f64.mul (local.get $s) (local.get $cd))
                                           (f64.mul (local.get $sd) (local.get $c))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (f64.store (i32.const 0) (f64.load (i32.const 16)))
    (f64.store (i32.const 8) (f64.load (i32.const 24))))
))";
  std::vector<DiffCase> cases;
  for (uint32_t n : {1u, 2u, 3u, 10u, 1000u, 48000u, 480000u}) {
    cases.push_back({"rotate", {n, 64u}, ResultShape::F64x2, std::to_string(n) + " rotations"});
  }
  const auto mismatches = runDifferential("complex_rotation", wat, cases);
  EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " differ, first: " << (mismatches.empty() ? "" : mismatches[0]);
}

}  // namespace
}  // namespace wstudio::host::testing
