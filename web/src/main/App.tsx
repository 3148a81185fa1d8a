// Client routes: the server answers every non-API path with index.html (server/src/http/
// static_site.cpp), so /studio works on reload. /studio/<id> opens the server session <id>;
// /forge is where plugins are written and built; /forge/plugins lists the ones kept.
import { Suspense, lazy } from 'react';

import { StudioRoom } from './studio/StudioRoom';

// Its own chunk (the code editor is big): the studio's first load does not fetch it.
const ForgeRoom = lazy(() => import('./forge/ForgeRoom').then((module) => ({ default: module.ForgeRoom })));
const MyPlugins = lazy(() => import('./forge/versions/MyPlugins').then((module) => ({ default: module.MyPlugins })));

export function App({ path }: { path: string }) {
  if (path === '/studio' || path === '/studio/') return <StudioRoom />;
  if (path === '/forge' || path === '/forge/') {
    return (
      <Suspense fallback={<p role="status">Opening the Forge…</p>}>
        <ForgeRoom />
      </Suspense>
    );
  }
  if (path === '/forge/plugins' || path === '/forge/plugins/') {
    return (
      <Suspense fallback={<p role="status">Opening your plugins…</p>}>
        <MyPlugins />
      </Suspense>
    );
  }
  if (path.startsWith('/studio/')) return <StudioRoom serverSessionId={decodeURIComponent(path.slice('/studio/'.length))} />;
  return (
    <main className="home">
      <h1>WASM Studio</h1>
      <p>A browser DAW for WebAssembly audio plugins.</p>
      <p><a href="/studio">Open the Studio with the demo session</a></p>
      <p><a href="/forge">Write and build a plugin in the Forge</a></p>
    </main>
  );
}
