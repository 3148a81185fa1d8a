// The control ring: parameter changes, notes, fader moves and transport commands from the main
// thread to the engine's AudioWorklet through a SharedArrayBuffer, with the context frame each
// one is for. One writer (the page), one reader (the worklet's process(), at the start of every
// render quantum): wait-free on both sides, and the reader creates no objects.
//
// Layout: two Int32 counters (records written, records read; they only grow, modulo 2^32), then
// RING_CAPACITY records of RECORD_SLOTS Float64s: [code, track, slot, id, value, frame, channel].
// A record is written before the write counter moves past it (Atomics.store publishes it) and
// read before the read counter moves past it, so neither side sees a half-written record.
import { LIVE_EVENT } from '../../../engine/js/generated/wsp_boundary.mjs';

export const RING_CAPACITY = 1024; // records; a power of two
export const RECORD_SLOTS = 8;
const HEADER_BYTES = 8;
const WRITTEN = 0;
const READ = 1;

// Record slots.
export const R_CODE = 0;
export const R_TRACK = 1; // the track's key (engine-protocol: TrackKeys); MASTER_TRACK_KEY the master
export const R_SLOT = 2; // the insert's place in its chain
export const R_ID = 3; // parameter id or note key
export const R_VALUE = 4;
export const R_FRAME = 5; // the context frame it is for (currentFrame); ASAP: the next quantum
export const R_CHANNEL = 6;

export const ASAP = -1;

// Codes: the engine's live events (abi/boundary.json "liveEvents"), then the transport's.
export const CODE = {
  ...LIVE_EVENT,
  Play: 16,
  Stop: 17,
  Seek: 18, // value: the timeline frame
  Loop: 19, // value: 1 on, 0 off
} as const;
export type RingCode = (typeof CODE)[keyof typeof CODE];

export function ringBytes(): number {
  return HEADER_BYTES + RING_CAPACITY * RECORD_SLOTS * Float64Array.BYTES_PER_ELEMENT;
}

export function createRingBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(ringBytes());
}

class RingViews {
  protected readonly counters: Int32Array;
  protected readonly records: Float64Array;
  constructor(buffer: SharedArrayBuffer) {
    if (buffer.byteLength !== ringBytes()) throw new Error(`a control ring is ${ringBytes()} bytes, not ${buffer.byteLength}`);
    this.counters = new Int32Array(buffer, 0, 2);
    this.records = new Float64Array(buffer, HEADER_BYTES, RING_CAPACITY * RECORD_SLOTS);
  }
}

export class ControlRingWriter extends RingViews {
  // False when the ring is full: the worklet has not read for RING_CAPACITY records (it is
  // stalled, or the page floods it); the caller decides what a dropped event means.
  push(code: RingCode, track: number, slot: number, id: number, value: number, frame: number = ASAP, channel = 0): boolean {
    const written = Atomics.load(this.counters, WRITTEN);
    if (((written - Atomics.load(this.counters, READ)) | 0) >= RING_CAPACITY) return false;
    const at = (written & (RING_CAPACITY - 1)) * RECORD_SLOTS;
    const r = this.records;
    r[at + R_CODE] = code;
    r[at + R_TRACK] = track;
    r[at + R_SLOT] = slot;
    r[at + R_ID] = id;
    r[at + R_VALUE] = value;
    r[at + R_FRAME] = frame;
    r[at + R_CHANNEL] = channel;
    Atomics.store(this.counters, WRITTEN, (written + 1) | 0);
    return true;
  }
}

export class ControlRingReader extends RingViews {
  // The records, for reading at `at(i)`.
  get data(): Float64Array {
    return this.records;
  }
  // How many records are waiting.
  available(): number {
    return (Atomics.load(this.counters, WRITTEN) - Atomics.load(this.counters, READ)) | 0;
  }
  // The slot index of the i-th waiting record (0 the oldest).
  at(i: number): number {
    return ((Atomics.load(this.counters, READ) + i) & (RING_CAPACITY - 1)) * RECORD_SLOTS;
  }
  // Frees the oldest `count` records for the writer.
  consume(count: number): void {
    Atomics.store(this.counters, READ, (Atomics.load(this.counters, READ) + count) | 0);
  }
}
