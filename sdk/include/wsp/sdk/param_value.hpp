// The live value of one parameter in one instance: the target the host set (plain units, clamped
// and rounded by type) and, for smoothed float parameters, the glide toward it.
#pragma once

#include <cmath>
#include <cstdint>

#include "wsp/dsp/smoother.hpp"
#include "wsp/sdk/param.hpp"

namespace wsp::sdk {

// Clamps to [min, max] and rounds whole-number types; NaN is not a value and yields NaN (the
// caller ignores it).
inline double constrain(const Param& spec, double plain) {
  if (plain != plain) return plain;
  double v = plain < spec.min ? spec.min : (plain > spec.max ? spec.max : plain);
  if (spec.type != ParamType::Float) v = std::floor(v + 0.5);
  return v;
}

class ParamValue {
 public:
  // The target in plain units: what the host last set, what wsp_param_get reports.
  double value() const { return target_; }
  // Int, bool and choice parameters, read as what they are.
  int asInt() const { return int(target_); }
  bool on() const { return target_ >= 0.5; }
  uint32_t index() const { return uint32_t(target_); }

  // Smoothed reading: call next() once per sample, or skip(frames) once per sub-block. Without
  // smoothing both return the target.
  float next() { return smoother_.next(); }
  float skip(uint32_t frames) { return smoother_.skip(frames); }
  float current() const { return smoother_.current(); }
  bool isSmoothing() const { return smoother_.isSmoothing(); }

  const Param& spec() const { return *spec_; }
  // The table's id, kept here: lookups by id then read only this instance's values, never the
  // static table (in a .wasm each instance has its own copy of static data, cold at every call
  // when a session runs hundreds of instances in turn).
  uint32_t id() const { return id_; }

  // --- used by the SDK's instance ---
  void bind(const Param& spec) {
    spec_ = &spec;
    id_ = spec.id;
    target_ = spec.defaultValue;
    smoother_.snapTo(float(target_));
  }
  void setup(double sampleRate) {
    smoother_.setup(sampleRate, spec_->isSmoothed() ? spec_->smoothingMs : 0.0);
  }
  // Returns false (and changes nothing) for NaN.
  bool set(double plain) {
    const double v = constrain(*spec_, plain);
    if (v != v) return false;
    target_ = v;
    smoother_.setTarget(float(v));
    return true;
  }
  void snap() { smoother_.snap(); }

 private:
  const Param* spec_ = nullptr;
  uint32_t id_ = 0;
  double target_ = 0.0;
  dsp::LinearSmoother smoother_;
};

}  // namespace wsp::sdk
