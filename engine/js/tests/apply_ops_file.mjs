// Applies a batch of session operations to a session with engine.wasm and prints
// {"result": <the OPS-8 result>, "session": "<the session's canonical text>"} on stdout.
// The server's tests run it to check that the server and the browser's engine edit alike (OPS-1):
//   WSTUDIO_ENGINE_WASM=engine.wasm node apply_ops_file.mjs session.json batch.json
import { readFileSync } from 'node:fs';

import { EngineHost } from '../engine_host.mjs';

const [sessionFile, batchFile] = process.argv.slice(2);
const enginePath = process.env.WSTUDIO_ENGINE_WASM;
if (!sessionFile || !batchFile || !enginePath) {
  console.error('usage: WSTUDIO_ENGINE_WASM=engine.wasm node apply_ops_file.mjs session.json batch.json');
  process.exit(2);
}
const engine = new EngineHost(new WebAssembly.Module(readFileSync(enginePath)));
const loaded = engine.loadSession(readFileSync(sessionFile));
if (!loaded.ok) {
  console.error(`the session does not load: ${JSON.stringify(loaded.errors)}`);
  process.exit(1);
}
const result = engine.applyOps(readFileSync(batchFile));
process.stdout.write(JSON.stringify({ result, session: engine.sessionText() }));
