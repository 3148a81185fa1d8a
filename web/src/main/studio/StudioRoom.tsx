// The Studio room: the demo session loaded into the engine's worklet, played from the transport
// bar, with the arrangement and the mixer (a bottom panel that toggles). (The side panel comes
// next: ../shared/specs/studio-design.md.)
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';

import { ModuleCache } from '../audio/module-cache';
import type { EngineFault } from '../../shared/engine-protocol';
import { Transport } from './transport';
import { Arrangement } from './Arrangement';
import { TransportBar } from './TransportBar';
import { Mixer } from './mixer/Mixer';
import { useUndoKeys } from './undo-keys';
import { LiveRegion } from '../a11y/LiveRegion';
import { KeysDialog } from '../a11y/KeysDialog';
import { useSpeakLevels } from '../a11y/speak-levels';
import { PluginWindows } from './plugins/PluginWindows';
import { QuickStrip } from './sidebar/QuickStrip';
import { selection } from './sidebar/selection-store';
import { useStandingFaults } from './mixer/standing-faults';
import { AccountMenu } from '../server/AccountMenu';
import { OpenFailure } from '../server/OpenFailure';
import { SaveToServer } from '../server/SaveToServer';
import { type StudioSessionAccess, useServerSession } from '../server/server-session';
import { ServerOpenError, openInStudio } from '../server/studio-opening';

// One cache for the page: modules stay compiled across sessions opened in it.
const modules = new ModuleCache();

type Loading = { stage: 'loading' } | { stage: 'ready'; transport: Transport; access: StudioSessionAccess }
  | { stage: 'failed'; message: string; error?: ServerOpenError };

// `serverSessionId`: the server session to open (/studio/<id>); without it, the demo session.
export function StudioRoom({ serverSessionId = null }: { serverSessionId?: string | null }) {
  const [loading, setLoading] = useState<Loading>({ stage: 'loading' });
  const [faults, setFaults] = useState<EngineFault[]>([]);
  // Bumped when the audio path was rebuilt (after a stall): the engine's state views are new.
  const [, setAudioPath] = useState(0);
  const [mixerOpen, setMixerOpen] = useState(true);
  useUndoKeys(loading.stage === 'ready' ? loading.transport : null);
  const selectedTrack = useStore(selection, (s) => s.track);
  useSpeakLevels(loading.stage === 'ready' ? loading.transport : null, selectedTrack === 'master' ? null : selectedTrack);
  useStandingFaults(loading.stage === 'ready' ? loading.transport : null, setFaults);
  const onServer = useServerSession((s) => s.link !== null);

  useEffect(() => {
    let open: Transport | null = null;
    let cancelled = false;
    const onFaults = (more: EngineFault[]) => setFaults((known) => [...known, ...more]);
    openInStudio(serverSessionId, (source, sourceBytes) => Transport.open(source, modules, onFaults, { sourceBytes }))
      .then(({ transport, access }) => {
        if (cancelled) {
          void transport.close();
          return;
        }
        open = transport;
        transport.onRebuilt = () => setAudioPath((n) => n + 1);
        setLoading({ stage: 'ready', transport, access });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoading({ stage: 'failed', message: error instanceof Error ? error.message : String(error), error: error instanceof ServerOpenError ? error : undefined });
      });
    return () => {
      cancelled = true;
      if (open !== null) void open.close();
    };
  }, [serverSessionId]);

  return (
    <div className="studio">
      <header className="top-bar">
        <span className="brand">WASM Studio</span>
        {/* The Forge and the Gallery join this list when they exist (their issues); no dead links. */}
        <nav aria-label="Places">
          <a href="/studio" aria-current="page">Studio</a>
        </nav>
        <span className="session-name">{loading.stage === 'ready' ? loading.transport.info.name : 'Demo session'}</span>
        <span className="save-state">{onServer ? '' : 'Demo (not saved)'}</span>
        {loading.stage === 'ready' ? <SaveToServer access={loading.access} /> : null}
        <AccountMenu />
        <KeysDialog />
      </header>
      <LiveRegion />
      {loading.stage === 'ready' ? <TransportBar transport={loading.transport} /> : null}
      <main className="arrangement" aria-label="Arrangement" tabIndex={0}>
        {loading.stage === 'loading' ? <p role="status">Loading {serverSessionId === null ? 'the demo session' : 'the session from the server'}: the engine, its plugins and audio…</p> : null}
        {loading.stage === 'failed' && loading.error !== undefined ? <OpenFailure error={loading.error} /> : null}
        {loading.stage === 'failed' && loading.error === undefined ? <p role="alert" className="error">The session could not be opened: {loading.message}</p> : null}
        {loading.stage === 'ready' ? (
          <>
            <p className="hint">Press Space or Play to hear the demo session. Home returns to the start.</p>
            <Arrangement info={loading.transport.info} state={loading.transport.engine.state} sampleRate={loading.transport.context.sampleRate} />
          </>
        ) : null}
        {faults.length > 0 ? (
          <ul className="faults" aria-label="Plugin faults">
            {faults.map((f, i) => (
              <li key={i}>{f.kind === 'stalled' || f.kind === 'over time budget' ? f.message : `${f.track}, insert ${f.slot + 1} (${f.insert}): ${f.kind}. It is bypassed. ${f.message}`}</li>
            ))}
          </ul>
        ) : null}
      </main>
      {loading.stage === 'ready' ? <QuickStrip transport={loading.transport} faults={faults} /> : null}
      {loading.stage === 'ready' ? <PluginWindows transport={loading.transport} /> : null}
      {loading.stage === 'ready' ? (
        <footer className="mixer-dock">
          <button type="button" className="mixer-toggle" aria-expanded={mixerOpen} aria-controls={mixerOpen ? 'mixer' : undefined} onClick={() => setMixerOpen((open) => !open)}>
            Mixer
          </button>
          {mixerOpen ? <Mixer id="mixer" transport={loading.transport} faults={faults} /> : null}
        </footer>
      ) : null}
    </div>
  );
}
