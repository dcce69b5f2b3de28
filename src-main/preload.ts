/**
 * Sandboxed preload: exposes exactly the contract's calls as `window.lanemap.call(name, input)`
 * with the channel checked against the allow-list, and `onTeamEvent(cb)` for the one team-events
 * channel. No ipcRenderer, no Node in the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isCallName } from '../shared/calls';
import { TEAM_EVENT_CHANNEL } from './team/windows';

contextBridge.exposeInMainWorld('lanemap', {
  call(name: string, input: unknown): Promise<unknown> {
    if (!isCallName(name)) return Promise.reject(new Error(`Unknown call ${name}`));
    return ipcRenderer.invoke(name, input);
  },
  /** Team servers' events for this window (after `team:watch`); returns the way to stop listening. */
  onTeamEvent(cb: (message: unknown) => void): () => void {
    const listener = (_event: unknown, message: unknown) => cb(message);
    ipcRenderer.on(TEAM_EVENT_CHANNEL, listener);
    return () => void ipcRenderer.removeListener(TEAM_EVENT_CHANNEL, listener);
  },
});
