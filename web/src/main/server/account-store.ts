// Who is signed in to the server, for the header's account controls and everything that saves:
// checked with GET /auth/me when the studio loads, changed by signing up, in and out.
import { create } from 'zustand';

import { type User, ApiError, currentUser, signIn, signOut, signUp } from './api';

export type AccountMode = 'sign-in' | 'sign-up';
export type AccountStatus = 'checking' | 'signed-out' | 'signed-in' | 'unreachable';

interface AccountState {
  status: AccountStatus;
  user: User | null;
  message: string | null;  // why the account could not be checked, or signing out failed
  dialog: AccountMode | null;  // the sign-in / sign-up dialog, when open
  openDialog(mode: AccountMode | null): void;
  check(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;   // throws ApiError
  signUp(username: string, password: string, displayName: string): Promise<void>;  // throws ApiError
  signOut(): Promise<void>;
}

export const useAccount = create<AccountState>()((set) => ({
  status: 'checking',
  user: null,
  message: null,
  dialog: null,
  openDialog: (mode) => set({ dialog: mode }),
  async check() {
    try {
      const user = await currentUser();
      set({ status: user === null ? 'signed-out' : 'signed-in', user, message: null });
    } catch (error) {
      set({ status: 'unreachable', user: null, message: error instanceof Error ? error.message : String(error) });
    }
  },
  async signIn(username, password) {
    const user = await signIn(username, password);
    set({ status: 'signed-in', user, message: null });
  },
  async signUp(username, password, displayName) {
    const user = await signUp(username, password, displayName.trim() || undefined);
    set({ status: 'signed-in', user, message: null });
  },
  async signOut() {
    try {
      await signOut();
      set({ status: 'signed-out', user: null, message: null });
    } catch (error) {
      // Already ended on the server (expired): signed out all the same.
      if (error instanceof ApiError && error.status === 401) set({ status: 'signed-out', user: null, message: null });
      else set({ message: error instanceof Error ? error.message : String(error) });
    }
  },
}));
