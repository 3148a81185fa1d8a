// What the "speak levels" key says about a track or the master: the highest peak of the last few
// seconds and the loudness now (K-weighted, BS.1770: the engine measures it, EW-14), in the words
// a meter shows ("-6.2 dB", "-14.1 LUFS").

// How far back the spoken peak looks: long enough to catch the last hit of a phrase.
export const SPOKEN_PEAK_SECONDS = 3;

export function loudnessLufs(power: number): number {
  return power > 0 ? -0.691 + 10 * Math.log10(power) : -Infinity;
}

function db(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : -Infinity;
}

// Below the meters' floor a peak is not a figure worth saying (the published peaks fall off
// slowly, so a stopped mix reads a fading remnant of its last peak for seconds).
export const SPOKEN_FLOOR_DB = -60;

export function levelReport(name: string, peakLinear: number, loudnessPower: number): string {
  const peak = db(peakLinear);
  const loudness = loudnessLufs(loudnessPower);
  if (!(peak > -200)) return `${name}: silent`;
  if (!(peak > SPOKEN_FLOOR_DB)) return `${name}: peak below ${SPOKEN_FLOOR_DB} dB`;
  const parts = [`peak ${peak.toFixed(1)} dB${peak > 0 ? ', clipping' : ''}`];
  parts.push(loudness > -70 ? `loudness ${loudness.toFixed(1)} LUFS` : 'loudness below -70 LUFS');
  return `${name}: ${parts.join(', ')}`;
}

// The highest of the peaks recorded over the last SPOKEN_PEAK_SECONDS, from samples taken at any
// rate (time in ms). Keeps a bounded ring: one sample per SAMPLE_MS.
export class PeakWindow {
  private readonly times: Float64Array;
  private readonly peaks: Float64Array;
  private next = 0;

  constructor(private readonly seconds = SPOKEN_PEAK_SECONDS, sampleMs = 100) {
    const size = Math.ceil((seconds * 1000) / sampleMs) + 1;
    this.times = new Float64Array(size).fill(-Infinity);
    this.peaks = new Float64Array(size);
  }

  add(now: number, peak: number): void {
    this.times[this.next] = now;
    this.peaks[this.next] = peak;
    this.next = (this.next + 1) % this.times.length;
  }

  highest(now: number): number {
    let highest = 0;
    for (let i = 0; i < this.times.length; ++i) {
      if (now - this.times[i] <= this.seconds * 1000 && this.peaks[i] > highest) highest = this.peaks[i];
    }
    return highest;
  }

  clear(): void {
    this.times.fill(-Infinity);
  }
}
