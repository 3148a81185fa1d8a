// A track's header: a grip to reorder it (drag, or Alt+Shift+Up/Down anywhere in the header),
// its colour (a palette in a menu), its name (Enter, F2 or a click renames it inline: Enter keeps,
// Escape drops), its kind, mute and solo, and a menu (rename, move up/down, duplicate, delete).
// Every change is an edit: undo takes it back.
import { memo, useEffect, useRef, useState } from 'react';
import { DropdownMenu } from 'radix-ui';

import { LANE_HEIGHT, useTimeline } from './timeline-context';
import { TRACK_PALETTE, colourName, duplicateTrackOps, moveTrackOps, removeTrackOps, updateTrackOps } from './timeline-edits';
import { reorderIndex } from './timeline-model';
import type { TimelineTrack } from './timeline-view';

interface TrackHeaderProps {
  track: TimelineTrack;
  index: number;
  count: number;
}

export const TrackHeader = memo(function TrackHeader({ track, index, count }: TrackHeaderProps) {
  const { transport, edit, announce, focus, focusPending } = useTimeline();
  // A menu gives focus back to its button when it closes, unless an edit is placing it, or the
  // rename field (opened from the menu once it has closed) takes it.
  const renameNext = useRef(false);
  const keepFocus = (event: Event) => {
    if (renameNext.current) {
      renameNext.current = false;
      event.preventDefault();
      setRenaming(true);
    } else if (focusPending()) {
      event.preventDefault();
    }
  };
  const [renaming, setRenaming] = useState(false);
  const key = (control: string) => `track:${track.id}:${control}`;
  const focusOn = (control: string, on = track.id) => ({ key: `track:${on}:${control}`, track: on });

  const move = (to: number, control: string) => {
    if (to < 0 || to >= count || to === index) {
      announce(`${track.name} is already ${to < 0 ? 'first' : 'last'}.`);
      return;
    }
    void edit(moveTrackOps(track.id, to), focusOn(control), `Moved ${track.name} to position ${to + 1} of ${count}.`);
  };
  const setFlag = (flag: 'mute' | 'solo') => void edit(updateTrackOps(track.id, { [flag]: !track[flag] }), focusOn(flag));
  const duplicate = () => {
    const made = duplicateTrackOps(transport.session.document, track.id, (prefix) => transport.session.freshId(prefix));
    if (made !== null) void edit(made.ops, focusOn('name', made.id), `Duplicated ${track.name}.`);
  };
  const remove = () => {
    const next = transport.session.document.tracks[index + 1] ?? transport.session.document.tracks[index - 1];
    void edit(removeTrackOps(track.id), next !== undefined ? focusOn('name', next.id) : undefined, `Deleted ${track.name}. Undo brings it back.`);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (renaming) return;
    const control = (event.target as HTMLElement).dataset.focusKey?.split(':').at(-1) ?? 'name';
    if (event.altKey && event.shiftKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(index + (event.key === 'ArrowUp' ? -1 : 1), control);
    } else if (event.key === 'F2' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      setRenaming(true);
    } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      duplicate();
    }
  };

  // Reordering by mouse: the row follows the pointer; the move is one edit on release.
  const onGripDown = (event: React.PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    const grip = event.currentTarget;
    const row = grip.closest<HTMLElement>('.timeline-row');
    grip.setPointerCapture(event.pointerId);
    const y0 = event.clientY;
    let dy = 0;
    const moveRow = (e: PointerEvent) => {
      dy = e.clientY - y0;
      if (row !== null) {
        row.classList.add('reordering');
        row.style.translate = `0 ${dy}px`;
      }
    };
    const end = (e: PointerEvent) => {
      grip.removeEventListener('pointermove', moveRow);
      grip.removeEventListener('pointerup', end);
      grip.removeEventListener('pointercancel', end);
      if (row !== null) {
        row.classList.remove('reordering');
        row.style.translate = '';
      }
      if (e.type === 'pointerup') {
        const to = reorderIndex(index, dy, LANE_HEIGHT, count);
        if (to !== index) move(to, 'grip');
      }
    };
    grip.addEventListener('pointermove', moveRow);
    grip.addEventListener('pointerup', end);
    grip.addEventListener('pointercancel', end);
  };

  return (
    <div className="track-header" onKeyDown={onKeyDown} style={{ ['--track-colour' as string]: track.colour }}>
      <button type="button" className="track-grip" data-focus-key={key('grip')} aria-label={`Reorder ${track.name}`}
        aria-keyshortcuts="Alt+Shift+ArrowUp Alt+Shift+ArrowDown" title="Drag to reorder (Alt+Shift+Up/Down)" onPointerDown={onGripDown}>
        <svg viewBox="0 0 8 16" aria-hidden="true"><path d="M1 2h2v2H1zM5 2h2v2H5zM1 7h2v2H1zM5 7h2v2H5zM1 12h2v2H1zM5 12h2v2H5z" /></svg>
      </button>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="track-colour-button" data-focus-key={key('colour')} aria-label={`Colour of ${track.name}: ${colourName(track.colour)}`}>
            <span className="track-swatch" aria-hidden="true" />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu palette" aria-label={`Colour of ${track.name}`} sideOffset={4} onCloseAutoFocus={keepFocus}>
            <DropdownMenu.RadioGroup value={track.colour.toLowerCase()}
              onValueChange={(colour) => void edit(updateTrackOps(track.id, { colour }), focusOn('colour'), `${track.name} is ${colourName(colour)}.`)}>
              {TRACK_PALETTE.map((entry) => (
                <DropdownMenu.RadioItem key={entry.colour} value={entry.colour} className="menu-item palette-item">
                  <span className="palette-swatch" style={{ background: entry.colour }} aria-hidden="true" />
                  {entry.name}
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {renaming ? (
        <RenameField name={track.name} label={`Name of ${track.name}`} onDone={(name) => {
          setRenaming(false);
          if (name !== null && name !== track.name) void edit(updateTrackOps(track.id, { name }), focusOn('name'), `Renamed to ${name}.`);
          else focus(focusOn('name'));
        }} />
      ) : (
        <button type="button" className="track-name" data-focus-key={key('name')} aria-label={`Rename ${track.name}`}
          aria-keyshortcuts="F2" title={`${track.name} (click or F2 to rename)`} onClick={() => setRenaming(true)}>
          {track.name}
        </button>
      )}
      <span className="track-kind" aria-hidden="true">{track.kind}{track.inserts > 0 ? `, ${track.inserts} ${track.inserts === 1 ? 'insert' : 'inserts'}` : ''}</span>
      <div className="track-buttons">
        <button type="button" className="mute" data-focus-key={key('mute')} aria-pressed={track.mute} aria-label={`Mute ${track.name}`}
          title={`Mute ${track.name}`} onClick={() => setFlag('mute')}>M</button>
        <button type="button" className="solo" data-focus-key={key('solo')} aria-pressed={track.solo} aria-label={`Solo ${track.name}`}
          title={`Solo ${track.name}`} onClick={() => setFlag('solo')}>S</button>
        <DropdownMenu.Root modal={false}>
          <DropdownMenu.Trigger asChild>
            <button type="button" className="track-menu-button" data-focus-key={key('menu')} aria-label={`${track.name} track actions`}>
              <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 7h2v2H3zM7 7h2v2H7zM11 7h2v2h-2z" /></svg>
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" aria-label={`${track.name} track actions`} sideOffset={4} onCloseAutoFocus={keepFocus}>
              <DropdownMenu.Item className="menu-item" onSelect={() => { renameNext.current = true; }}>Rename<span className="menu-keys">F2</span></DropdownMenu.Item>
              <DropdownMenu.Item className="menu-item" disabled={index === 0} onSelect={() => move(index - 1, 'menu')}>
                Move up<span className="menu-keys">Alt+Shift+Up</span>
              </DropdownMenu.Item>
              <DropdownMenu.Item className="menu-item" disabled={index === count - 1} onSelect={() => move(index + 1, 'menu')}>
                Move down<span className="menu-keys">Alt+Shift+Down</span>
              </DropdownMenu.Item>
              <DropdownMenu.Item className="menu-item" onSelect={duplicate}>Duplicate<span className="menu-keys">Ctrl+D</span></DropdownMenu.Item>
              <DropdownMenu.Separator className="menu-separator" />
              <DropdownMenu.Item className="menu-item danger" onSelect={remove}>Delete track</DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
    </div>
  );
});

// The name typed over: Enter keeps it, Escape drops it, leaving the field keeps it.
function RenameField({ name, label, onDone }: { name: string; label: string; onDone: (name: string | null) => void }) {
  const [text, setText] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value === null ? null : value.trim() === '' ? null : value.trim().slice(0, 256));
  };
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <input ref={input} className="track-name-field" type="text" value={text} aria-label={label} maxLength={256}
      onChange={(event) => setText(event.target.value)} onBlur={() => finish(text)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(text);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(null);
        }
      }} />
  );
}
