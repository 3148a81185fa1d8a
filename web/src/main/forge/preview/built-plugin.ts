// The plugin a finished, successful build made, as the preview loads it (by its module's sha256,
// with the descriptor the conformance suite read from it; a vAIst Forge module imported as built
// is a build of language vaist); null while nothing new is built.
import type { PluginDescriptorView } from '../../studio/plugins/param-scale';
import type { BuildState } from '../BuildPanel';
import type { BuiltPlugin } from './preview-player';

const lastBuilt = new Map<string, BuiltPlugin>();

export function builtPlugin(state: BuildState): BuiltPlugin | null {
  if (state.stage !== 'done' || state.build.status !== 'succeeded') return null;
  const { wasm, plugin } = state.build;
  if (wasm === undefined || plugin === undefined) return null;
  // The same object for the same module, so the preview sees no new build on a re-render.
  let built = lastBuilt.get(wasm.sha256);
  if (built === undefined) {
    built = {
      sha256: wasm.sha256, format: state.build.language === 'vaist' ? 'vaist' : 'wsp',
      descriptor: plugin as unknown as PluginDescriptorView & { kind?: string },
    };
    lastBuilt.set(wasm.sha256, built);
  }
  return built;
}
