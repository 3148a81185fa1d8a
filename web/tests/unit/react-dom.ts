// A fresh React root in a container attached to the document for every test of the file that
// calls it, unmounted and removed after each: what the component tests share.
import { act } from 'react';
import { type Root, createRoot } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface TestDom {
  container: HTMLDivElement;
  root: Root;
}

export function reactRootPerTest(): TestDom {
  const dom = {} as TestDom;
  beforeEach(() => {
    dom.container = document.createElement('div');
    document.body.append(dom.container);
    dom.root = createRoot(dom.container);
  });
  afterEach(() => {
    act(() => dom.root.unmount());
    dom.container.remove();
  });
  return dom;
}
