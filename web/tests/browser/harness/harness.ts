// The studio's audio modules, as the app bundles them, for the browser tests to drive
// (live.browser.test.mjs): window.harness.
import captureUrl from './capture-processor.ts?worker&url';
import { ModuleCache } from '../../../src/main/audio/module-cache';
import { Transport } from '../../../src/main/studio/transport';
import * as protocol from '../../../src/shared/engine-protocol';

// Starts recording `transport`'s output from the next quantum on: `seconds` of the left channel.
async function capture(transport: Transport, seconds: number): Promise<{ header: Int32Array; samples: Float32Array; start: number }> {
  const context = transport.context;
  await context.audioWorklet.addModule(captureUrl);
  const node = new AudioWorkletNode(context, 'wasm-studio-test-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
  transport.engine.node.connect(node);
  const frames = Math.round(seconds * context.sampleRate);
  const buffer = new SharedArrayBuffer(4 + frames * 4);
  const start = Math.round(context.currentTime * context.sampleRate) + 128 * 8;
  node.port.postMessage({ buffer, start });
  return { header: new Int32Array(buffer, 0, 1), samples: new Float32Array(buffer, 4), start };
}

Object.assign(window, { harness: { Transport, ModuleCache, protocol, capture } });
