// The studio's one polite live region (announcer.ts). Screen readers speak a change of its text;
// the same words twice are made different by a zero-width space on every other announcement, so
// they are spoken again.
import { useAnnouncer } from './announcer';

export function LiveRegion() {
  const text = useAnnouncer((s) => s.text);
  const serial = useAnnouncer((s) => s.serial);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcements">
      {serial % 2 === 0 ? text : `${text}\u200b`}
    </div>
  );
}
