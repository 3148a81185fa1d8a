// How many one-page wasm memories this renderer process can hold at once (docs/engine-wasm.md,
// EW-2): each reserves its guard region of address space, whatever its size.
const LIMIT = 4096;
onmessage = () => {
  const held = [];
  let failure = '';
  try {
    while (held.length < LIMIT) held.push(new WebAssembly.Memory({ initial: 1, maximum: 1 }));
  } catch (error) {
    failure = ` (the next one: ${error.message})`;
  }
  postMessage(`wasm memories one renderer process holds: ${held.length}${held.length === LIMIT ? ' or more' : failure}`);
};
