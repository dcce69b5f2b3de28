/**
 * Electron IPC: one `ipcMain.handle` per contract call, only for our own window's frames,
 * every payload validated by `dispatch` against the contract's schemas.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CALLS } from '../shared/calls';
import type { CallReply } from '../shared/contract';
import { dispatch } from './services/dispatch';
import type { Services } from './services/library';

export function registerIpc(services: Services, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): void {
  for (const name of CALLS) {
    ipcMain.handle(name, (event, payload: unknown): CallReply => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'bad-input', message: 'Refused: unknown sender.' } };
      return dispatch(services, name, payload);
    });
  }
}
