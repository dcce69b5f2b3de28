/**
 * The start-up conversation of the desktop app: Electron's message boxes. A choice is a box
 * with one button per option; closing the box (Escape) means "quit".
 */
import type { ShellMessages } from './messages';
import type { RecoveryChoice, StartupUi } from './startup';

/** The subset of `dialog.showMessageBox`'s options this uses. */
export interface MessageBoxOptions {
  type: 'error' | 'info' | 'warning';
  title: string;
  message: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

export type ShowMessageBox = (options: MessageBoxOptions) => Promise<{ response: number }>;

export function createDialogUi(say: ShellMessages, showMessageBox: ShowMessageBox): StartupUi {
  return {
    async tell(message, tone) {
      await showMessageBox({ type: tone, title: say.title, message, buttons: [say.ok], defaultId: 0, cancelId: 0, noLink: true });
    },
    async choose(message, options) {
      const quit = options.findIndex((o) => o.id === 'quit');
      const { response } = await showMessageBox({
        type: 'warning',
        title: say.title,
        message,
        buttons: options.map((o) => o.label),
        defaultId: 0,
        cancelId: quit >= 0 ? quit : options.length - 1,
        noLink: true,
      });
      return options[response]?.id ?? ('quit' satisfies RecoveryChoice);
    },
  };
}
