// A fast path for the commonest source: a WAV file (16, 24 or 32-bit integer PCM, or 32-bit
// float) already at the context's rate. Its samples are read straight from the bytes into the
// arrays `allocate` gives (shared memory in the studio), which is many times faster than the
// browser's decodeAudioData (a 32-track session's 47 MB of 16-bit WAV: about 1.5 s there on a
// loaded machine). Anything else (another rate, another encoding, a damaged header) returns null
// and goes to the browser's decoder. Integers scale by 2^-(bits-1), as `vaist render` reads them.
const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
const MAX_CHANNELS = 32;

export function decodeWavPcm(bytes: ArrayBuffer, sampleRate: number, allocate: (frames: number) => Float32Array<ArrayBufferLike>): Float32Array<ArrayBufferLike>[] | null {
  const view = new DataView(bytes);
  const tag = (at: number) => String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
  if (view.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let format: { code: number; channels: number; rate: number; bits: number } | null = null;
  let data: { offset: number; size: number } | null = null;
  for (let at = 12; at + 8 <= view.byteLength && data === null;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16 && body + size <= view.byteLength) {
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      format = { code, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      data = { offset: body, size: Math.min(size, view.byteLength - body) };
    }
    at = body + size + (size & 1);
  }
  if (format === null || data === null || format.rate !== sampleRate) return null;
  const { code, channels, bits } = format;
  const known = (code === FORMAT_PCM && (bits === 16 || bits === 24 || bits === 32)) || (code === FORMAT_FLOAT && bits === 32);
  if (!known || channels < 1 || channels > MAX_CHANNELS) return null;
  const width = bits / 8;
  const frames = Math.floor(data.size / (width * channels));
  if (frames === 0) return null;
  const out = Array.from({ length: channels }, () => allocate(frames));
  const samples = frames * channels;
  // Typed views need aligned offsets: a data chunk at an odd multiple is copied out first.
  const aligned = (align: number) => (data.offset % align === 0 ? { buffer: bytes, offset: data.offset } : { buffer: bytes.slice(data.offset, data.offset + samples * width), offset: 0 });
  if (bits === 16) {
    const { buffer, offset } = aligned(2);
    const input = new Int16Array(buffer, offset, samples);
    for (let c = 0; c < channels; ++c) {
      const channel = out[c];
      for (let f = 0, i = c; f < frames; ++f, i += channels) channel[f] = input[i] / 32768;
    }
  } else if (bits === 24) {
    const input = new Uint8Array(bytes, data.offset, samples * 3);
    for (let c = 0; c < channels; ++c) {
      const channel = out[c];
      for (let f = 0, i = c * 3; f < frames; ++f, i += channels * 3) {
        channel[f] = (((input[i + 2] << 24) | (input[i + 1] << 16) | (input[i] << 8)) >> 8) / 8388608;
      }
    }
  } else {
    const { buffer, offset } = aligned(4);
    const input = code === FORMAT_FLOAT ? new Float32Array(buffer, offset, samples) : new Int32Array(buffer, offset, samples);
    const scale = code === FORMAT_FLOAT ? 1 : 1 / 2147483648;
    for (let c = 0; c < channels; ++c) {
      const channel = out[c];
      for (let f = 0, i = c; f < frames; ++f, i += channels) channel[f] = input[i] * scale;
    }
  }
  return out;
}
