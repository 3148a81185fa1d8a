// What deleting a kept plugin or one of its versions does, in words for its confirmation dialog,
// as the server does it (forge/README.md, "Deleting"): a version's children then name its
// parent, a deleted current version hands over to its parent (else the newest left), the only
// version is deleted with its plugin, and modules stay the user's plugins in the studio.
import type { DeleteButtonProps } from './DeleteButton';
import type { ForgeVersion, KeptPlugin } from './forge-versions-api';

export type Deletion = Omit<DeleteButtonProps, 'onDelete' | 'disabled'>;

const STAYS = 'Its module stays among your plugins in the studio, so sessions that use it still play.';
const list = (numbers: number[]) => numbers.map((n) => `v${n}`).join(numbers.length === 2 ? ' and ' : ', ');

export function versionDeletion(plugin: KeptPlugin, v: ForgeVersion): Deletion {
  const parent = plugin.versions.find((x) => x.id === v.parentId) ?? null;
  const children = plugin.versions.filter((x) => x.parentId === v.id).map((x) => x.number);
  const said = [`v${v.number}${v.message !== '' ? ` (“${v.message}”)` : ''} goes from the versions of ${plugin.name}.`];
  if (children.length > 0) {
    said.push(`${list(children)} ${children.length === 1 ? 'was' : 'were'} made from it and will name ${parent !== null ? `v${parent.number}` : 'no version'} as ${children.length === 1 ? 'its' : 'their'} parent.`);
  }
  if (v.id === plugin.currentVersionId) {
    const next = parent ?? [...plugin.versions].reverse().find((x) => x.id !== v.id) ?? null;
    if (next !== null) said.push(`v${next.number} becomes the current version.`);
  }
  said.push(STAYS);
  return {
    label: `Delete v${v.number} of ${plugin.name}`,
    title: `Delete v${v.number} of ${plugin.name}?`,
    description: said.join(' '),
    confirm: `Delete v${v.number}`,
  };
}

export function pluginDeletion(plugin: KeptPlugin): Deletion {
  const count = plugin.versions.length;
  return {
    label: `Delete ${plugin.name} and its ${count === 1 ? 'version' : `${count} versions`}`,
    title: `Delete ${plugin.name}?`,
    description: `${plugin.name} and ${count === 1 ? 'its only version go' : `all ${count} of its versions go`} from My plugins. ` +
      'Their modules stay among your plugins in the studio, so sessions that use them still play.',
    confirm: `Delete ${plugin.name}`,
  };
}
