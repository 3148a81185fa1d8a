// Diagnostics of a source whose parts name other files with `#line N "file"` markers (an imported
// vAIst project: processor.h, processor.cpp, bindings.cpp, then the adapter as plugin.cpp; see
// docs/forge-vaist-import.md). The compiler reports them at the line of the user's file; the
// editor shows the one source, so each is also placed at its line there, its message keeping
// the file and line the user knows.
import type { ForgeDiagnostic } from '../server/api';

interface Marker { editorLine: number; file: string; firstLine: number }

const MARKER = /^#line\s+(\d+)\s+"([^"]*)"\s*$/;

function markers(source: string): Marker[] {
  const found: Marker[] = [];
  source.split('\n').forEach((text, index) => {
    const match = MARKER.exec(text);
    if (match !== null) found.push({ editorLine: index + 2, file: match[2], firstLine: Number(match[1]) });
  });
  return found;
}

// Each diagnostic of a file named by a marker, placed in the editor's source; others unchanged.
export function placeInSource(source: string, diagnostics: ForgeDiagnostic[]): ForgeDiagnostic[] {
  if (!source.includes('#line')) return diagnostics;
  const all = markers(source);
  return diagnostics.map((diagnostic) => {
    if (diagnostic.file === undefined || diagnostic.line === undefined) return diagnostic;
    // The last marker of that file at or before the line (a file may be named more than once).
    const marker = all.filter((m) => m.file === diagnostic.file && m.firstLine <= diagnostic.line!).pop();
    if (marker === undefined) return diagnostic;
    const line = marker.editorLine + (diagnostic.line - marker.firstLine);
    if (diagnostic.file === 'plugin.cpp' && line === diagnostic.line) return diagnostic;
    return { ...diagnostic, file: 'plugin.cpp', line, message: `${diagnostic.file} line ${diagnostic.line}: ${diagnostic.message}` };
  });
}
