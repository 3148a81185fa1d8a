// A zip reader for project files that may come from anyone (docs/project-file.md, PF-1 and PF-3):
// the central directory is read from the end of the Blob and every rule that does not need the
// entries' bytes (methods, encryption, names, duplicates, counts, sizes, ratios, overlaps) is
// checked before any entry is inflated. An entry is then inflated in small steps, never beyond the
// size the directory declared, and its CRC-32 checked. Only the entry being read is in memory.
import { Inflate } from 'fflate';
import { PROJECT_LIMITS } from './project-format';
import { crc32 } from './crc32';

// The whole archive is refused: the message says which rule and which entry.
export class ProjectFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectFileError';
  }
}

export interface ZipEntry {
  name: string;
  nameBytes: number;      // its length in UTF-8
  method: 0 | 8;          // stored or deflated
  crc: number;
  compressedSize: number;
  size: number;           // uncompressed, as the central directory declares it
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const INFLATE_STEP = 64 * 1024; // compressed bytes per push: output per step stays ~64 MiB at most

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// PF-1: a name that stays inside the folder it is extracted to, on any system.
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\\')) return 'a backslash';
  if (name.startsWith('/')) return 'an absolute path';
  if (/[\u0000-\u001f\u007f:]/.test(name)) return 'a control character or a colon';
  const parts = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return 'an empty, "." or ".." part';
  return null;
}

function quoted(name: string): string {
  return JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
}

// Reads and checks the central directory. Throws ProjectFileError on any broken rule.
export async function readZipDirectory(archive: Blob): Promise<ZipEntry[]> {
  const size = archive.size;
  if (size < EOCD_SIZE) throw new ProjectFileError('not a zip archive (too short)');
  const tailStart = Math.max(0, size - EOCD_SIZE - MAX_COMMENT);
  const tail = await bytesOf(archive, tailStart, size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + view.getUint16(at + 20, true) === tail.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ProjectFileError('not a zip archive (no end of central directory)');
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE) {
    throw new ProjectFileError('a ZIP64 archive: project files are plain zip archives (2 GiB at most, PF-3)');
  }
  const disk = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const entriesHere = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== count) {
    throw new ProjectFileError('a multi-part zip archive: join the parts into one file first');
  }
  if (count > PROJECT_LIMITS.maxEntries) {
    throw new ProjectFileError(`${count} entries: more than the limit of ${PROJECT_LIMITS.maxEntries} entries (PF-3)`);
  }
  if (directorySize > PROJECT_LIMITS.maxCentralDirectoryBytes) {
    throw new ProjectFileError(`a central directory of ${directorySize} bytes: more than the limit of ${PROJECT_LIMITS.maxCentralDirectoryBytes} (PF-3)`);
  }
  const directoryEnd = tailStart + eocd;
  if (directoryOffset + directorySize !== directoryEnd) {
    throw new ProjectFileError('a damaged zip archive (the central directory is not where its end record says)');
  }
  const directory = await bytesOf(archive, directoryOffset, directoryEnd);
  const dir = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);

  const entries: ZipEntry[] = [];
  const seen = new Map<string, string>(); // lower-cased name -> name
  let total = 0;
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + CENTRAL_SIZE > directory.length || dir.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ProjectFileError('a damaged zip archive (a central directory record is cut or missing)');
    }
    const flags = dir.getUint16(at + 8, true);
    const method = dir.getUint16(at + 10, true);
    const crc = dir.getUint32(at + 16, true);
    const compressedSize = dir.getUint32(at + 20, true);
    const uncompressedSize = dir.getUint32(at + 24, true);
    const nameLength = dir.getUint16(at + 28, true);
    const extraLength = dir.getUint16(at + 30, true);
    const commentLength = dir.getUint16(at + 32, true);
    const localHeaderOffset = dir.getUint32(at + 42, true);
    const nameEnd = at + CENTRAL_SIZE + nameLength;
    if (nameEnd + extraLength + commentLength > directory.length) {
      throw new ProjectFileError('a damaged zip archive (a central directory record is cut)');
    }
    if (nameLength > PROJECT_LIMITS.maxNameBytes) {
      throw new ProjectFileError(`an entry name of ${nameLength} bytes: more than ${PROJECT_LIMITS.maxNameBytes} (PF-1)`);
    }
    let name: string;
    try {
      name = utf8.decode(directory.subarray(at + CENTRAL_SIZE, nameEnd));
    } catch {
      throw new ProjectFileError(`entry ${index + 1} has a name that is not UTF-8 (PF-1)`);
    }
    at = nameEnd + extraLength + commentLength;

    const problem = entryNameProblem(name);
    if (problem !== null) throw new ProjectFileError(`entry ${quoted(name)} has ${problem}: it would be outside the project (PF-1)`);
    if ((flags & 0x41) !== 0) throw new ProjectFileError(`entry ${quoted(name)} is encrypted (PF-1)`);
    if (method !== 0 && method !== 8) {
      throw new ProjectFileError(`entry ${quoted(name)} uses compression method ${method}: only stored (0) and deflated (8) are read (PF-1)`);
    }
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ProjectFileError(`entry ${quoted(name)} is in the archive twice${earlier === name ? '' : ` (as ${quoted(earlier)})`} (PF-1)`);
    }
    seen.set(key, name);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ProjectFileError(`entry ${quoted(name)} has ZIP64 sizes: project files are plain zip archives (PF-3)`);
    }
    if (uncompressedSize > PROJECT_LIMITS.maxEntryBytes) {
      throw new ProjectFileError(`entry ${quoted(name)} is ${uncompressedSize} bytes: more than the limit of ${PROJECT_LIMITS.maxEntryBytes} per entry (PF-3)`);
    }
    total += uncompressedSize;
    if (total > PROJECT_LIMITS.maxTotalBytes) {
      throw new ProjectFileError(`the entries add up to more than the limit of ${PROJECT_LIMITS.maxTotalBytes} bytes (PF-3)`);
    }
    if (method === 0 && compressedSize !== uncompressedSize) {
      throw new ProjectFileError(`entry ${quoted(name)} is stored but its two sizes differ (a damaged zip archive)`);
    }
    if (uncompressedSize > compressedSize * PROJECT_LIMITS.maxRatio) {
      throw new ProjectFileError(`entry ${quoted(name)} inflates ${compressedSize} bytes to ${uncompressedSize}: more than the limit of ${PROJECT_LIMITS.maxRatio}:1 (PF-3)`);
    }
    entries.push({ name, nameBytes: nameLength, method: method as 0 | 8, crc, compressedSize, size: uncompressedSize, localHeaderOffset });
  }

  // Entries' data may not overlap (several names for the same compressed bytes multiply them).
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let end = 0;
  for (const entry of byOffset) {
    if (entry.localHeaderOffset < end) throw new ProjectFileError(`entry ${quoted(entry.name)} overlaps another entry (PF-3)`);
    end = entry.localHeaderOffset + LOCAL_SIZE + entry.nameBytes + entry.compressedSize;
    if (end > directoryOffset) throw new ProjectFileError(`entry ${quoted(entry.name)} runs into the central directory (a damaged zip archive)`);
  }
  return entries;
}

// The bytes of one entry, inflated to at most its declared size and checked against its CRC-32.
export async function readZipEntry(archive: Blob, entry: ZipEntry): Promise<Uint8Array> {
  const header = await bytesOf(archive, entry.localHeaderOffset, entry.localHeaderOffset + LOCAL_SIZE);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < LOCAL_SIZE || view.getUint32(0, true) !== LOCAL_SIGNATURE) {
    throw new ProjectFileError(`entry ${quoted(entry.name)}: no local header where the directory says (a damaged zip archive)`);
  }
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const nameBytes = await bytesOf(archive, entry.localHeaderOffset + LOCAL_SIZE, entry.localHeaderOffset + LOCAL_SIZE + nameLength);
  if (new TextDecoder().decode(nameBytes) !== entry.name || view.getUint16(8, true) !== entry.method) {
    throw new ProjectFileError(`entry ${quoted(entry.name)}: its local header names another entry or method (a damaged or forged zip archive)`);
  }
  const start = entry.localHeaderOffset + LOCAL_SIZE + nameLength + extraLength;
  const data = await bytesOf(archive, start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new ProjectFileError(`entry ${quoted(entry.name)} is cut short (a damaged zip archive)`);

  let out: Uint8Array;
  if (entry.method === 0) {
    out = data;
  } else {
    // The output grows with what really inflates (a forged size costs nothing until the bytes
    // are there), and never past the declared size: such an entry is cut off.
    out = new Uint8Array(Math.min(entry.size, 1 << 20));
    let written = 0;
    let overflow = false;
    const inflater = new Inflate((chunk) => {
      if (overflow) return;
      if (written + chunk.length > entry.size) {
        overflow = true;
        return;
      }
      if (written + chunk.length > out.length) {
        const grown = new Uint8Array(Math.min(entry.size, Math.max(out.length * 2, written + chunk.length)));
        grown.set(out.subarray(0, written));
        out = grown;
      }
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      for (let offset = 0; offset < data.length && !overflow; offset += INFLATE_STEP) {
        inflater.push(data.subarray(offset, offset + INFLATE_STEP), offset + INFLATE_STEP >= data.length);
      }
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      throw new ProjectFileError(`entry ${quoted(entry.name)} is not valid deflate data (${error instanceof Error ? error.message : String(error)})`);
    }
    if (overflow) throw new ProjectFileError(`entry ${quoted(entry.name)} inflates to more than the ${entry.size} bytes its directory record declares (PF-3)`);
    if (written !== entry.size) throw new ProjectFileError(`entry ${quoted(entry.name)} inflates to ${written} bytes, not the ${entry.size} declared (a damaged zip archive)`);
    out = out.subarray(0, written);
  }
  if (crc32(out) !== entry.crc) throw new ProjectFileError(`entry ${quoted(entry.name)} fails its CRC-32 check (a damaged zip archive)`);
  return out;
}
