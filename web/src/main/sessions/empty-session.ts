// "New session": one empty audio track at the demo's rate, tempo and metre, ready for an import.
export const NEW_SESSION_NAME = 'Untitled session';

export function emptySessionDocument(): string {
  return JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: 48000, nextId: 1,
    tracks: [{ id: 'audio-1', name: 'Audio 1', colour: '#5aa9ff', kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master', inserts: [], clips: [] }],
    master: { volumeDb: 0, inserts: [] },
  });
}
