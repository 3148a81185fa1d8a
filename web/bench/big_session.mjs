// The demo session grown to a big one for the studio's benchmarks (drag_bench.mjs, drag_profile.mjs).
// The demo session with `count` tracks: the first four are the demo's (automation names them), the
// rest copies of them under new ids.
export function bigSession(demo, count) {
  const session = JSON.parse(demo);
  const bus = session.tracks.find((t) => t.kind === 'bus');
  const models = session.tracks.filter((t) => t.kind !== 'bus');
  const tracks = [];
  for (let i = 0; i < count; ++i) {
    const model = models[i % models.length];
    if (i < models.length) {
      tracks.push(model);
      continue;
    }
    const copy = structuredClone(model);
    copy.id = `${model.id}-x${i}`;
    copy.name = `${model.name} ${i + 1}`;
    for (const clip of copy.clips) clip.id = `${clip.id}-x${i}`;
    for (const insert of copy.inserts) insert.id = `${insert.id}-x${i}`;
    tracks.push(copy);
  }
  session.tracks = [...tracks, bus];
  return JSON.stringify(session, null, 2);
}
