/**
 * Sandboxed preload: exposes exactly the contract's calls as `window.lanemap.call(name, input)`
 * with the channel checked against the allow-list. No ipcRenderer, no Node in the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isCallName } from '../shared/calls';

contextBridge.exposeInMainWorld('lanemap', {
  call(name: string, input: unknown): Promise<unknown> {
    if (!isCallName(name)) return Promise.reject(new Error(`Unknown call ${name}`));
    return ipcRenderer.invoke(name, input);
  },
});
