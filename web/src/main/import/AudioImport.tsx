// Audio import in the studio: a provider that runs imports one after another for the open
// session (importFiles, also for the timeline's lanes: useAudioImport), the "Import audio…"
// button (a file picker, several files at once), dropping files on the arrangement, and what
// the user sees of it: progress while files are read, then what was imported and, by name,
// what was not and why.
import { type DragEvent, type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

import type { StudioDb } from '../storage/studio-db';
import type { Transport } from '../studio/transport';
import { type ImportProgress, type ImportResult, type ImportTarget, importAudioFiles } from './import-audio';

export type ImportFiles = (files: File[], target?: ImportTarget) => Promise<ImportResult>;

interface AudioImportState {
  importFiles: ImportFiles | null; // null: no session open
  progress: ImportProgress | null;
  result: ImportResult | null;
  dismiss: () => void;
}

const ImportContext = createContext<AudioImportState>({ importFiles: null, progress: null, result: null, dismiss: () => {} });

// For the timeline: `importFiles(files, { track, beat })` puts the files' clips on that audio
// track from that beat. Null while no session is open.
export function useAudioImport(): ImportFiles | null {
  return useContext(ImportContext).importFiles;
}

export const ACCEPTED_AUDIO = 'audio/*,.wav,.wave,.mp3,.flac,.ogg,.oga';

export function AudioImportProvider({ transport, db, children }: { transport: Transport | null; db: StudioDb; children: ReactNode }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const importFiles = useMemo<ImportFiles | null>(() => transport === null ? null : (files, target) => {
    const run = async () => {
      setResult(null);
      setProgress({ done: 0, total: files.length, file: files[0]?.name ?? '' });
      try {
        const done = await importAudioFiles(transport, db, files, target, setProgress);
        setResult(done);
        return done;
      } finally {
        setProgress(null);
      }
    };
    const next = queue.current.then(run, run);
    queue.current = next.catch(() => {});
    return next;
  }, [transport, db]);
  const dismiss = useCallback(() => setResult(null), []);
  useEffect(() => setResult(null), [transport]);  // another session: the last import's report is not about it
  const state = useMemo(() => ({ importFiles, progress, result, dismiss }), [importFiles, progress, result, dismiss]);
  return <ImportContext.Provider value={state}>{children}</ImportContext.Provider>;
}

export function ImportButton() {
  const { importFiles, progress } = useContext(ImportContext);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="header-button" disabled={importFiles === null || progress !== null} onClick={() => input.current?.click()}>
        Import audio…
      </button>
      <input ref={input} type="file" multiple accept={ACCEPTED_AUDIO} hidden aria-label="Audio files to import" data-testid="import-audio-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';  // the same file may be picked again
          if (files.length > 0) void importFiles?.(files);
        }} />
    </>
  );
}

// Drop handlers for the arrangement: files dropped where no lane took them become new tracks.
function useImportDrop(): { dragging: boolean; handlers: Record<'onDragOver' | 'onDragLeave' | 'onDrop', (event: DragEvent<HTMLElement>) => void> } {
  const { importFiles } = useContext(ImportContext);
  const [dragging, setDragging] = useState(false);
  const hasFiles = (event: DragEvent<HTMLElement>) => Array.from(event.dataTransfer.types).includes('Files');
  return {
    dragging,
    handlers: {
      onDragOver: (event) => {
        if (importFiles === null || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave: (event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (event) => {
        setDragging(false);
        if (importFiles === null || !hasFiles(event)) return;
        event.preventDefault();
        void importFiles(Array.from(event.dataTransfer.files));
      },
    },
  };
}

// Progress while importing; afterwards, what was imported and what was not (an alert, by name).
export function ImportStatus() {
  const { progress, result, dismiss } = useContext(ImportContext);
  if (progress !== null) {
    const reading = progress.file !== '' ? `Importing ${progress.done + 1} of ${progress.total}: ${progress.file}` : 'Adding the tracks…';
    return (
      <div className="import-status" role="status">
        <span>{reading}</span>
        <progress max={progress.total} value={progress.done} aria-label="Import progress" />
      </div>
    );
  }
  if (result === null || (result.imported.length === 0 && result.failed.length === 0)) return null;
  return (
    <div className={`import-status${result.failed.length > 0 ? ' failed' : ''}`}>
      {result.imported.length > 0 ? (
        <p role="status">Imported {result.imported.join(', ')}. Undo (Ctrl+Z) takes the import back.</p>
      ) : null}
      {result.failed.length > 0 ? (
        <div role="alert" aria-label="Files not imported">
          <ul className="import-failures">
            {result.failed.map((f, i) => <li key={i}>{f.message} Nothing was changed for it.</li>)}
          </ul>
        </div>
      ) : null}
      <button type="button" onClick={dismiss}>Dismiss</button>
    </div>
  );
}

// The arrangement's <main>, taking dropped audio files (as new tracks).
export function ImportDropArea({ className, label, children }: { className: string; label: string; children: ReactNode }) {
  const { dragging, handlers } = useImportDrop();
  return (
    // Focusable: it scrolls, and a keyboard user scrolls it with the arrow keys (WCAG 2.1.1).
    <main className={`${className}${dragging ? ' dropping' : ''}`} aria-label={label} tabIndex={0} {...handlers}>
      {children}
      {dragging ? <p className="drop-hint" aria-hidden="true">Drop audio files to add a track for each</p> : null}
    </main>
  );
}
