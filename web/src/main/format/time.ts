// The transport's position as a musician reads it: bars:beats and minutes:seconds.milliseconds,
// from the engine's frame position. Beats count in the time signature's denominator; the tempo
// is in quarter notes per minute, the unit clip positions are written in.

export interface TimeSignature {
  numerator: number;
  denominator: number;
}

// Bar and beat, both from 1: frame 0 is bar 1, beat 1.
export function barBeat(frame: number, sampleRate: number, tempo: number, signature: TimeSignature): { bar: number; beat: number } {
  const quarters = (Math.max(0, frame) / sampleRate) * (tempo / 60);
  const beatQuarters = 4 / signature.denominator;
  // A hair of tolerance so that a position computed exactly on a beat never shows the one before.
  const beats = Math.floor(quarters / beatQuarters + 1e-9);
  const bar = Math.floor(beats / signature.numerator) + 1;
  const beat = (beats % signature.numerator) + 1;
  return { bar, beat };
}

// "bar:beat", as the position display shows it: frame 0 is "1:1".
export function barsBeats(frame: number, sampleRate: number, tempo: number, signature: TimeSignature): string {
  const { bar, beat } = barBeat(frame, sampleRate, tempo, signature);
  return `${bar}:${beat}`;
}

// The same in words, for speech: "bar 2, beat 4".
export function spokenBarBeat(frame: number, sampleRate: number, tempo: number, signature: TimeSignature): string {
  const { bar, beat } = barBeat(frame, sampleRate, tempo, signature);
  return `bar ${bar}, beat ${beat}`;
}

// "m:ss.mmm" (minutes grow past 59 rather than wrapping into hours: sessions are songs).
export function clockTime(frame: number, sampleRate: number): string {
  const milliseconds = Math.floor((Math.max(0, frame) / sampleRate) * 1000 + 1e-6);
  const minutes = Math.floor(milliseconds / 60000);
  const seconds = Math.floor((milliseconds % 60000) / 1000);
  const rest = milliseconds % 1000;
  return `${minutes}:${String(seconds).padStart(2, '0')}.${String(rest).padStart(3, '0')}`;
}

// A linear peak as the meter's readout: "-6.0 dB", "-inf dB" for silence.
export function peakDb(linear: number): string {
  if (!(linear > 0)) return '-inf dB';
  const db = 20 * Math.log10(linear);
  return `${db < -99.9 ? '-inf' : db.toFixed(1)} dB`;
}
