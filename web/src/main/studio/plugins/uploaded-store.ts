// The uploaded plugins the plugin browsers list (every strip's), read once from the local
// database and again after an upload.
import { createStore } from 'zustand/vanilla';

import { studioDb } from '../../storage/studio-db';
import { type UploadedPlugin, listUploaded } from './uploaded-plugins';

export interface UploadedList {
  plugins: UploadedPlugin[];
  loaded: boolean;
  refresh(): Promise<void>;
}

export const uploadedList = createStore<UploadedList>()((set) => ({
  plugins: [],
  loaded: false,
  refresh: async () => set({ plugins: await listUploaded(studioDb()), loaded: true }),
}));
