// Project files in the sessions list (docs/project-file.md): every local session downloads as one
// (built from its stored row, so also a session that does not open), and a project file imports
// back as a new session, opened at once. Work is never trapped in this browser.
import { useId, useRef, useState } from 'react';

import { projectFileFromDb } from '../project/project-db';
import { PROJECT_FILE_SUFFIX } from '../project/project-format';
import { pluginFromBrowserOrServer } from '../server/server-project';
import { studioDb } from '../storage/studio-db';
import type { LocalSessionItem } from './SessionsDialog';
import type { StudioSessions } from './studio-sessions';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function DownloadProjectButton({ item, sessions }: { item: LocalSessionItem; sessions: StudioSessions | null }) {
  const [state, setState] = useState<{ busy: boolean; note: string | null }>({ busy: false, note: null });
  const noteId = useId();
  const download = async () => {
    setState({ busy: true, note: null });
    try {
      await sessions?.saveNow(item.id);
      // Uploaded plugins from here or the server; a vAIst Forge one with the files the server kept.
      const project = await projectFileFromDb(studioDb(), item.id, { getPlugin: (ref) => pluginFromBrowserOrServer(studioDb(), ref) });
      save(project.blob, project.fileName);
      setState({ busy: false, note: project.problems.length > 0 ? `Downloaded without: ${project.problems.join('; ')}` : null });
    } catch (error) {
      setState({ busy: false, note: `The project file could not be made: ${message(error)}` });
    }
  };
  return (
    <>
      <button type="button" aria-label={`Download ${item.name} as a project file`} disabled={state.busy}
        aria-describedby={state.note !== null ? noteId : undefined} onClick={() => void download()}>
        {state.busy ? 'Packing…' : 'Download'}
      </button>
      {state.note !== null ? <span id={noteId} role="status" className="row-note">{state.note}</span> : null}
    </>
  );
}

export function ImportProjectSection({ sessions }: { sessions: StudioSessions | null }) {
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const importFile = async (file: File) => {
    setNote({ text: `Reading ${file.name}…`, error: false });
    try {
      const imported = await sessions!.importProject(file);
      const problems = imported.errors.length > 0 ? ` Left out: ${imported.errors.join('; ')}` : '';
      setNote(imported.sessionOk
        ? { text: `Imported “${imported.name}” and opened it.${problems}`, error: false }
        : { text: `The project's audio was kept (${imported.assetsAdded} new files), but its session did not open: ${imported.errors.join('; ')}`, error: true });
    } catch (error) {
      setNote({ text: `${file.name} was not imported: ${message(error)} Nothing was changed.`, error: true });
    }
  };
  return (
    <section className="sessions-section" aria-labelledby="import-project-heading">
      <h3 id="import-project-heading">Project files</h3>
      <p className="dialog-description">A project file ({PROJECT_FILE_SUFFIX}) holds a session with its audio; any session above downloads as one.</p>
      <input ref={input} type="file" accept=".zip,application/zip" hidden aria-hidden="true" tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined) void importFile(file);
        }} />
      <button type="button" className="header-button" disabled={sessions === null} onClick={() => input.current?.click()}>Import project file…</button>
      {note !== null ? <p role={note.error ? 'alert' : 'status'} className={note.error ? 'error' : undefined}>{note.text}</p> : null}
    </section>
  );
}
