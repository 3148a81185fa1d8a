// RIFF/WAVE in and out, on ArrayBuffers (no Node API). Reads PCM 8/16/24/32-bit integer and
// IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE; writes 32-bit float.
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

// 32-bit float WAV of equally long channels.
export function encodeWavFloat32(channels, sampleRate) {
  const frames = channels[0].length;
  const dataBytes = frames * channels.length * 4;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  const text = (offset, s) => [...s].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_FLOAT, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels.length * 4, true);
  view.setUint16(32, channels.length * 4, true);
  view.setUint16(34, 32, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let f = 0, o = 44; f < frames; ++f) {
    for (let c = 0; c < channels.length; ++c, o += 4) view.setFloat32(o, channels[c][f], true);
  }
  return buffer;
}
