// Audio files in this browser (StudioDb.assets), once each by the sha256 of their bytes.
import { sha256Hex } from '../audio/module-cache';
import type { StoredAsset, StudioDb } from './studio-db';

export interface AssetFile {
  sha256: string;
  name: string;
  type: string;
  bytes: Blob;
}

// Stores the file unless an asset with its sha256 is there already (the first name is kept).
// Resolves true when it was new.
export async function putAsset(db: StudioDb, file: AssetFile): Promise<boolean> {
  return db.transaction('rw', db.assets, async () => {
    if ((await db.assets.get(file.sha256)) !== undefined) return false;
    const asset: StoredAsset = { sha256: file.sha256, name: file.name, type: file.type, size: file.bytes.size, bytes: file.bytes };
    await db.assets.add(asset);
    return true;
  });
}

export async function hasAsset(db: StudioDb, sha256: string): Promise<boolean> {
  return (await db.assets.where('sha256').equals(sha256).count()) > 0;
}

// The asset's bytes, checked against its sha256 (a damaged store must not play something else);
// undefined when there is no such asset.
export async function assetBytes(db: StudioDb, sha256: string): Promise<ArrayBuffer | undefined> {
  const asset = await db.assets.get(sha256);
  if (asset === undefined) return undefined;
  const bytes = await asset.bytes.arrayBuffer();
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new Error(`The stored audio file ${asset.name} is damaged (its bytes hash to ${actual.slice(0, 12)}…, not ${sha256.slice(0, 12)}…); import it again.`);
  return bytes;
}
