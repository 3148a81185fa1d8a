// The Forge's Faust language in the page: where Faust's diagnostics point, each language's
// draft, and the Faust highlighting (a stream tokenizer) on the template.
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';

import { faust } from '../../src/main/forge/faust-language';
import { FAUST_TEMPLATE } from '../../src/main/forge/faust-template';
import { LANGUAGES, draftKey } from '../../src/main/forge/forge-language';
import { sourcePlace } from '../../src/main/forge/run-build';

describe('Faust in the Forge', () => {
  it('points Faust diagnostics at plugin.dsp lines (Faust gives no column)', () => {
    expect(sourcePlace({ file: 'plugin.dsp', line: 3, column: 0 })).toEqual({ line: 3, column: 0 });
    expect(sourcePlace({ file: 'plugin.dsp', line: 0, column: 0 })).toBeNull();
    expect(sourcePlace({ file: 'filters.lib', line: 120, column: 0 })).toBeNull();
  });

  it('keeps a draft per language, the C++ one where drafts always were', () => {
    expect(draftKey('cpp')).toBe('wasm-studio:forge-draft');
    expect(draftKey('faust')).toBe('wasm-studio:forge-draft-faust');
    expect(LANGUAGES.faust.template).toBe(FAUST_TEMPLATE);
  });

  it('tokenizes the template: keywords, strings, comments, primitives', () => {
    const state = EditorState.create({ doc: FAUST_TEMPLATE, extensions: [faust()] });
    const tree = ensureSyntaxTree(state, state.doc.length, 5000);
    expect(tree).not.toBeNull();
    const kinds = new Set<string>();
    tree!.iterate({ enter: (node) => { kinds.add(node.name); } });
    for (const kind of ['keyword', 'string', 'lineComment', 'number', 'operator']) expect(kinds.has(kind)).toBe(true);
  });
});
