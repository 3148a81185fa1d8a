// @vitest-environment node
// (WebAssembly and crypto.subtle as the browser has them; jsdom's realm adds nothing here.)
import { describe, expect, test } from 'vitest';

import { ModuleCache, sha256Hex } from '../../src/main/audio/module-cache';

// The smallest valid WebAssembly module, and one with a custom section so its bytes differ.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const OTHER_MODULE = new Uint8Array([...EMPTY_MODULE, 0x00, 0x02, 0x01, 0x78]);

function counting() {
  const calls: number[] = [];
  const cache = new ModuleCache(async (bytes) => {
    calls.push(bytes.byteLength);
    return WebAssembly.compile(bytes);
  });
  return { cache, calls };
}

const bytesOf = (module: Uint8Array) => async () => module.slice().buffer;

describe('ModuleCache', () => {
  test('compiles the same bytes once, whoever asks and however often', async () => {
    const { cache, calls } = counting();
    const [a, b] = await Promise.all([cache.get(null, bytesOf(EMPTY_MODULE)), cache.get(null, bytesOf(EMPTY_MODULE))]);
    const c = await cache.get(await sha256Hex(EMPTY_MODULE.slice().buffer), bytesOf(EMPTY_MODULE));
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(calls).toEqual([8]);
    expect(cache.size).toBe(1);
  });

  test('does not even fetch a module it has under the catalog\'s hash', async () => {
    const { cache } = counting();
    const sha256 = await sha256Hex(EMPTY_MODULE.slice().buffer);
    await cache.get(sha256, bytesOf(EMPTY_MODULE));
    let fetched = false;
    await cache.get(sha256, async () => {
      fetched = true;
      return EMPTY_MODULE.slice().buffer;
    });
    expect(fetched).toBe(false);
  });

  test('different bytes are different modules', async () => {
    const { cache, calls } = counting();
    const a = await cache.get(null, bytesOf(EMPTY_MODULE));
    const b = await cache.get(null, bytesOf(OTHER_MODULE));
    expect(a).not.toBe(b);
    expect(calls).toEqual([8, 12]);
  });

  test('refuses bytes that do not hash to what the catalog lists, before compiling them', async () => {
    const { cache, calls } = counting();
    const wrong = await sha256Hex(OTHER_MODULE.slice().buffer);
    await expect(cache.get(wrong, bytesOf(EMPTY_MODULE), 'plugin studio.wasm.eq')).rejects.toThrow(/plugin studio.wasm.eq: its bytes hash to [0-9a-f]{64}, not the/);
    expect(calls).toEqual([]);
    expect(cache.size).toBe(0);
  });

  test('a module that fails to compile is not kept: a later attempt compiles again', async () => {
    const { cache, calls } = counting();
    const broken = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
    await expect(cache.get(null, bytesOf(broken))).rejects.toThrow();
    await expect(cache.get(null, bytesOf(broken))).rejects.toThrow();
    expect(calls).toEqual([8, 8]);
  });

  test('sha256Hex is the lower-case hex SHA-256', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc').buffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
