// The Forge's preview track (issue 16, step 5 "Play"): the plugin the last build made, playing
// on the studio's engine (preview-player.ts) with the studio's plugin window, quick strip and
// level meter. A source (the built-in loop, a file of the user's, the note pattern), Play, Stop
// and Loop; A/B compares the plugin with its bypass (the insert's Bypass; B while the panel has
// the focus); the output passes the safety limiter. A new build replaces the playing version
// without a click, keeping the values the user set of the parameters it still has.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';

import { ModuleCache } from '../../audio/module-cache';
import type { EngineFault } from '../../../shared/engine-protocol';
import { STATE_PLAYING } from '../../../shared/engine-protocol';
import { MasterMeter } from '../../studio/MasterMeter';
import { PluginWindows } from '../../studio/plugins/PluginWindows';
import { loadPlace, savePlace } from '../../studio/plugins/window-memory';
import { pluginWindows } from '../../studio/plugins/window-stack';
import { studioDb } from '../../storage/studio-db';
import { QuickStrip } from '../../studio/sidebar/QuickStrip';
import { selection } from '../../studio/sidebar/selection-store';
import { type BuiltPlugin, PreviewPlayer } from './preview-player';
import { CEILING_DB } from './preview-session';
import './preview.css';

// One cache for the page: each build's module is compiled once.
const modules = new ModuleCache();

// The plugin's window, where the previous version's was, else beside the side column, low: not
// over the source being edited (the window is not opened by itself after a build, for that reason).
async function openWindow(player: PreviewPlayer, previousInsert: string | null): Promise<void> {
  const insert = player.pluginInsert;
  if (insert === null) return;
  const db = studioDb();
  const place = (previousInsert !== null ? await loadPlace(db, previousInsert) : null) ?? await loadPlace(db, insert) ?? {
    width: WINDOW_WIDTH, height: WINDOW_HEIGHT,
    x: Math.max(0, window.innerWidth - SIDE_COLUMN_PX - WINDOW_WIDTH - 12), y: Math.max(0, window.innerHeight - WINDOW_HEIGHT - 12),
  };
  await savePlace(db, insert, place);
  pluginWindows.getState().open({ track: player.heard, insert });
}
const WINDOW_WIDTH = 340;
const WINDOW_HEIGHT = 380;
const SIDE_COLUMN_PX = 26 * 16;  // forge.css: the build panel's column, 26rem

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function usePlayer(onFaults: (faults: EngineFault[]) => void) {
  const [player, setPlayer] = useState<PreviewPlayer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    let opened: PreviewPlayer | null = null;
    PreviewPlayer.open(modules, onFaults).then((p) => {
      opened = p;
      if (current) setPlayer(p);
      else void p.close();
    }, (error: unknown) => { if (current) setFailure(`The preview could not start: ${message(error)}`); });
    return () => {
      current = false;
      if (opened !== null) void opened.close();
    };
    // Opened once per page visit; faults are reported through the setter's identity-free callback.
  }, []);
  return { player, failure };
}

// Is the preview playing (the engine's transport state, read at display rate)?
function usePlaying(player: PreviewPlayer | null): boolean {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (player === null) return;
    const timer = setInterval(() => setPlaying(player.transport.engine.state[STATE_PLAYING] !== 0), 100);
    return () => clearInterval(timer);
  }, [player]);
  return playing;
}

export function PreviewPanel({ built }: { built: BuiltPlugin | null }) {
  const [faults, setFaults] = useState<EngineFault[]>([]);
  const { player, failure } = usePlayer((more) => setFaults((known) => [...known, ...more]));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [, setPath] = useState(0);
  const playing = usePlaying(player);
  const file = useRef<HTMLInputElement>(null);
  const openWindows = useStore(pluginWindows, (s) => s.windows);
  // Re-render after every edit of the preview session (bypass, loop, a new version).
  useSyncExternalStore(
    useCallback((listener: () => void) => (player === null ? () => {} : player.transport.session.subscribe(listener)), [player]),
    () => player?.transport.session.document ?? null);

  useEffect(() => {
    if (player === null) return;
    player.onRebuilt = () => setPath((n) => n + 1);
    player.onChange = () => setPath((n) => n + 1);
  }, [player]);

  // A new build: loaded (the first) or swapped in (a rebuild), its window following it.
  const sha256 = built?.sha256 ?? null;
  useEffect(() => {
    if (player === null || built === null) return;
    const before = player.pluginInsert;
    const wasOpen = before !== null && pluginWindows.getState().windows.some((w) => w.insert === before);
    setError(null);
    player.load(built).then(() => {
      const now = player.pluginInsert;
      selection.getState().select(player.heard);
      if (now === null || now === before) return;
      if (before !== null) pluginWindows.getState().close(before);
      if (wasOpen) void openWindow(player, before);
      setStatus(before === null ? `${built.descriptor.name} is on the preview track.` : `The new version of ${built.descriptor.name} is playing; the values you set are kept.`);
    }, (e: unknown) => setError(`The built plugin could not be loaded: ${message(e)}`));
    // The build is named by its module's hash: the same module is not loaded again.
  }, [player, sha256]);

  useEffect(() => {
    if (player !== null) selection.getState().select(player.heard);
  }, [player]);

  // The source being switched to, shown chosen while the switch is under way.
  const [choosing, setChoosing] = useState<'loop' | 'notes' | null>(null);
  const run = (work: () => Promise<void>) => {
    setError(null);
    work().catch((e: unknown) => setError(message(e)));
  };
  const choose = (kind: 'loop' | 'notes') => {
    setChoosing(kind);
    run(() => player!.useSource({ kind }).finally(() => setChoosing(null)));
  };

  if (failure !== null) return <section className="forge-preview" aria-label="Preview"><h2>Preview</h2><p role="alert" className="error">{failure}</p></section>;
  if (player === null) return <section className="forge-preview" aria-label="Preview"><h2>Preview</h2><p role="status">Starting the preview…</p></section>;

  const insert = player.pluginInsert;
  const settings = player.settings();
  const bypassed = insert !== null && settings.bypass;
  const pluginName = player.plugin?.descriptor.name ?? 'the plugin';
  const source = choosing ?? player.source.kind;
  const toggleBypass = () => { if (insert !== null) run(() => player.setBypass(!bypassed)); };

  return (
    <section className="forge-preview" aria-label="Preview"
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        if (event.key.toLowerCase() !== 'b' || event.ctrlKey || event.metaKey || event.altKey) return;
        if (target.closest('input[type="text"], input[type="search"], textarea, [contenteditable="true"]')) return;
        event.preventDefault();
        toggleBypass();
      }}>
      <h2>Preview</h2>
      <p className="hint">
        {player.plugin === null ? 'Build a plugin to hear it here. Meanwhile the source plays dry.' : `${pluginName} plays on the preview track.`}
        {' '}The output is held under {CEILING_DB} dBFS by a safety limiter.
      </p>
      <fieldset className="preview-source">
        <legend>Source</legend>
        <label><input type="radio" name="preview-source" checked={source === 'loop'} disabled={player.plugin?.instrument === true}
          onChange={() => choose('loop')} /> Built-in loop</label>
        <label><input type="radio" name="preview-source" checked={source === 'notes'}
          onChange={() => choose('notes')} /> Note pattern</label>
        {source === 'file' && player.source.kind === 'file' ? (
          <label><input type="radio" name="preview-source" checked readOnly /> Your file: {player.source.name}</label>
        ) : null}
        <button type="button" disabled={player.plugin?.instrument === true} onClick={() => file.current?.click()}>Use an audio file…</button>
        <input ref={file} type="file" accept="audio/*,.wav,.flac,.mp3,.ogg" className="visually-hidden" aria-label="Your audio file" tabIndex={-1}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen !== undefined) run(() => player.useSource({ kind: 'file', file: chosen }));
          }} />
      </fieldset>
      <div className="preview-transport" role="toolbar" aria-label="Preview transport">
        <button type="button" className="primary" aria-pressed={playing} onClick={() => run(() => (playing ? Promise.resolve(player.stop()) : player.play()))}>
          {playing ? 'Stop' : 'Play'}
        </button>
        <label><input type="checkbox" checked={player.looping} onChange={(event) => run(() => player.setLooping(event.target.checked))} /> Loop</label>
        <button type="button" aria-pressed={bypassed} aria-keyshortcuts="B" disabled={insert === null} onClick={toggleBypass}
          title="Compare with the plugin bypassed (B)">
          A/B: bypass {pluginName}
        </button>
        {insert !== null ? <span className="ab-state">{bypassed ? 'Hearing B: bypassed' : 'Hearing A: with the plugin'}</span> : null}
        {player.removed !== null ? (
          <button type="button" onClick={() => { const back = player.removed; if (back !== null) run(() => player.load(back)); }}>
            Put {player.removed.descriptor.name} back
          </button>
        ) : null}
        {insert !== null && !openWindows.some((w) => w.insert === insert) ? (
          <button type="button" onClick={() => void openWindow(player, null)}>Open {pluginName}</button>
        ) : null}
      </div>
      <MasterMeter state={player.transport.engine.state} />
      <p role="status" className="preview-status">{status}</p>
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
      {faults.length > 0 ? (
        <ul className="faults" aria-label="Plugin faults">
          {faults.map((f, i) => <li key={i}>{f.kind}: {f.message}</li>)}
        </ul>
      ) : null}
      <QuickStrip transport={player.transport} faults={faults} />
      <PluginWindows transport={player.transport} />
    </section>
  );
}

