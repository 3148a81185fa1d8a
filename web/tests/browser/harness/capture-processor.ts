// Records what reaches its input, frame-stamped by the context's frame counter, into shared
// memory the test reads: [0] frames recorded, then the left channel from context frame `start`.
// Downstream of the engine node in the same graph, so a frame here is the frame the engine
// rendered in the same quantum.
class CaptureProcessor extends AudioWorkletProcessor {
  private header: Int32Array | null = null;
  private samples: Float32Array | null = null;
  private start = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<{ buffer: SharedArrayBuffer; start: number }>) => {
      this.header = new Int32Array(event.data.buffer, 0, 1);
      this.samples = new Float32Array(event.data.buffer, 4);
      this.start = event.data.start;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    const samples = this.samples;
    if (input === undefined || samples === null || this.header === null || currentFrame < this.start) return true;
    const at = currentFrame - this.start;
    if (at + input.length > samples.length) return true;
    samples.set(input, at);
    Atomics.store(this.header, 0, at + input.length);
    return true;
  }
}

registerProcessor('wasm-studio-test-capture', CaptureProcessor);
