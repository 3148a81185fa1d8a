// What the arrangement shows of the open session, following its edits (an import adds tracks).
import { useCallback, useMemo, useSyncExternalStore } from 'react';

import { type SessionInfo, parseSession } from '../audio/session-assets';
import type { Transport } from '../studio/transport';

export function useSessionInfo(transport: Transport | null, name: string): SessionInfo | null {
  const subscribe = useCallback((listener: () => void) => transport?.session.subscribe(listener) ?? (() => {}), [transport]);
  const text = useSyncExternalStore(subscribe, () => transport?.session.sessionText ?? '');
  return useMemo(() => (transport === null || text === '' ? null : parseSession(new TextEncoder().encode(text), name).info), [transport, text, name]);
}
