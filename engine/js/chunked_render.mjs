// An offline render the caller paces: [start, end) of the prepared session through the engine's
// player, a few blocks per advance() call, so that a worker can report progress and take a
// cancel between calls. It does what the native offline renderer does (engine/src/
// offline_renderer.cpp) with the same blocks: play from `start` without looping, render the
// range plus the graph's latency, keep rendered frame r as timeline frame r - latency (delay
// compensation taken out). The player must not have played since prepare(): its plugins start
// fresh, like the offline renderer's own instances, and the result is the same sample for sample
// as EngineHost.renderOffline (tests/chunked_render.test.mjs).
export class ChunkedRender {
  // `engine`: an EngineHost with its session loaded, plugins and sources added, prepared.
  constructor(engine, { start = 0, end }) {
    if (!(end >= start)) throw new Error(`ChunkedRender: the range ${start}..${end} is empty or reversed`);
    this.engine = engine;
    this.length = end - start;
    this.latency = engine.latency();
    this.total = this.length + this.latency;  // rendered frames, the latency included
    this.rendered = 0;
    this.left = new Float32Array(this.length);
    this.right = new Float32Array(this.length);
    engine.setLooping(false);  // an export ignores the loop region, as vaist render does
    engine.seek(start);
    engine.play();
  }

  get done() { return this.rendered >= this.total; }
  get fraction() { return this.total === 0 ? 1 : this.rendered / this.total; }
  // Timeline frames of the result written so far.
  get frames() { return Math.min(this.length, Math.max(0, this.rendered - this.latency)); }

  // Renders up to `frames` more frames, in blocks of the prepared size (the last one shorter).
  advance(frames) {
    const block = this.engine.maxBlockFrames;
    for (let budget = frames; budget > 0 && !this.done; budget -= block) {
      const n = Math.min(block, this.total - this.rendered);
      this.engine.render(n);
      const [left, right] = this.engine.outputs();
      // Rendered frame rendered + i is timeline frame rendered + i - latency.
      const first = Math.max(0, this.latency - this.rendered);
      const last = Math.min(n, this.length + this.latency - this.rendered);
      if (last > first) {
        const at = this.rendered + first - this.latency;
        this.left.set(left.subarray(first, last), at);
        this.right.set(right.subarray(first, last), at);
      }
      this.rendered += n;
    }
  }
}
