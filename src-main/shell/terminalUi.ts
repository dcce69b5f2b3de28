/**
 * The start-up conversation of `npm run web` in a terminal: messages go to stderr; a choice
 * is asked with numbered options when stdin is a terminal, otherwise taken from
 * `LANEMAP_RECOVER=backup|empty`, and without either the plain message and that hint are
 * printed and the answer is "quit" (the process then exits 1, without a stack trace).
 */
import readline from 'node:readline';
import type { ShellMessages } from './messages';
import type { RecoveryChoice, StartupUi } from './startup';

export interface TerminalIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const FROM_ENV: Record<string, RecoveryChoice> = { backup: 'restore', empty: 'empty' };

export function createTerminalUi(say: ShellMessages, io: TerminalIo): StartupUi {
  const print = (text: string) => io.output.write(`${text}\n`);
  return {
    async tell(message) {
      print(message);
    },
    async choose(message, options) {
      print(message);
      const wanted = io.env.LANEMAP_RECOVER?.trim().toLowerCase();
      if (wanted !== undefined && wanted !== '') {
        const id = Object.hasOwn(FROM_ENV, wanted) ? FROM_ENV[wanted] : undefined;
        if (id && options.some((o) => o.id === id)) return id;
        print(id === 'restore' ? say.noBackupToRestore : say.recoverHint);
        return 'quit';
      }
      if (!io.input.isTTY) {
        print(say.recoverHint);
        return 'quit';
      }
      options.forEach((o, i) => print(`  ${i + 1}. ${o.label}`));
      const rl = readline.createInterface({ input: io.input, output: io.output, terminal: io.input.isTTY });
      try {
        io.output.write(say.pickNumber);
        // every line typed is read (none lost between prompts); the end of input means nobody answers
        for await (const line of rl) {
          const answer = line.trim();
          const picked = /^\d+$/.test(answer) ? options[Number(answer) - 1] : undefined;
          if (picked) return picked.id;
          io.output.write(say.pickNumber);
        }
        return 'quit';
      } finally {
        rl.close();
      }
    },
  };
}
