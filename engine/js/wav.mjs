// RIFF/WAVE in and out, on ArrayBuffers (no Node API). Reads PCM 8/16/24/32-bit integer and
// IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE; writes 16 and 24-bit PCM and 32-bit float.
const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

function fourCC(view, offset) {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1),
                             view.getUint8(offset + 2), view.getUint8(offset + 3));
}

// { sampleRate, channels: Float32Array[] }. Throws an Error naming what is unsupported.
export function decodeWav(arrayBuffer) {
  const view = new DataView(arrayBuffer);
  if (view.byteLength < 12 || fourCC(view, 0) !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw new Error('not a WAV file (no RIFF/WAVE header)');
  }
  let format = null;
  let data = null;
  for (let offset = 12; offset + 8 <= view.byteLength;) {
    const id = fourCC(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = { offset: body, size: Math.min(size, view.byteLength - body) };
    }
    offset = body + size + (size & 1);
  }
  if (format === null || data === null) throw new Error('WAV file without fmt or data chunk');
  const { code, channels, bits } = format;
  const bytes = bits / 8;
  const supported = (code === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) ||
                    (code === FORMAT_FLOAT && (bits === 32 || bits === 64));
  if (!supported || channels === 0) {
    throw new Error(`unsupported WAV encoding (format ${code}, ${bits} bits, ${channels} channels)`);
  }
  const frames = Math.floor(data.size / (bytes * channels));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const read = code === FORMAT_FLOAT
    ? (bits === 32 ? (o) => view.getFloat32(o, true) : (o) => view.getFloat64(o, true))
    : bits === 8 ? (o) => (view.getUint8(o) - 128) / 128
    : bits === 16 ? (o) => view.getInt16(o, true) / 32768
    : bits === 24 ? (o) => (((view.getUint8(o + 2) << 24) | (view.getUint8(o + 1) << 16) | (view.getUint8(o) << 8)) >> 8) / 8388608
    : (o) => view.getInt32(o, true) / 2147483648;
  for (let f = 0, o = data.offset; f < frames; ++f) {
    for (let c = 0; c < channels; ++c, o += bytes) out[c][f] = read(o);
  }
  return { sampleRate: format.sampleRate, channels: out };
}

// What encodeWav writes, as `vaist render --bits` names them: 16 (pcm16), 24 (pcm24), 32f (float32).
export const WAV_SAMPLE_FORMATS = Object.freeze({
  pcm16: { code: FORMAT_PCM, bytes: 2 },
  pcm24: { code: FORMAT_PCM, bytes: 3 },
  float32: { code: FORMAT_FLOAT, bytes: 4 },
});

// Triangular (TPDF) dither of +-1 LSB for 16-bit words, as media/ quantises (sample_quantiser):
// the rounding error becomes a steady noise floor near -96 dBFS instead of distortion in quiet
// passages and fades. Its uniform values come from a xorshift32 seeded the same for every file,
// so an export written twice is identical (not the same sequence as media's xorshift64*).
function tpdfDither() {
  let state = 0x9e3779b9;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return () => uniform() + uniform() - 1;
}

// A WAV file of equally long channels (Float32Arrays, full scale [-1, 1)) in `sampleFormat`, a key
// of WAV_SAMPLE_FORMATS. Integer words are rounded to nearest and clipped to full scale (so is
// media/'s encoder); 16-bit ones are dithered first, 24-bit ones are not (their rounding error
// is far below any converter's noise); 32-bit float is written as it is.
export function encodeWav(channels, sampleRate, sampleFormat = 'float32') {
  const format = WAV_SAMPLE_FORMATS[sampleFormat];
  if (format === undefined) throw new Error(`encodeWav: no sample format "${sampleFormat}" (pcm16, pcm24 or float32)`);
  const { code, bytes } = format;
  const frames = channels[0].length;
  const frameBytes = channels.length * bytes;
  const dataBytes = frames * frameBytes;
  const buffer = new ArrayBuffer(44 + dataBytes + (dataBytes & 1));
  const view = new DataView(buffer);
  const text = (offset, s) => [...s].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes + (dataBytes & 1), true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, code, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * frameBytes, true);
  view.setUint16(32, frameBytes, true);
  view.setUint16(34, bytes * 8, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  const dither = tpdfDither();
  for (let f = 0, o = 44; f < frames; ++f) {
    for (let c = 0; c < channels.length; ++c, o += bytes) {
      const sample = channels[c][f];
      if (sampleFormat === 'float32') {
        view.setFloat32(o, sample, true);
      } else if (sampleFormat === 'pcm16') {
        view.setInt16(o, Math.min(32767, Math.max(-32768, Math.round(sample * 32768 + dither()))), true);
      } else {
        const word = Math.min(8388607, Math.max(-8388608, Math.round(sample * 8388608)));
        view.setUint8(o, word & 0xff);
        view.setUint8(o + 1, (word >> 8) & 0xff);
        view.setUint8(o + 2, (word >> 16) & 0xff);
      }
    }
  }
  return buffer;
}
