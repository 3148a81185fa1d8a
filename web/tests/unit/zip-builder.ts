// A zip writer for tests that forges what a hostile archive would: any name, method, flags,
// declared sizes, CRC, and directory records that point wherever the test says.
import { deflateSync } from 'fflate';
import { crc32 } from '../../src/main/project/crc32';

export interface ForgedEntry {
  name: string;
  data: Uint8Array;         // the uncompressed bytes
  compressed?: Uint8Array;  // the bytes as written, whatever the method (default: from data)
  method?: number;          // 0 stored, 8 deflated (default); others are written as stored bytes
  flags?: number;
  declaredSize?: number;    // what the directory says the entry inflates to
  crc?: number;
  directoryOnly?: boolean;  // a directory record pointing at the previous entry's local header
}

const encoder = new TextEncoder();

export function forgeZip(entries: ForgedEntry[], options: { comment?: string } = {}): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  let lastOffset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const method = entry.method ?? 8;
    const stored = entry.compressed ?? (method === 8 ? deflateSync(entry.data, { level: 9 }) : entry.data);
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const flags = (entry.flags ?? 0) | 0x800;
    const at = entry.directoryOnly ? lastOffset : offset;
    if (!entry.directoryOnly) {
      const local = new Uint8Array(30 + name.length);
      const view = new DataView(local.buffer);
      view.setUint32(0, 0x04034b50, true);
      view.setUint16(4, 20, true);
      view.setUint16(6, flags, true);
      view.setUint16(8, method, true);
      view.setUint32(14, crc, true);
      view.setUint32(18, stored.length, true);
      view.setUint32(22, size, true);
      view.setUint16(26, name.length, true);
      local.set(name, 30);
      parts.push(local, stored);
      lastOffset = offset;
      offset += local.length + stored.length;
    }
    const record = new Uint8Array(46 + name.length);
    const view = new DataView(record.buffer);
    view.setUint32(0, 0x02014b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, 20, true);
    view.setUint16(8, flags, true);
    view.setUint16(10, method, true);
    view.setUint32(16, crc, true);
    view.setUint32(20, stored.length, true);
    view.setUint32(24, size, true);
    view.setUint16(28, name.length, true);
    view.setUint32(42, at, true);
    record.set(name, 46);
    directory.push(record);
  }
  const directorySize = directory.reduce((sum, r) => sum + r.length, 0);
  const comment = encoder.encode(options.comment ?? '');
  const end = new Uint8Array(22 + comment.length);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, entries.length & 0xffff, true);
  view.setUint16(10, entries.length & 0xffff, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, offset, true);
  view.setUint16(20, comment.length, true);
  end.set(comment, 22);
  const all = [...parts, ...directory, end];
  const out = new Uint8Array(all.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const manifestJson = (version = 1) =>
  encoder.encode(JSON.stringify({ format: 'wasm-studio-project', version, name: 'Forged', createdAt: '2026-01-01T00:00:00.000Z' }));
