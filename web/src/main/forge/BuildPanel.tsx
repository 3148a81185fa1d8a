// What became of the last build: where it is in the queue or that it compiles (a polite status,
// with the time it has taken), then the plugin it made (its name, parameters, the checks it
// passed, the .wasm to download) or why it failed: the compiler's diagnostics, each a button that
// puts the cursor at its place in the source, or the conformance checks it did not pass, in words.
import { useEffect, useState } from 'react';

import type { ForgeBuild, ForgeDiagnostic, ForgeUsage } from '../server/api';
import { sourcePlace } from './run-build';

export type BuildState =
  | { stage: 'idle' }
  | { stage: 'running'; build: ForgeBuild | null; startedAt: number }
  | { stage: 'done'; build: ForgeBuild }
  | { stage: 'error'; message: string };

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return <span className="elapsed">{((now - since) / 1000).toFixed(1)} s</span>;
}

export function usageText(usage: ForgeUsage): string {
  if (usage.limit === null) return `${usage.builds} ${usage.builds === 1 ? 'build' : 'builds'} this month (no limit).`;
  return `${usage.builds} of ${usage.limit} builds used this month; ${usage.remaining ?? 0} left.`;
}

function Diagnostics({ diagnostics, truncated, goTo }: { diagnostics: ForgeDiagnostic[]; truncated: boolean; goTo: (line: number, column: number) => void }) {
  const shown = diagnostics.filter((d) => d.severity !== 'note' && d.severity !== 'remark');
  return (
    <>
      <ul className="diagnostics" aria-label="Compiler messages">
        {shown.map((diagnostic, i) => {
          const place = sourcePlace(diagnostic);
          const where = place === null ? diagnostic.file || 'the build' : place.column > 0 ? `Line ${place.line}, column ${place.column}` : `Line ${place.line}`;
          return (
            <li key={i} className={`diagnostic ${diagnostic.severity.replace(' ', '-')}`}>
              {place !== null ? (
                <button type="button" onClick={() => goTo(place.line, place.column)} title="Go to it in the source">
                  <span className="where">{where}</span> <span className="severity">{diagnostic.severity}</span>: {diagnostic.message}
                </button>
              ) : (
                <span><span className="where">{where}</span> <span className="severity">{diagnostic.severity}</span>: {diagnostic.message}</span>
              )}
            </li>
          );
        })}
      </ul>
      {truncated ? <p className="hint">The compiler said more; the first messages are shown. Fix these and build again.</p> : null}
    </>
  );
}

function Succeeded({ build }: { build: ForgeBuild }) {
  const plugin = build.plugin;
  const name = plugin?.name ?? 'plugin';
  const fileBase = (plugin?.id ?? 'plugin').replace(/[^A-Za-z0-9._-]+/g, '-');
  const descriptorUrl = plugin !== undefined ? URL.createObjectURL(new Blob([JSON.stringify(plugin, null, 2)], { type: 'application/json' })) : null;
  useEffect(() => () => { if (descriptorUrl !== null) URL.revokeObjectURL(descriptorUrl); }, [descriptorUrl]);
  return (
    <div className="build-result ok">
      <h3>{name} is built</h3>
      <p>
        It passed {build.validation?.checks ?? 0} conformance checks{build.cached ? ' (unchanged source: from the cache)' : ''}
        {build.timings !== undefined ? `; compiled in ${(build.timings.compileMs / 1000).toFixed(1)} s, checked in ${(build.timings.validateMs / 1000).toFixed(1)} s` : ''}.
      </p>
      {plugin?.params !== undefined && plugin.params.length > 0 ? (
        <ul aria-label={`${name} parameters`} className="param-list">
          {plugin.params.map((p) => <li key={p.id}>{p.name}{p.unit ? ` (${p.unit})` : ''}</li>)}
        </ul>
      ) : null}
      <p className="downloads">
        {build.wasm !== undefined ? <a href={`/api/v1/assets/${build.wasm.sha256}`} download={`${fileBase}.wasm`}>Download {fileBase}.wasm ({(build.wasm.size / 1024).toFixed(0)} KiB)</a> : null}
        {descriptorUrl !== null ? <a href={descriptorUrl} download={`${fileBase}.descriptor.json`}>Download its descriptor</a> : null}
      </p>
    </div>
  );
}

function Failed({ build, goTo }: { build: ForgeBuild; goTo: (line: number, column: number) => void }) {
  if (build.stage === 'validate' && build.validation !== undefined) {
    return (
      <div className="build-result failed" role="alert">
        <h3>It compiled, but it is not a working plugin yet</h3>
        <p>{build.validation.message}</p>
        <ul aria-label="Checks it did not pass">
          {build.validation.failures.map((f) => <li key={f.check}><strong>{f.title}</strong>: {f.reason}</li>)}
        </ul>
      </div>
    );
  }
  const diagnostics = build.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal error').length;
  return (
    <div className="build-result failed" role="alert">
      <h3>{build.stage === 'compile' ? `It did not compile${errors > 0 ? `: ${errors} ${errors === 1 ? 'error' : 'errors'}` : ''}` : 'The build failed'}</h3>
      {build.message ? <p>{build.message}</p> : null}
      {diagnostics.length > 0 ? <Diagnostics diagnostics={diagnostics} truncated={build.diagnosticsTruncated === true} goTo={goTo} /> : null}
    </div>
  );
}

export function BuildPanel({ state, usage, goTo }: { state: BuildState; usage: ForgeUsage | null; goTo: (line: number, column: number) => void }) {
  return (
    <section className="build-panel" aria-label="Build">
      <h2>Build</h2>
      <div role="status" className="build-status">
        {state.stage === 'idle' ? 'Not built yet. Press Build (Ctrl+Enter in the editor).' : null}
        {state.stage === 'running' && (state.build === null || state.build.status === 'queued') ? (
          <>Waiting for the build queue{state.build?.queuePosition !== undefined ? ` (position ${state.build.queuePosition})` : ''}… <Elapsed since={state.startedAt} /></>
        ) : null}
        {state.stage === 'running' && state.build?.status === 'compiling' ? <>Compiling and checking… <Elapsed since={state.startedAt} /></> : null}
        {state.stage === 'done' ? (state.build.status === 'succeeded' ? 'Built.' : 'The build failed.') : null}
      </div>
      {state.stage === 'running' ? <progress aria-label="Build progress" /> : null}
      {state.stage === 'error' ? <p role="alert" className="error">{state.message}</p> : null}
      {state.stage === 'done' && state.build.status === 'succeeded' ? <Succeeded build={state.build} /> : null}
      {state.stage === 'done' && state.build.status === 'failed' ? <Failed build={state.build} goTo={goTo} /> : null}
      {usage !== null ? <p className="usage">{usageText(usage)}</p> : null}
    </section>
  );
}
