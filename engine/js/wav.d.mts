// Types of wav.mjs for the studio's TypeScript (web/): the parts it uses.
export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';
export declare const WAV_SAMPLE_FORMATS: Readonly<Record<WavSampleFormat, { code: number; bytes: number }>>;
export declare function encodeWav(channels: Float32Array[], sampleRate: number, sampleFormat?: WavSampleFormat): ArrayBuffer;
export declare function decodeWav(arrayBuffer: ArrayBuffer): { sampleRate: number; channels: Float32Array[] };
