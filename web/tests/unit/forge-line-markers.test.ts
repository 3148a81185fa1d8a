// An imported vAIst project's diagnostics (docs/forge-vaist-import.md) placed in the one source
// the editor shows, through its #line markers.
import { describe, expect, it } from 'vitest';

import { placeInSource } from '../../src/main/forge/line-markers';
import type { ForgeDiagnostic } from '../../src/main/server/api';

const source = [
  '// header',                     // 1
  '#include <wsp/vaist/compat.hpp>', // 2
  '#line 1 "processor.h"',         // 3
  '#pragma once',                  // 4  processor.h:1
  'class VAIstProcessor {};',      // 5  processor.h:2
  '#line 1 "processor.cpp"',       // 6
  '#include "processor.h"',        // 7  processor.cpp:1
  'void f() { depthAmount; }',     // 8  processor.cpp:2
  '#line 10 "plugin.cpp"',         // 9
  'WSP_PLUGIN(X, x);',             // 10 plugin.cpp:10
].join('\n');

describe('placeInSource', () => {
  it('places a diagnostic of the user\'s file at its line in the editor and keeps its own file and line in the message', () => {
    const [placed] = placeInSource(source, [{ severity: 'error', file: 'processor.cpp', line: 2, column: 12, message: "use of undeclared identifier 'depthAmount'" }]);
    expect(placed).toEqual({ severity: 'error', file: 'plugin.cpp', line: 8, column: 12, message: "processor.cpp line 2: use of undeclared identifier 'depthAmount'" });
  });
  it('leaves the adapter\'s own lines, other files and sources without markers alone', () => {
    const own: ForgeDiagnostic = { severity: 'error', file: 'plugin.cpp', line: 10, column: 1, message: 'x' };
    const header: ForgeDiagnostic = { severity: 'error', file: 'wsp/sdk.hpp', line: 3, column: 1, message: 'y' };
    expect(placeInSource(source, [own, header])).toEqual([own, header]);
    const plain: ForgeDiagnostic = { severity: 'error', file: 'processor.cpp', line: 2, column: 1, message: 'z' };
    expect(placeInSource('int x;', [plain])).toEqual([plain]);
  });
});
