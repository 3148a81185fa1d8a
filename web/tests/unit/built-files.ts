// What the unit tests that run the real session library read from the build: engine.wasm and the
// demo session, staged into web/dist by the web_app target.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export async function builtEngineAndDemo(): Promise<{ engine: WebAssembly.Module; demo: Uint8Array }> {
  const dist = join(import.meta.dirname, '../../dist');
  return {
    engine: await WebAssembly.compile(readFileSync(join(dist, 'engine/engine.wasm'))),
    demo: new Uint8Array(readFileSync(join(dist, 'demo/demo.session.json'))),
  };
}
