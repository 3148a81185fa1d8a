// Keeps the studio's list of plugin faults to those that still stand (faults.ts) after every
// change to the session: an undo or a re-enable clears a badge.
import { type Dispatch, type SetStateAction, useEffect } from 'react';

import type { EngineFault } from '../../../shared/engine-protocol';
import type { Transport } from '../transport';
import { standingFaults } from './faults';

export function useStandingFaults(transport: Transport | null, setFaults: Dispatch<SetStateAction<EngineFault[]>>): void {
  useEffect(() => {
    if (transport === null) return undefined;
    return transport.session.subscribe(() => setFaults((faults) => standingFaults(faults, transport.session.document)));
  }, [transport, setFaults]);
}
