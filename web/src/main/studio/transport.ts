// The studio's transport: the engine node on a real-time AudioContext at the session's rate, and
// the three commands the transport bar gives it. It keeps the session's assets (compiled modules,
// decoded sources) for an export, which renders them again in a worker.
import { EngineNode } from '../audio/engine-node';
import type { ModuleCache } from '../audio/module-cache';
import { type SessionAssets, type SessionInfo, loadSessionAssets, readSession } from '../audio/session-assets';
import type { EngineFault } from '../../shared/engine-protocol';

export class Transport {
  readonly context: AudioContext;
  readonly engine: EngineNode;
  readonly info: SessionInfo;
  readonly assets: SessionAssets;

  private constructor(context: AudioContext, engine: EngineNode, assets: SessionAssets) {
    this.context = context;
    this.engine = engine;
    this.info = assets.info;
    this.assets = assets;
  }

  static async open(sessionUrl: string, cache: ModuleCache, onFaults: (faults: EngineFault[]) => void): Promise<Transport> {
    const session = await readSession(sessionUrl);
    // At the session's rate: decodeAudioData converts every source to it and the engine plays
    // at the rate the session was made at. The context stays suspended until a gesture (Play).
    const context = new AudioContext({ latencyHint: 'interactive', sampleRate: session.info.sampleRate });
    try {
      const assets = await loadSessionAssets(context, cache, session);
      const looping = assets.info.loop?.enabled ?? false;
      const engine = await EngineNode.create(context, { ...assets.load, looping, play: false }, { onFaults });
      engine.node.connect(context.destination);
      return new Transport(context, engine, assets);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  async play(): Promise<void> {
    this.engine.send({ type: 'play' });
    await this.context.resume();  // a user gesture started this: the context may now run
  }

  stop(): void {
    this.engine.send({ type: 'stop' });
  }

  returnToStart(): void {
    this.engine.send({ type: 'seek', frame: 0 });
  }

  async close(): Promise<void> {
    this.engine.node.disconnect();
    await this.context.close();
  }
}
