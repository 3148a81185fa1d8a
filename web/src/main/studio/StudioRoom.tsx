// The Studio room: the open session (a server session the address names, else the last one
// opened in this browser, else the demo; saved locally as it changes) loaded into the engine's
// worklet, played from the transport bar, with the arrangement (audio files dropped on it are
// imported), the mixer (a bottom panel that toggles), the quick strip of the selected track and
// the plugin windows. The header holds the session (name, save state, New, Sessions, import),
// the server (save, account) and the shortcuts. ../shared/specs/studio-design.md.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';

import { ModuleCache } from '../audio/module-cache';
import type { EngineFault } from '../../shared/engine-protocol';
import { AudioImportProvider, ImportButton, ImportDropArea, ImportStatus } from '../import/AudioImport';
import { SessionHeader } from '../sessions/SessionHeader';
import { useStudioSessions } from '../sessions/use-studio-sessions';
import { studioDb } from '../storage/studio-db';
import { Timeline } from './timeline/Timeline';
import type { Transport } from './transport';
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
import { ServerOpenError } from '../server/open-error';
import { ServerSessionsSection } from '../server/ServerSessionsSection';
import { onOpenSessionRenamed, useServerSession } from '../server/server-session';
import { DownloadProjectButton, ImportProjectSection } from '../sessions/ProjectFiles';

// The P key's spoken levels, of the selected track: a component of its own, so that selecting a
// strip (on every fader's pointer down) re-renders this and not the whole studio.
function SpokenLevels({ transport }: { transport: Transport | null }) {
  const selectedTrack = useStore(selection, (s) => s.track);
  useSpeakLevels(transport, selectedTrack === 'master' ? null : selectedTrack);
  return null;
}

// One cache for the page: modules stay compiled across sessions opened in it.
const modules = new ModuleCache();

// `serverSessionId`: the server session to open (/studio/<id>); without it, the local sessions.
export function StudioRoom({ serverSessionId = null }: { serverSessionId?: string | null }) {
  const [faults, setFaults] = useState<EngineFault[]>([]);
  const [sessions, snapshot] = useStudioSessions(studioDb(), modules, (more) => setFaults((known) => [...known, ...more]), serverSessionId);
  const loading = snapshot.opening;
  const transport = loading.stage === 'ready' ? loading.transport : null;
  // Bumped when the audio path was rebuilt (after a stall): the engine's state views are new.
  const [, setAudioPath] = useState(0);
  const [mixerOpen, setMixerOpen] = useState(true);
  useUndoKeys(transport);
  useStandingFaults(transport, setFaults);

  useEffect(() => {
    setFaults([]);
    if (transport !== null) transport.onRebuilt = () => setAudioPath((n) => n + 1);
  }, [transport]);

  // The open session renamed on the server from a sessions list: its copy here takes the name.
  const localId = snapshot.localId;
  useEffect(() => onOpenSessionRenamed((name) => {
    if (localId !== null) void sessions?.rename(localId, name);
  }), [sessions, localId]);

  const access = transport !== null ? sessions?.access ?? null : null;
  return (
    <AudioImportProvider transport={transport} db={studioDb()}>
      <div className="studio">
        <header className="top-bar">
          <span className="brand">WASM Studio</span>
          {/* The Gallery joins this list when it exists (its issue); no dead links. */}
          <nav aria-label="Places">
            <a href="/studio" aria-current="page">Studio</a>
            <a href="/forge">Forge</a>
          </nav>
          <SessionHeader sessions={sessions} snapshot={snapshot}
            rowActions={(item) => <DownloadProjectButton item={item} sessions={sessions} />}
            sections={<><ServerSessionsSection currentId={useServerSession.getState().link?.id ?? null} /><ImportProjectSection sessions={sessions} /></>}>
            <ImportButton />
          </SessionHeader>
          {access !== null ? <SaveToServer access={access} /> : null}
          <AccountMenu />
          <KeysDialog />
        </header>
        <LiveRegion />
        <SpokenLevels transport={transport} />
        {transport !== null ? <TransportBar transport={transport} /> : null}
        <ImportDropArea className="arrangement" label="Arrangement">
          <ImportStatus />
          {loading.stage === 'loading' ? <p role="status">{loading.what}</p> : null}
          {loading.stage === 'failed' && loading.error instanceof ServerOpenError ? <OpenFailure error={loading.error} /> : null}
          {loading.stage === 'failed' && !(loading.error instanceof ServerOpenError) ? (
            <div role="alert" className="error">
              <p>The session could not be opened: {loading.message}</p>
              <p>
                Your work is kept in this browser. Open another session from Sessions (where it can also be downloaded as a
                project file), start a New session, or{' '}
                <button type="button" onClick={() => void sessions?.openTheDemo()}>open the demo</button>.
              </p>
            </div>
          ) : null}
          {transport !== null ? (
            <>
              <p className="hint">Press Space or Play to hear the session. Home returns to the start. Drop audio files here to import them.</p>
              <Timeline transport={transport} />
            </>
          ) : null}
          {faults.length > 0 ? (
            <ul className="faults" aria-label="Plugin faults">
              {faults.map((f, i) => (
                <li key={i}>{f.kind === 'stalled' || f.kind === 'over time budget' ? f.message : `${f.track}, insert ${f.slot + 1} (${f.insert}): ${f.kind}. It is bypassed. ${f.message}`}</li>
              ))}
            </ul>
          ) : null}
        </ImportDropArea>
        {transport !== null ? <QuickStrip transport={transport} faults={faults} /> : null}
        {transport !== null ? <PluginWindows transport={transport} /> : null}
        {transport !== null ? (
          <footer className="mixer-dock">
            <button type="button" className="mixer-toggle" aria-expanded={mixerOpen} aria-controls={mixerOpen ? 'mixer' : undefined} onClick={() => setMixerOpen((open) => !open)}>
              Mixer
            </button>
            {mixerOpen ? <Mixer id="mixer" transport={transport} faults={faults} /> : null}
          </footer>
        ) : null}
      </div>
    </AudioImportProvider>
  );
}
