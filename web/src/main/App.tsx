// Client routes: the server answers every non-API path with index.html (server/src/http/
// static_site.cpp), so /studio works on reload. Only the Studio room exists yet; /studio/<id>
// opens the server session <id>.
import { StudioRoom } from './studio/StudioRoom';

export function App({ path }: { path: string }) {
  if (path === '/studio' || path === '/studio/') return <StudioRoom />;
  if (path.startsWith('/studio/')) return <StudioRoom serverSessionId={decodeURIComponent(path.slice('/studio/'.length))} />;
  return (
    <main className="home">
      <h1>WASM Studio</h1>
      <p>A browser DAW for WebAssembly audio plugins.</p>
      <p><a href="/studio">Open the Studio with the demo session</a></p>
    </main>
  );
}
