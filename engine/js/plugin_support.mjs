// What every plugin format's driver in engine/js shares (wsp_plugins.mjs, vaist_plugins.mjs):
// moving audio between the engine's staging and a plugin's memory, and the small conversions of
// the wstudio_plugin imports' results. No Node API, nor any an AudioWorkletGlobalScope lacks.

// The first `frames` samples of one channel between the engine's staging and a plugin's
// buffer: a whole block as TypedArray.set (a memcpy); a shorter one element by element, because
// subarray() would allocate a view on the audio thread.
export function copyFrames(to, from, frames, whole) {
  if (whole) {
    to.set(from);
  } else {
    for (let i = 0; i < frames; ++i) to[i] = from[i];
  }
}

export function describeThrown(error) {
  return error instanceof Error ? error.message : String(error);
}

// A plugin's uint32 frame count (latency, tail) as an import's i32 result: saturated at
// 2^31 - 1, because negative results are CALL_ codes.
export function frameCount(value) {
  return value >>> 0 > 0x7fffffff ? 0x7fffffff : value >>> 0;
}

// Views of the staging buffers in engine memory, one set per distinct binding: engine.wasm binds
// every instance to the same staging (EW-4), so every instance copies through the same few view
// objects, which stay in the cache, where views of its own were cold at every call (a session
// calls hundreds of instances per block). Cut again when engine memory grew.
export class StagingViews {
  constructor() {
    this.from = null;  // the engine view the sets below were cut from
    this.sets = new Map();
  }

  // [main, or audio after engine memory grew] { inputs, outputs, inputSpan, outputSpan }: arrays
  // of views of `frames` floats per channel, and each direction's channels as one view.
  for(engineFloats, stage, frames, inputs, outputs) {
    if (this.from !== engineFloats) {
      this.from = engineFloats;
      this.sets.clear();
    }
    const key = `${stage.inputs}/${stage.outputs}/${frames}/${inputs}/${outputs}`;
    let set = this.sets.get(key);
    if (set === undefined) {
      const channels = (base, count) => Array.from({ length: count },
        (_, c) => engineFloats.subarray(base + c * frames, base + (c + 1) * frames));
      set = {
        inputs: channels(stage.inputs, inputs),
        outputs: channels(stage.outputs, outputs),
        inputSpan: engineFloats.subarray(stage.inputs, stage.inputs + inputs * frames),
        outputSpan: engineFloats.subarray(stage.outputs, stage.outputs + outputs * frames),
      };
      this.sets.set(key, set);
    }
    return set;
  }
}
