// The preview's last safety, after the engine and its limiter: a WaveShaperNode whose curve is
// the identity up to the ceiling and flat beyond. A WaveShaperNode maps its input over [-1, 1]
// onto the curve, interpolating linearly between points, and gives inputs beyond ±1 the curve's
// end values, so any level, however far over full scale, leaves at most at the ceiling; below it
// the identity's points are joined by straight lines, which is the identity again (no colour).
export function ceilingCurve(db: number, points = 8193): Float32Array<ArrayBuffer> {
  const ceiling = 10 ** (db / 20);
  const curve = new Float32Array(points);
  for (let i = 0; i < points; ++i) {
    const x = (2 * i) / (points - 1) - 1;
    curve[i] = Math.min(ceiling, Math.max(-ceiling, x));
  }
  return curve;
}

// What a WaveShaperNode without oversampling makes of `x` with `curve` (the Web Audio API's
// definition), for the tests.
export function shaped(curve: Float32Array, x: number): number {
  const n = curve.length;
  const v = ((n - 1) / 2) * (x + 1);
  if (v <= 0) return curve[0];
  if (v >= n - 1) return curve[n - 1];
  const k = Math.floor(v);
  const f = v - k;
  return (1 - f) * curve[k] + f * curve[k + 1];
}
