// UTF-8 across the engine boundary without TextDecoder/TextEncoder, which Chromium's
// AudioWorkletGlobalScope does not have. Where they exist (Node, windows, workers) they do the
// work; elsewhere a small codec of our own with the same results: WHATWG decoding (each maximal
// ill-formed subsequence becomes one U+FFFD) and encoding (a lone surrogate becomes U+FFFD),
// and encodeInto writes whole characters only.
const nativeDecoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-8') : null;
const nativeEncoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;

const REPLACEMENT = 0xfffd;

// The code point at `text[i]` (a lone surrogate as U+FFFD) and how many UTF-16 units it takes.
function codePointAt(text, i) {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return [0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00), 2];
  }
  if (unit >= 0xd800 && unit <= 0xdfff) return [REPLACEMENT, 1];
  return [unit, 1];
}

function utf8Length(codePoint) {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function put(bytes, at, codePoint, length) {
  if (length === 1) {
    bytes[at] = codePoint;
    return;
  }
  const lead = [0, 0, 0xc0, 0xe0, 0xf0][length];
  bytes[at] = lead | (codePoint >> (6 * (length - 1)));
  for (let k = 1; k < length; ++k) bytes[at + k] = 0x80 | ((codePoint >> (6 * (length - 1 - k))) & 0x3f);
}

// `text` into `destination` (a Uint8Array) as far as whole characters fit: { read, written }.
export function encodeUtf8Into(text, destination) {
  if (nativeEncoder !== null) return nativeEncoder.encodeInto(text, destination);
  let read = 0;
  let written = 0;
  while (read < text.length) {
    const [codePoint, units] = codePointAt(text, read);
    const length = utf8Length(codePoint);
    if (written + length > destination.length) break;
    put(destination, written, codePoint, length);
    written += length;
    read += units;
  }
  return { read, written };
}

export function encodeUtf8(text) {
  if (nativeEncoder !== null) return nativeEncoder.encode(text);
  let bytes = 0;
  for (let i = 0; i < text.length;) {
    const [codePoint, units] = codePointAt(text, i);
    bytes += utf8Length(codePoint);
    i += units;
  }
  const out = new Uint8Array(bytes);
  encodeUtf8Into(text, out);
  return out;
}

// The WHATWG decoder's state machine (Encoding Standard, "UTF-8 decoder").
export function decodeUtf8(bytes) {
  if (nativeDecoder !== null) return nativeDecoder.decode(bytes);
  let out = '';
  let codePoint = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  const units = [];
  const flush = () => {
    out += String.fromCharCode(...units);
    units.length = 0;
  };
  const emit = (cp) => {
    if (cp >= 0x10000) {
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= 4096) flush();
  };
  for (let i = 0; i < bytes.length; ++i) {
    const byte = bytes[i];
    if (needed === 0) {
      if (byte <= 0x7f) {
        emit(byte);
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0xf;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x7;
      } else {
        emit(REPLACEMENT);
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      codePoint = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      emit(REPLACEMENT);
      --i;  // the byte starts over
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (++seen === needed) {
      emit(codePoint);
      codePoint = needed = seen = 0;
    }
  }
  if (needed !== 0) emit(REPLACEMENT);
  flush();
  return out;
}
