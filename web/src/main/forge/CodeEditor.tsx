// The plugin's source in CodeMirror 6 with C++ (or Faust: faust-language.ts) highlighting. The compiler's diagnostics are
// marked at their lines (the lint gutter, underlines, and their messages on hover or with the
// lint panel: Ctrl+Shift+M). Tab is left to the page (CodeMirror binds no Tab by default: focus
// moves on, WCAG 2.1.2); Ctrl+Enter (Cmd+Enter) asks for a build.
import { cpp } from '@codemirror/lang-cpp';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

import type { ForgeDiagnostic } from '../server/api';
import { faust } from './faust-language';
import type { ForgeLanguage } from './forge-language';
import { sourcePlace } from './run-build';

export interface CodeEditorHandle {
  // Puts the cursor at a place of the source (1-based) and focuses the editor.
  goTo(line: number, column: number): void;
}

interface CodeEditorProps {
  value: string;
  onChange: (text: string) => void;
  onBuild: () => void;
  diagnostics: ForgeDiagnostic[];
  label: string;
  language?: ForgeLanguage;
}

// The language's highlighting and the text's accessible name, which names the language: both
// change when the language does.
const languageExtensions = (language: ForgeLanguage | undefined, label: string) => [
  language === 'faust' ? faust() : cpp(),
  // The text is the Tab stop, said explicitly: the scrolling area around it is then seen
  // to hold focusable content (axe: scrollable-region-focusable).
  EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', tabindex: '0' }),
];

const SEVERITY: Record<ForgeDiagnostic['severity'], Diagnostic['severity']> = {
  'fatal error': 'error', error: 'error', warning: 'warning', note: 'info', remark: 'info',
};

// The diagnostics that point into the source, as CodeMirror ranges: from the column to the end
// of the line (clang's column is a byte column, close enough for the ASCII of most sources).
export function editorDiagnostics(state: EditorState, diagnostics: ForgeDiagnostic[]): Diagnostic[] {
  const marks: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const place = sourcePlace(diagnostic);
    if (place === null || place.line < 1 || place.line > state.doc.lines) continue;
    const line = state.doc.line(place.line);
    const from = Math.min(line.to, line.from + Math.max(0, place.column - 1));
    marks.push({ from, to: Math.max(from, line.to), severity: SEVERITY[diagnostic.severity], message: diagnostic.message });
  }
  return marks;
}

// Colours for the studio's dark background, each at least 4.5:1 against it (WCAG 1.4.3);
// CodeMirror's default style is for light backgrounds.
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.modifier], color: '#c792ea' },
  { tag: [tags.string, tags.character], color: '#c3e88d' },
  { tag: [tags.number, tags.bool, tags.null], color: '#f78c6c' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#9aa5b8', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: '#ffcb6b' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.macroName], color: '#82aaff' },
  { tag: [tags.operator, tags.punctuation, tags.bracket], color: '#89ddff' },
  { tag: [tags.processingInstruction, tags.meta], color: '#f07178' },
  { tag: [tags.variableName, tags.propertyName, tags.name], color: '#e7e9ee' },
  { tag: tags.invalid, color: '#ff6b6b' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '0.9rem', backgroundColor: 'var(--background)', color: 'var(--text)' },
  '.cm-content': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--text-secondary)', border: 'none' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgba(255, 255, 255, 0.05)' },
}, { dark: true });

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor({ value, onChange, onBuild, diagnostics, label, language }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const languageSlot = useRef(new Compartment());
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onBuild });
  callbacks.current = { onChange, onBuild };

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup, languageSlot.current.of(languageExtensions(language, label)), syntaxHighlighting(highlight), lintGutter(), theme,
          // Above basicSetup's keys, where Mod-Enter inserts a blank line.
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { callbacks.current.onBuild(); return true; } }])),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);  // eslint-disable-line react-hooks/exhaustive-deps -- one editor for the component's life; value follows below

  // A source replaced from outside (a template, a restored version): the editor takes it.
  useEffect(() => {
    const editor = view.current;
    if (editor === null || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageExtensions(language, label)) });
  }, [language, label]);

  useEffect(() => {
    const editor = view.current;
    if (editor !== null) editor.dispatch(setDiagnostics(editor.state, editorDiagnostics(editor.state, diagnostics)));
  }, [diagnostics]);

  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const editor = view.current;
      if (editor === null) return;
      const at = editor.state.doc.line(Math.min(Math.max(1, line), editor.state.doc.lines));
      const anchor = Math.min(at.to, at.from + Math.max(0, column - 1));
      editor.dispatch({ selection: { anchor }, scrollIntoView: true });
      editor.focus();
    },
  }), []);

  return <div ref={host} className="code-editor" />;
});
