// A titled list of sessions (a section of the sessions dialog): one row per session with its
// name, when it was last saved, and the actions the section gives it. Long lists are
// virtualised (only the rows in view are in the DOM). Other sections (the server's sessions)
// use the same list with their own actions.
import { type ReactNode, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface SessionListItem {
  id: string;
  name: string;
  updatedAt: number; // ms since the epoch
  current?: boolean; // the session open in the studio
  detail?: string; // more about it, after when it was saved ("revision 3, shared with you")
}

// Above this many rows the list is virtualised.
export const VIRTUAL_FROM = 40;
const ROW_HEIGHT = 60;

export function savedWhen(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(at).toLocaleDateString();
}

export function SessionRow({ item, children }: { item: SessionListItem; children: ReactNode }) {
  const nameId = `session-row-${item.id}`;
  return (
    <div className={`session-row${item.current ? ' current' : ''}`} role="listitem" aria-labelledby={nameId} data-session-id={item.id}>
      <div className="session-row-text">
        <span id={nameId} className="session-row-name">{item.name}{item.current ? <span className="visually-hidden"> (open)</span> : null}</span>
        <span className="session-row-detail">{item.current ? 'Open now · ' : ''}Saved {savedWhen(item.updatedAt)}{item.detail !== undefined ? ` · ${item.detail}` : ''}</span>
      </div>
      <div className="session-row-actions">{children}</div>
    </div>
  );
}

export function SessionList<T extends SessionListItem>({ title, items, empty, actions, label = title, heading = true }: {
  title: string;
  items: T[];
  empty: ReactNode; // shown when there are none
  actions: (item: T) => ReactNode; // the row's buttons
  label?: string; // the list's accessible name (by default the title)
  heading?: boolean; // false: the list alone, in a section of the caller's
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = items.length >= VIRTUAL_FROM;
  const rows = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const Section = heading ? 'section' : 'div';
  const headingId = `session-list-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Section className="session-list" aria-labelledby={heading ? headingId : undefined}>
      {heading ? <h3 id={headingId}>{title}</h3> : null}
      {items.length === 0 ? <p className="session-list-empty">{empty}</p> : null}
      {items.length > 0 && !virtual ? (
        <div className="session-rows" role="list" aria-label={label}>
          {items.map((item) => <SessionRow key={item.id} item={item}>{actions(item)}</SessionRow>)}
        </div>
      ) : null}
      {virtual ? (
        <div ref={scroller} className="session-rows virtual" role="list" aria-label={label}>
          <div role="none" style={{ height: rows.getTotalSize(), position: 'relative' }}>
            {rows.getVirtualItems().map((row) => {
              const item = items[row.index];
              return (
                <div key={item.id} role="none" className="session-row-slot" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
                  data-index={row.index} ref={rows.measureElement}>
                  <SessionRow item={item}>{actions(item)}</SessionRow>
                </div>
              );
            })}
          </div>
        </div>
      ) : null}
    </Section>
  );
}
