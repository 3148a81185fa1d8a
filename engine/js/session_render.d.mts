// Types of session_render.mjs for the studio's TypeScript (web/): the parts it uses.
export interface PluginRef { id: string; format?: string; sha256?: string }
export declare const FACTORY_PLUGIN_PREFIX: string;
export declare function factoryPluginName(ref: PluginRef): string | null;
export declare function sessionNeeds(session: unknown): { plugins: PluginRef[]; sources: string[] };
export declare const DEFAULT_TAIL_SECONDS: number;
export declare function defaultEndFrame(session: unknown, sampleRate: number): number;
