// Compiled WebAssembly modules by the SHA-256 of their bytes: a module is compiled once per page
// however many sessions, tracks or inserts use it, and bytes that do not hash to what the
// catalog says are refused before they are compiled.

export type Compile = (bytes: ArrayBuffer) => Promise<WebAssembly.Module>;

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export class ModuleCache {
  private readonly modules = new Map<string, Promise<WebAssembly.Module>>();
  private readonly compile: Compile;

  constructor(compile: Compile = (bytes) => WebAssembly.compile(bytes)) {
    this.compile = compile;
  }

  // The module whose bytes `fetchBytes` gives. `expectedSha256` (lower-case hex, as the catalog
  // writes it), when known, is checked, and a module already cached under it is not fetched again.
  async get(expectedSha256: string | null, fetchBytes: () => Promise<ArrayBuffer>, what = 'module'): Promise<WebAssembly.Module> {
    const known = expectedSha256 !== null ? this.modules.get(expectedSha256) : undefined;
    if (known !== undefined) return known;
    const bytes = await fetchBytes();
    const sha256 = await sha256Hex(bytes);
    if (expectedSha256 !== null && sha256 !== expectedSha256) {
      throw new Error(`${what}: its bytes hash to ${sha256}, not the ${expectedSha256} the catalog or session names; reload the page, and rebuild or upload it again if it persists`);
    }
    let module = this.modules.get(sha256);
    if (module === undefined) {
      module = this.compile(bytes);
      this.modules.set(sha256, module);
      module.catch(() => this.modules.delete(sha256));  // a failed compile may be retried
    }
    return module;
  }

  get size(): number {
    return this.modules.size;
  }
}
