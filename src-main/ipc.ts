/**
 * Electron IPC: one `ipcMain.handle` per contract call, only for our own window's frames,
 * every payload validated by `dispatchAsync` against the contract's schemas.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CALLS, type CallName } from '../shared/calls';
import { inputSchemas, type CallInput, type CallReply, type CallResults } from '../shared/contract';
import { describeIssues } from '../shared/model/schema';
import { fileSaveFailure } from './services/diskErrors';
import { dispatchAsync } from './services/dispatch';
import type { Services } from './services/library';
import { CallRefusal } from './team/client';

/** Calls only the desktop app can answer (native dialogs), validated like every other. */
export type DesktopCalls = Partial<{ [K in CallName]: (input: CallInput<K>, event: IpcMainInvokeEvent) => Promise<CallResults[K]> }>;

export function registerIpc(services: Services, isTrustedSender: (e: IpcMainInvokeEvent) => boolean, desktop: DesktopCalls = {}): void {
  for (const name of CALLS) {
    ipcMain.handle(name, async (event, payload: unknown): Promise<CallReply> => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'bad-input', message: 'Refused: unknown sender.' } };
      const own = desktop[name] as ((input: unknown, e: IpcMainInvokeEvent) => Promise<unknown>) | undefined;
      if (!own) return dispatchAsync(services, name, payload);
      const parsed = inputSchemas[name].safeParse(payload);
      if (!parsed.success) return { ok: false, error: { code: 'bad-input', message: `Invalid ${name} request: ${describeIssues(parsed.error)}` } };
      try {
        return { ok: true, value: await own(parsed.data, event) };
      } catch (e) {
        // a file the user chose to save could not be written: said plainly, in their language
        const disk = fileSaveFailure(e);
        if (disk) return { ok: false, error: disk };
        if (e instanceof CallRefusal) return { ok: false, error: e.error };
        return { ok: false, error: { code: 'internal', message: (e as Error).message } };
      }
    });
  }
}
