// The session library's validation (engine.wasm's we_load_session, the same code the studio opens
// a session with) for readProjectFile/importProjectFile: a project whose session would not open
// is still imported with its audio (PF-5), and the user is told why, path by path.
import { EngineHost } from '../../../../engine/js/engine_host.mjs';

export function engineSessionValidator(engineModule: WebAssembly.Module): (text: string) => string[] {
  const engine = new EngineHost(engineModule);
  return (text) => engine.loadSession(text).errors.map((error) =>
    (error.path ? `${error.path}: ${error.message}` : error.message));
}
