// Faust in CodeMirror: a small stream tokenizer (CodeMirror has no official Faust mode) for
// comments, strings, numbers, Faust's keywords and primitives, and its composition operators,
// coloured by the editor's highlight style like C++.
import { StreamLanguage, type StreamParser } from '@codemirror/language';

const KEYWORDS = new Set([
  'import', 'declare', 'process', 'with', 'letrec', 'where', 'environment', 'library', 'component',
  'par', 'seq', 'sum', 'prod', 'case', 'int', 'float', 'route', 'waveform', 'inputs', 'outputs',
]);
const PRIMITIVES = new Set([
  'hslider', 'vslider', 'nentry', 'checkbox', 'button', 'hgroup', 'vgroup', 'tgroup', 'hbargraph',
  'vbargraph', 'attach', 'rdtable', 'rwtable', 'select2', 'select3', 'mem', 'prefix', 'min', 'max', 'abs',
  'pow', 'sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'floor',
  'ceil', 'rint', 'fmod', 'remainder',
]);

interface FaustState {
  inComment: boolean;
  inString: boolean;
}

const parser: StreamParser<FaustState> = {
  name: 'faust',
  startState: () => ({ inComment: false, inString: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.next();
        stream.next();
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return 'blockComment';
    }
    if (state.inString) {
      if (stream.skipTo('"')) {
        stream.next();
        state.inString = false;
      } else {
        stream.skipToEnd();
      }
      return 'string';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'lineComment';
    }
    if (stream.match('/*')) {
      state.inComment = true;
      return 'blockComment';
    }
    if (stream.eat('"')) {
      state.inString = true;
      return parser.token(stream, state);
    }
    if (stream.match(/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?f?/)) return 'number';
    const word = stream.match(/^_*[A-Za-z][A-Za-z0-9_]*/);
    if (word) {
      const text = (word as RegExpMatchArray)[0];
      if (KEYWORDS.has(text)) return 'keyword';
      if (PRIMITIVES.has(text)) return 'variableName.function';
      return stream.peek() === '.' ? 'namespace' : 'variableName';
    }
    if (stream.match(/^(<:|:>|\+>|[:,~@'!_])/)) return 'operator';
    if (stream.match(/^[-+*/%^&|<>=]+/)) return 'operator';
    if (stream.match(/^[()[\]{};]/)) return 'punctuation';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
};

export const faust = () => StreamLanguage.define(parser);
