// @vitest-environment node
// The control ring between the page and the worklet: records arrive whole and in order, a full
// ring refuses rather than overwriting what the reader has not taken, and the counters wrap.
import { describe, expect, test } from 'vitest';

import {
  ASAP, CODE, ControlRingReader, ControlRingWriter, RING_CAPACITY, R_CODE, R_FRAME, R_ID, R_SLOT, R_TRACK, R_VALUE,
  createRingBuffer, ringBytes,
} from '../../src/shared/control-ring';

function ring() {
  const buffer = createRingBuffer();
  return { writer: new ControlRingWriter(buffer), reader: new ControlRingReader(buffer) };
}

function drain(reader: ControlRingReader): number[][] {
  const records: number[][] = [];
  const n = reader.available();
  for (let i = 0; i < n; ++i) {
    const at = reader.at(i);
    const r = reader.data;
    records.push([r[at + R_CODE], r[at + R_TRACK], r[at + R_SLOT], r[at + R_ID], r[at + R_VALUE], r[at + R_FRAME]]);
  }
  reader.consume(n);
  return records;
}

describe('control ring', () => {
  test('the live event codes are the engine table\'s, the transport codes after them', () => {
    expect([CODE.Param, CODE.NoteOn, CODE.NoteOff, CODE.Volume, CODE.Pan]).toEqual([0, 1, 2, 3, 4]);
    expect(CODE.Play).toBeGreaterThan(CODE.Pan);
  });

  test('records arrive whole and in the order written', () => {
    const { writer, reader } = ring();
    expect(writer.push(CODE.Param, 3, 1, 7, 0.5, 1024)).toBe(true);
    expect(writer.push(CODE.Seek, 0, 0, 0, 96000)).toBe(true);
    expect(drain(reader)).toEqual([[CODE.Param, 3, 1, 7, 0.5, 1024], [CODE.Seek, 0, 0, 0, 96000, ASAP]]);
    expect(reader.available()).toBe(0);
  });

  test('a full ring refuses the next record and keeps the ones not yet read', () => {
    const { writer, reader } = ring();
    for (let i = 0; i < RING_CAPACITY; ++i) expect(writer.push(CODE.Param, 1, 0, 0, i)).toBe(true);
    expect(writer.push(CODE.Param, 1, 0, 0, -1)).toBe(false);
    const records = drain(reader);
    expect(records.length).toBe(RING_CAPACITY);
    expect(records.map((r) => r[4])).toEqual(Array.from({ length: RING_CAPACITY }, (_, i) => i));
    expect(writer.push(CODE.Param, 1, 0, 0, 42)).toBe(true);
  });

  test('many times round the ring, the counters wrapping, nothing is lost or repeated', () => {
    const { writer, reader } = ring();
    const seen: number[] = [];
    for (let n = 0; n < RING_CAPACITY * 5 + 3; ++n) {
      expect(writer.push(CODE.Volume, 2, 0, 0, n)).toBe(true);
      if (n % 7 === 6) seen.push(...drain(reader).map((r) => r[4]));
    }
    seen.push(...drain(reader).map((r) => r[4]));
    expect(seen).toEqual(Array.from({ length: RING_CAPACITY * 5 + 3 }, (_, i) => i));
  });

  test('a buffer of another size is refused', () => {
    expect(() => new ControlRingReader(new SharedArrayBuffer(ringBytes() - 8))).toThrow(/control ring/);
  });
});
