// The words of the Forge's delete confirmations say what the server will do: the children of a
// deleted version name its parent, a deleted current version hands over, modules stay.
import { describe, expect, it } from 'vitest';

import type { ForgeVersion, KeptPlugin } from '../../src/main/forge/versions/forge-versions-api';
import { pluginDeletion, versionDeletion } from '../../src/main/forge/versions/deletion';

const version = (number: number, parent: number | null, message = ''): ForgeVersion => ({
  id: `v${number}`, number, parentId: parent === null ? null : `v${parent}`, message, language: 'cpp', format: 'wsp',
  pluginId: 'forge.tape', wasm: { sha256: 'a'.repeat(64), url: '' }, files: ['plugin.wasm', 'descriptor.json'], createdAt: 0,
});
const plugin = (current: string, ...versions: ForgeVersion[]): KeptPlugin => ({
  id: 'p', name: 'Tape Heat', currentVersionId: current, createdAt: 0, updatedAt: 0, versions,
});

describe('deleting a version', () => {
  it('says which versions will name its parent, and that the module stays', () => {
    const p = plugin('v3', version(1, null), version(2, 1, 'darker'), version(3, 2), version(4, 2));
    const words = versionDeletion(p, p.versions[1]);
    expect(words.label).toBe('Delete v2 of Tape Heat');
    expect(words.confirm).toBe('Delete v2');
    expect(words.description).toBe('v2 (“darker”) goes from the versions of Tape Heat. v3 and v4 were made from it and will name v1 ' +
      'as their parent. Its module stays among your plugins in the studio, so sessions that use it still play.');
  });
  it('names the version that becomes current: its parent, else the newest left', () => {
    const p = plugin('v2', version(1, null), version(2, 1));
    expect(versionDeletion(p, p.versions[1]).description).toContain('v1 becomes the current version.');
    const q = plugin('v1', version(1, null), version(2, null), version(3, null));
    expect(versionDeletion(q, q.versions[0]).description).toContain('v3 becomes the current version.');
    expect(versionDeletion(q, q.versions[1]).description).not.toContain('current');
  });
});

describe('deleting a plugin', () => {
  it('counts its versions', () => {
    expect(pluginDeletion(plugin('v1', version(1, null))).label).toBe('Delete Tape Heat and its version');
    const p = plugin('v1', version(1, null), version(2, 1));
    expect(pluginDeletion(p).label).toBe('Delete Tape Heat and its 2 versions');
    expect(pluginDeletion(p).description).toMatch(/^Tape Heat and all 2 of its versions go from My plugins\. Their modules stay/);
  });
});
