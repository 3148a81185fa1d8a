// What the timeline asks of the transport besides edits: seeking and following the session's loop.
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

// The engine wraps at the session's loop region when the session enables it and its own looping
// flag is on (the flag is how a player may ignore the loop; the studio never does). The flag is
// set once here, so that the session's `loop.enabled`, edited, undone and redone like any member,
// is what decides.
export function followSessionLoop(transport: Transport): void {
  transport.engine.control(CODE.Loop, MASTER_TRACK_KEY, 0, 0, 1);
}

export async function setLoop(transport: Transport, loop: { start: number; end: number; enabled: boolean }): Promise<string> {
  followSessionLoop(transport);
  const result = await transport.apply(batch(setLoopOps(loop)));
  return result.ok ? '' : result.errors.map((e) => e.message).join('; ');
}
