import { useSyncExternalStore } from 'react';
import { session } from './session';

/** Whether this tab is signed in, re-rendering when it signs in or out. */
export function useHasSession(): boolean {
  return useSyncExternalStore(session.subscribe, session.hasSession);
}
