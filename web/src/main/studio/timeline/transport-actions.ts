// What the timeline asks of the transport besides edits: seeking and setting the session's loop.
import { CODE } from '../../../shared/control-ring';
import { MASTER_TRACK_KEY } from '../../../shared/engine-protocol';
import type { Transport } from '../transport';
import { batch, setLoopOps } from './timeline-edits';

// The transport to `frame` (a timeline frame at the context's rate). While the context runs the
// seek goes through the control ring, in order with Play and Stop; while it is suspended (nothing
// played yet) the ring is not read, so it goes as a message, which the worklet takes at once and
// answers with the new position.
export function seekTo(transport: Transport, frame: number): void {
  const target = Math.max(0, Math.round(frame));
  if (transport.context.state === 'running') transport.engine.control(CODE.Seek, MASTER_TRACK_KEY, 0, 0, target);
  else transport.engine.send({ type: 'seek', frame: target });
}

// The session's loop region, as one loop.set edit: the engine follows the session's loop
// (Transport.open), so the edit is all it takes.
export async function setLoop(transport: Transport, loop: { start: number; end: number; enabled: boolean }): Promise<string> {
  const result = await transport.apply(batch(setLoopOps(loop)));
  return result.ok ? '' : result.errors.map((e) => e.message).join('; ');
}
