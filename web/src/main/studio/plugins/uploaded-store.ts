// The uploaded plugins the plugin browsers list (every strip's): this browser's, read from the
// local database, and once signed in the account's on the server (server-uploads.ts), merged by
// sha256. Read when a menu first shows, again after an upload, when a menu opens and whenever
// who is signed in changes.
import { createStore } from 'zustand/vanilla';

import { useAccount } from '../../server/account-store';
import { studioDb } from '../../storage/studio-db';
import { type ListedUpload, type ServerUpload, fetchServerUploads, mergeUploads } from './server-uploads';
import { listUploaded } from './uploaded-plugins';

export interface UploadedList {
  plugins: ListedUpload[];
  loaded: boolean;
  refresh(): Promise<void>;
}

// Refreshes can overlap (an upload's and a sign-in's): only the latest one's answer is shown.
let generation = 0;
// The server's last answer for whoever is signed in: shown while it is asked again, so an open
// menu's entries do not blink away.
let lastServer: { userId: string; uploads: ServerUpload[] } | null = null;

export const uploadedList = createStore<UploadedList>()((set) => ({
  plugins: [],
  loaded: false,
  refresh: async () => {
    const mine = (generation += 1);
    const local = await listUploaded(studioDb());
    if (mine !== generation) return;
    const { status, user } = useAccount.getState();
    const userId = status === 'signed-in' && user !== null ? user.id : null;
    set({ plugins: mergeUploads(local, userId !== null && lastServer?.userId === userId ? lastServer.uploads : []), loaded: true });
    if (userId === null) return;
    const server = await fetchServerUploads();
    if (mine !== generation || server === null) return;
    lastServer = { userId, uploads: server };
    set({ plugins: mergeUploads(local, server) });
  },
}));

useAccount.subscribe((account, before) => {
  if (account.user?.id !== before.user?.id && uploadedList.getState().loaded) void uploadedList.getState().refresh();
});
