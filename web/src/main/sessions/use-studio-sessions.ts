// A StudioSessions for a component's lifetime (made in the effect, so that StrictMode's second
// mount gets a fresh one), and its snapshot.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

import type { ModuleCache } from '../audio/module-cache';
import type { EngineFault } from '../../shared/engine-protocol';
import type { StudioDb } from '../storage/studio-db';
import { StudioSessions, type StudioSessionsSnapshot } from './studio-sessions';

const LOADING: StudioSessionsSnapshot = {
  opening: { stage: 'loading', what: 'Loading the studio…' }, name: '', localId: null, saveState: { kind: 'not-saved' }, sessions: [],
};
const noSubscription = () => () => {};

// `serverId`: the server session the page's address names (/studio/<id>), or null.
export function useStudioSessions(db: StudioDb, cache: ModuleCache, onFaults: (faults: EngineFault[]) => void, serverId: string | null = null): [StudioSessions | null, StudioSessionsSnapshot] {
  const faults = useRef(onFaults);
  faults.current = onFaults;
  const [sessions, setSessions] = useState<StudioSessions | null>(null);
  useEffect(() => {
    const made = new StudioSessions(db, cache, (more) => faults.current(more));
    setSessions(made);
    void made.start(serverId);
    return () => void made.dispose();
  }, [db, cache, serverId]);
  const snapshot = useSyncExternalStore(sessions?.subscribe ?? noSubscription, sessions?.getSnapshot ?? (() => LOADING));
  return [sessions, snapshot];
}
