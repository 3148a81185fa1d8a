// Audio import (WAV, MP3, FLAC, Ogg Vorbis: whatever the browser decodes): each file is hashed
// (sha256), decoded by the browser at the session's rate, stored once in the local database by
// its sha256 and handed to the worklet; then ONE edit adds them all, so one undo takes the whole
// import back. A file that cannot be read or decoded is named with the reason and changes nothing.
import { sha256Hex } from '../audio/module-cache';
import { decodeSource } from '../audio/session-assets';
import { putAsset } from '../storage/local-assets';
import type { StudioDb } from '../storage/studio-db';
import type { Transport } from '../studio/transport';
import type { SourceLoad } from '../../shared/engine-protocol';

// Where the clips go: by default one new audio track per file, clips at the session's start;
// with `track`, on that audio track, from `beat` (default 0), one after another.
export interface ImportTarget {
  track?: string;
  beat?: number;
}

export interface ImportProgress {
  done: number; // files finished (decoded or refused)
  total: number;
  file: string; // the file being read now ('' when all are read and the edit is being made)
}

export interface ImportResult {
  imported: string[]; // file names, in the order given
  failed: { file: string; message: string }[];
  trackIds: string[]; // the tracks the clips went on, one per imported file
}

export const MAX_IMPORT_BYTES = 1024 ** 3; // as a project file's entry (docs/project-file.md, PF-3)
const MAX_CHANNELS = 32; // a source's channels (session-format.md)
const TRACK_COLOURS = ['#e05a47', '#f0a030', '#4cd08a', '#5aa9ff', '#b07cf0', '#f06fb0', '#3cc8c8', '#c8c850'];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// "kick drum.wav" -> "kick drum"; never empty; within the session's 256 bytes for a name.
export function trackNameOf(file: string): string {
  const dot = file.lastIndexOf('.');
  const base = (dot > 0 ? file.slice(0, dot) : file).trim() || 'Audio';
  let name = base.slice(0, 120);
  while (new TextEncoder().encode(name).length > 256) name = name.slice(0, -1);
  return name;
}

interface Decoded {
  file: File;
  sha256: string;
  load: SourceLoad;
  frames: number;
  sampleRate: number;
  channels: number;
}

async function readOne(transport: Transport, file: File): Promise<Decoded> {
  if (file.size > MAX_IMPORT_BYTES) throw new Error(`The file ${file.name} is ${(file.size / 1024 ** 3).toFixed(1)} GiB; files up to 1 GiB can be imported.`);
  if (file.size === 0) throw new Error(`The file ${file.name} is empty.`);
  const bytes = await file.arrayBuffer();
  const sha256 = await sha256Hex(bytes);
  const load = await decodeSource(transport.context, bytes.slice(0), sha256, file.name);
  const frames = load.channels[0]?.length ?? 0;
  if (frames === 0) throw new Error(`The audio file ${file.name} holds no audio.`);
  if (load.channels.length > MAX_CHANNELS) throw new Error(`The audio file ${file.name} has ${load.channels.length} channels; at most ${MAX_CHANNELS} can be imported.`);
  return { file, sha256, load, frames, sampleRate: load.sampleRate, channels: load.channels.length };
}

export async function importAudioFiles(transport: Transport, db: StudioDb, files: File[], target: ImportTarget = {},
  onProgress: (progress: ImportProgress) => void = () => {}): Promise<ImportResult> {
  const failed: ImportResult['failed'] = [];
  const decoded: Decoded[] = [];
  const total = files.length;
  for (const [index, file] of files.entries()) {
    onProgress({ done: index, total, file: file.name });
    try {
      decoded.push(await readOne(transport, file));
    } catch (error) {
      failed.push({ file: file.name, message: message(error) });
    }
  }
  onProgress({ done: total, total, file: '' });
  if (decoded.length === 0) return { imported: [], failed, trackIds: [] };

  const session = transport.session;
  const tempo = Number(session.document.tempo);
  const onTrack = target.track !== undefined ? session.document.tracks.find((t) => t.id === target.track) : undefined;
  if (target.track !== undefined && (onTrack === undefined || (onTrack.kind ?? 'audio') !== 'audio')) {
    const why = onTrack === undefined ? `there is no track ${target.track}` : `${onTrack.name ?? onTrack.id} is not an audio track`;
    return { imported: [], failed: [...failed, ...decoded.map((d) => ({ file: d.file.name, message: `${d.file.name} was not imported: ${why}; drop it on an audio track or below the tracks.` }))], trackIds: [] };
  }

  // Stored before the edit names them: a saved session never names audio the database lacks.
  try {
    for (const d of decoded) await putAsset(db, { sha256: d.sha256, name: d.file.name, type: d.file.type, bytes: d.file });
  } catch (error) {
    const why = `this browser would not store it (${message(error)}); free some disk space or allow this site to store data, then import it again.`;
    return { imported: [], failed: [...failed, ...decoded.map((d) => ({ file: d.file.name, message: `${d.file.name} was not imported: ${why}` }))], trackIds: [] };
  }
  transport.addSources(decoded.filter((d, i) => decoded.findIndex((e) => e.sha256 === d.sha256) === i).map((d) => d.load));

  const picked: string[] = [];
  const fresh = (prefix: string) => {
    const id = session.freshId(prefix, picked);
    picked.push(id);
    return id;
  };
  const ops: object[] = [];
  const trackIds: string[] = [];
  let beat = Math.max(0, target.beat ?? 0);
  const trackCount = session.document.tracks.length;
  for (const d of decoded) {
    const length = (d.frames / d.sampleRate) * (tempo / 60);
    const source = { sha256: d.sha256, sampleRate: d.sampleRate, channels: d.channels, length: d.frames };
    let trackId: string;
    let start = 0;
    if (onTrack !== undefined) {
      trackId = onTrack.id;
      start = beat;
      beat += length;
    } else {
      trackId = fresh('audio');
      ops.push({ op: 'track.add', track: {
        id: trackId, name: trackNameOf(d.file.name), colour: TRACK_COLOURS[(trackCount + trackIds.length) % TRACK_COLOURS.length],
        kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master', inserts: [], clips: [],
      } });
    }
    ops.push({ op: 'clip.add', track: trackId, kind: 'audio', clip: { id: fresh(`${trackId}-clip`), source, start, length, offset: 0, gainDb: 0 } });
    trackIds.push(trackId);
  }
  const result = await transport.apply({ format: 'wasm-studio-ops', version: 1, ops });
  if (!result.ok) {
    const first = result.errors[0];
    const why = `the session refused it (${first.path ? `${first.path}: ` : ''}${first.message})`;
    return { imported: [], failed: [...failed, ...decoded.map((d) => ({ file: d.file.name, message: `${d.file.name} was not imported: ${why}.` }))], trackIds: [] };
  }
  return { imported: decoded.map((d) => d.file.name), failed, trackIds };
}
