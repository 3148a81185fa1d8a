// Refine and Keep (issue 16): the Forge's chat box ("make it darker", "add a mix knob", "less
// feedback") turns the plan into a new plan and code through the server's refiner (its language
// model when it has one, which also rewrites the open source, with its attempts shown; else the
// built-in refiner), which is built and, once the plugin is kept, recorded as its next version
// (v2, v3, ...) with the version it came from as its parent. Each refinement says which refiner
// made it; a refinement that fails changes nothing. The versions list opens a version in the editor (its
// source is rebuilt: the server answers from its cache), compares it with the open one, and
// restores it as the current version, and deletes it (or the whole plugin) after asking. "Keep"
// saves the plugin on the server (My plugins). A vAIst Forge module imported as built has no
// source to open: its version plays on the preview as it is, and is restored and deleted like the others.
import { useCallback, useEffect, useState } from 'react';

import { vaistManifest } from '../../audio/session-assets';
import type { ForgeBuild, ForgeGeneration, ForgePlan } from '../../server/api';
import type { BuiltPlugin } from '../preview/preview-player';
import { comparePlans, lineChanges } from './compare';
import { DeleteButton } from './DeleteButton';
import { pluginDeletion, versionDeletion } from './deletion';
import { type ForgeVersion, type KeptPlugin, addVersion, deleteKept, deleteVersion, followRefinement, getKept, keepPlugin, refinePlan, restoreVersion } from './forge-versions-api';

interface ChatEntry {
  instruction: string;
  refiner: 'offline' | 'model';
  changes: string[];
  notUnderstood: string[];
  outcome: string;
}

const REFINER_NAMES = { offline: 'the built-in refiner', model: 'the model' } as const;

// Where the model's refinement is, in words.
function modelProgress(job: ForgeGeneration): string {
  const latest = job.attempts[job.attempts.length - 1];
  if (latest === undefined) return 'Asking the model…';
  const stage = latest.stage === 'plan' ? 'Plan' : 'Code';
  const doing = { asking: 'waiting for the model', checking: 'checking the plan', building: 'compiling and validating',
    failed: 'failed, the problems go back to the model', succeeded: 'succeeded' }[latest.status];
  return `${stage}, attempt ${latest.number} of ${job.maxAttempts}: ${doing}…`;
}

export interface VersionsPanelProps {
  signedIn: boolean;
  plan: ForgePlan | null;
  source: string;
  // The editor's last finished build and the source it was of.
  built: { build: ForgeBuild; source: string } | null;
  // Puts a plan and its source in the editor.
  open: (plan: ForgePlan | null, source: string) => void;
  // Builds a source as the Build button does (the build panel shows it); null when not run.
  build: (source: string) => Promise<ForgeBuild | null>;
  // Plays a kept module on the preview as it is (a vAIst module imported as built: no source).
  play: (module: BuiltPlugin) => void;
}

const samePlan = (a: ForgePlan, b: ForgePlan) => JSON.stringify(a) === JSON.stringify(b);

export function VersionsPanel({ signedIn, plan, source, built, open, build, play }: VersionsPanelProps) {
  const [kept, setKept] = useState<KeptPlugin | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [chat, setChat] = useState<ChatEntry[]>([]);
  const [instruction, setInstruction] = useState('');
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [compared, setCompared] = useState<{ from: ForgeVersion; to: ForgeVersion } | null>(null);

  const openVersion = useCallback(async (v: ForgeVersion) => {
    setOpenId(v.id);
    setCompared(null);
    open(v.plan ?? null, v.source ?? '');
    await build(v.source ?? '');
  }, [open, build]);
  // Its descriptor comes from the manifest the server worked out when the module was imported.
  const playVersion = useCallback(async (v: ForgeVersion, pluginName: string) => {
    const manifest = (await vaistManifest(pluginName, v.wasm.sha256)) as { descriptor: BuiltPlugin['descriptor'] };
    setOpenId(v.id);
    setCompared(null);
    play({ sha256: v.wasm.sha256, format: 'vaist', descriptor: manifest.descriptor });
  }, [play]);
  const show = useCallback((v: ForgeVersion, pluginName: string) => (v.format === 'vaist' ? playVersion(v, pluginName) : openVersion(v)), [openVersion, playVersion]);

  // /forge?plugin=<id>&version=<id>: opened from My plugins.
  useEffect(() => {
    if (!signedIn) return;
    const query = new URLSearchParams(window.location.search);
    const pluginId = query.get('plugin');
    if (pluginId === null) return;
    getKept(pluginId).then((plugin) => {
      setKept(plugin);
      const wanted = query.get('version') ?? plugin.currentVersionId;
      const v = plugin.versions.find((x) => x.id === wanted) ?? plugin.versions[plugin.versions.length - 1];
      if (v) show(v, plugin.name).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
    }, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [signedIn]);  // once signed in, on arrival: not again when the callbacks change

  // A vAIst Forge module imported as built compiled no source: it is kept as it is, whatever the
  // editor holds (the server refuses a source or plan with it).
  const imported = built !== null && built.build.language === 'vaist';
  const succeeded = built !== null && built.build.status === 'succeeded' && (imported || built.source === source);
  const isKeptBuild = kept !== null && built !== null && kept.versions.some((v) => v.wasm.sha256 === built.build.wasm?.sha256);

  const run = async (what: string, task: () => Promise<void>) => {
    setBusy(what);
    setError('');
    try {
      await task();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy('');
    }
  };

  const keep = () => run('keeping', async () => {
    if (!succeeded || built === null) return;
    if (kept === null) {
      const plugin = imported
        ? await keepPlugin(built.build.id, null, null, 'imported from vAIst Forge')
        : await keepPlugin(built.build.id, built.source, plan, plan?.description || 'kept from the editor');
      setKept(plugin);
      setOpenId(plugin.currentVersionId);
      return;
    }
    const v = imported
      ? await addVersion(kept.id, built.build.id, openId ?? kept.currentVersionId, null, null, 'imported from vAIst Forge')
      : await addVersion(kept.id, built.build.id, openId ?? kept.currentVersionId, built.source, plan, 'edited in the editor');
    setKept(await getKept(kept.id));
    setOpenId(v.id);
  });

  const refine = (event: React.FormEvent) => {
    event.preventDefault();
    const words = instruction.trim();
    if (words === '') {
      setError('Say what to change, for example "make it darker", "add a mix knob" or "less feedback".');
      return;
    }
    if (plan === null) {
      setError('Refining changes a plan: describe the plugin first (or open a kept version that has a plan).');
      return;
    }
    void run('refining', async () => {
      const answer = await refinePlan(plan, source, words);
      setInstruction('');
      const update = (change: Partial<ChatEntry>) => setChat((c) => c.map((e, i) => (i === c.length - 1 ? { ...e, ...change } : e)));
      const setOutcome = (outcome: string) => update({ outcome });
      let refined: { plan: ForgePlan; source: string };
      if (answer.refiner === 'model') {
        setChat((c) => [...c, { instruction: words, refiner: 'model', changes: [], notUnderstood: [], outcome: 'Asking the model…' }]);
        const done = await followRefinement(answer, (job) => { if (job.status === 'running') setOutcome(modelProgress(job)); });
        if (done.status !== 'succeeded' || done.plan === null || done.source === null) {
          setOutcome(`The model could not make this change: ${done.message}. Nothing was kept; the open version stays as it was.`);
          return;
        }
        refined = { plan: done.plan, source: done.source };
        const lines = lineChanges(source, done.source);
        const planChanges = samePlan(done.plan, plan) ? [] : comparePlans(plan, done.plan);
        update({ changes: [...planChanges, `source: ${lines.added} lines added, ${lines.removed} removed`], notUnderstood: done.plan.notes.filter((note) => !plan.notes.includes(note)) });
        if (samePlan(done.plan, plan) && done.source === source) {
          setOutcome('Nothing changed, so nothing was kept.');
          return;
        }
        setOutcome('Built by the model; loading…');
      } else {
        const entry: ChatEntry = { instruction: words, refiner: 'offline', changes: answer.changes, notUnderstood: answer.notUnderstood, outcome: '' };
        if (samePlan(answer.plan, plan)) {
          setChat((c) => [...c, { ...entry, outcome: 'Nothing changed, so nothing was built.' }]);
          return;
        }
        setChat((c) => [...c, { ...entry, outcome: 'Building…' }]);
        refined = answer;
      }
      open(refined.plan, refined.source);
      const done = await build(refined.source);
      if (done === null || done.status !== 'succeeded') {
        setOutcome('The build did not succeed: the build panel says why.');
        return;
      }
      if (kept === null) {
        setOutcome('Built. Keep the plugin to record its versions.');
        return;
      }
      const v = await addVersion(kept.id, done.id, openId ?? kept.currentVersionId, refined.source, refined.plan, words);
      setKept(await getKept(kept.id));
      setOpenId(v.id);
      setOutcome(`Built and kept as v${v.number}.`);
    });
  };

  const restore = (v: ForgeVersion) => run('restoring', async () => {
    if (kept === null) return;
    await restoreVersion(kept.id, v.id);
    setKept(await getKept(kept.id));
  });

  // Deleting throws its refusal to the dialog, which shows it.
  const removeVersion = async (v: ForgeVersion) => {
    if (kept === null) return;
    await deleteVersion(kept.id, v.id);
    if (openId === v.id) setOpenId(null);
    setCompared(null);
    setKept(await getKept(kept.id));
  };
  const removePlugin = async () => {
    if (kept === null) return;
    await deleteKept(kept.id);
    // A reload must not ask for the deleted plugin (/forge?plugin=<id>).
    if (new URLSearchParams(window.location.search).has('plugin')) window.history.replaceState(null, '', '/forge');
    setKept(null);
    setOpenId(null);
    setCompared(null);
  };

  const openedVersion = kept?.versions.find((v) => v.id === openId) ?? null;

  return (
    <section className="versions-panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Refine and keep</h2>
      <form onSubmit={refine} className="refine-form">
        <label htmlFor="forge-refine">Tell the Forge what to change</label>
        <div className="describe-row">
          <input id="forge-refine" type="text" value={instruction} maxLength={2000} onChange={(e) => setInstruction(e.target.value)}
            placeholder="make it darker, add a mix knob" disabled={!signedIn} />
          <button type="submit" disabled={busy !== '' || !signedIn}>{busy === 'refining' ? 'Refining…' : 'Refine'}</button>
        </div>
      </form>
      {chat.length > 0 ? (
        <ol className="refine-chat" aria-label="Refinements" aria-live="polite">
          {chat.map((entry, i) => (
            <li key={i}>
              <p className="said">“{entry.instruction}”</p>
              <p className="refiner">Refined by {REFINER_NAMES[entry.refiner]}</p>
              {entry.changes.length > 0 ? <ul aria-label="What changed">{entry.changes.map((c, k) => <li key={k}>{c}</li>)}</ul> : null}
              {entry.notUnderstood.length > 0 ? (
                <ul aria-label="Not understood" className="plan-notes">{entry.notUnderstood.map((c, k) => <li key={k}>{c}</li>)}</ul>
              ) : null}
              <p className="outcome">{entry.outcome}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {error !== '' ? <p role="alert" className="error">{error}</p> : null}
      <div className="keep-row">
        <button type="button" className="primary" onClick={() => void keep()} disabled={!succeeded || isKeptBuild || busy !== ''}
          title={succeeded ? undefined : 'Build the source in the editor first'}>
          {kept === null ? 'Keep this plugin' : 'Keep as a new version'}
        </button>
        {kept !== null ? <a href="/forge/plugins">My plugins</a> : null}
      </div>
      {kept !== null ? (
        <>
          <div className="versions-head">
            <h3 id="versions-list-heading">Versions of {kept.name}</h3>
            <DeleteButton {...pluginDeletion(kept)} disabled={busy !== ''} onDelete={removePlugin} />
          </div>
          <ol className="versions" aria-labelledby="versions-list-heading">
            {kept.versions.map((v) => {
              const current = v.id === kept.currentVersionId;
              const inEditor = v.id === openId;
              return (
                <li key={v.id} className={inEditor ? 'open' : undefined} aria-current={inEditor ? 'true' : undefined}>
                  <span className="version-name">v{v.number}</span>
                  {current ? <span className="tag">current</span> : null}
                  {inEditor ? <span className="tag">{v.format === 'vaist' ? 'on the preview' : 'in the editor'}</span> : null}
                  {v.format === 'vaist' ? <span className="tag">vAIst module, imported as built</span> : null}
                  <span className="version-message">{v.message || '(no message)'}</span>
                  <span className="version-actions">
                    {v.format !== 'vaist' ? (
                      <button type="button" onClick={() => void openVersion(v)} disabled={busy !== ''} aria-label={`Open v${v.number} and play it`}>Open</button>
                    ) : (
                      <button type="button" onClick={() => void run('play', () => playVersion(v, kept.name))} disabled={busy !== ''} aria-label={`Play v${v.number} on the preview`}>Play</button>
                    )}
                    <button type="button" onClick={() => void restore(v)} disabled={current || busy !== ''} aria-label={`Restore v${v.number} as the current version`}>Restore</button>
                    {openedVersion !== null && !inEditor ? (
                      <button type="button" onClick={() => setCompared({ from: v, to: openedVersion })} aria-label={`Compare v${v.number} with v${openedVersion.number}`}>Compare</button>
                    ) : null}
                    {kept.versions.length > 1 ? <DeleteButton {...versionDeletion(kept, v)} disabled={busy !== ''} onDelete={() => removeVersion(v)} /> : null}
                  </span>
                </li>
              );
            })}
          </ol>
          {compared !== null ? <Comparison {...compared} /> : null}
        </>
      ) : null}
    </section>
  );
}

function Comparison({ from, to }: { from: ForgeVersion; to: ForgeVersion }) {
  const lines = lineChanges(from.source ?? '', to.source ?? '');
  return (
    <section className="comparison" aria-labelledby="comparison-heading">
      <h3 id="comparison-heading">v{from.number} → v{to.number}</h3>
      <ul>
        {comparePlans(from.plan, to.plan).map((line, i) => <li key={i}>{line}</li>)}
        <li>source: {lines.added} lines added, {lines.removed} removed</li>
      </ul>
    </section>
  );
}
