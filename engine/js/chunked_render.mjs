// An offline render the caller paces: [start, end) of the prepared session through the engine's
// player, a few blocks per advance() call, so that a worker can report progress and take a
// cancel between calls. It does what the native offline renderer does (engine/src/
// offline_renderer.cpp) with the same blocks: play from `start` without looping, render the
// range plus the graph's latency, keep rendered frame r as timeline frame r - latency (delay
// compensation taken out). The player must not have played since prepare(): its plugins start
// fresh, like the offline renderer's own instances, and the result is the same sample for sample
// as EngineHost.renderOffline (tests/chunked_render.test.mjs). Stems, as the native renderer's:
// tracks after their faders, each aligned by its own latency; an unknown track id is silence.
export class ChunkedRender {
  // `engine`: an EngineHost with its session loaded, plugins and sources added, prepared.
  // `stems`: track ids.
  constructor(engine, { start = 0, end, stems = [] }) {
    if (!(end >= start)) throw new Error(`ChunkedRender: the range ${start}..${end} is empty or reversed`);
    this.engine = engine;
    this.length = end - start;
    this.latency = engine.latency();
    this.total = this.length + this.latency;  // rendered frames, the latency included
    this.rendered = 0;
    this.left = new Float32Array(this.length);
    this.right = new Float32Array(this.length);
    const tracks = engine.trackIds();
    this.stems = stems.map((id) => {
      const index = tracks.indexOf(id);
      return {
        id, index, latency: index >= 0 ? engine.trackLatency(index) : 0,
        left: new Float32Array(this.length), right: new Float32Array(this.length),
      };
    });
    engine.setLooping(false);  // an export ignores the loop region, as vaist render does
    engine.seek(start);
    engine.play();
  }

  get done() { return this.rendered >= this.total; }
  get fraction() { return this.total === 0 ? 1 : this.rendered / this.total; }
  // Timeline frames of the result written so far.
  get frames() { return Math.min(this.length, Math.max(0, this.rendered - this.latency)); }

  // Keeps the `n` frames just rendered of a signal lagging the timeline by `latency` in
  // target.left/right: rendered frame rendered + i is timeline frame rendered + i - latency.
  keep(target, latency, [left, right], n) {
    const first = Math.max(0, latency - this.rendered);
    const last = Math.min(n, this.length + latency - this.rendered);
    if (last <= first) return;
    const at = this.rendered + first - latency;
    target.left.set(left.subarray(first, last), at);
    target.right.set(right.subarray(first, last), at);
  }

  // Renders up to `frames` more frames, in blocks of the prepared size (the last one shorter).
  advance(frames) {
    const block = this.engine.maxBlockFrames;
    for (let budget = frames; budget > 0 && !this.done; budget -= block) {
      const n = Math.min(block, this.total - this.rendered);
      this.engine.render(n);
      this.keep(this, this.latency, this.engine.outputs(), n);
      for (const stem of this.stems) {
        if (stem.index >= 0) this.keep(stem, stem.latency, this.engine.trackOutputs(stem.index), n);
      }
      this.rendered += n;
    }
  }
}
