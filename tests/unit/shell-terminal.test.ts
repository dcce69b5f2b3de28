/**
 * `npm run web` at start-up: the terminal conversation (a numbered question in a terminal,
 * LANEMAP_RECOVER without one, the plain message and a hint otherwise), the native dialogs'
 * counterpart, and web.ts itself on a damaged library: a plain message, exit 1, no stack trace,
 * and the library file untouched.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDialogUi, type MessageBoxOptions } from '../../src-main/shell/dialogUi';
import { shellMessages } from '../../src-main/shell/messages';
import type { RecoveryChoice } from '../../src-main/shell/startup';
import { createTerminalUi } from '../../src-main/shell/terminalUi';
import { removeTempDirs, tempDir } from '../support/library';

afterEach(() => removeTempDirs());

const say = shellMessages('en');
const OPTIONS: { id: RecoveryChoice; label: string }[] = [
  { id: 'restore', label: 'Restore the backup of 2 Mar 2026, 10:30' },
  { id: 'empty', label: 'Start an empty library' },
  { id: 'quit', label: 'Quit' },
];

function terminal(env: NodeJS.ProcessEnv, isTTY: boolean) {
  const input = Object.assign(new PassThrough(), { isTTY });
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const ui = createTerminalUi(say, { input, output, env });
  return { ui, input, printed: () => printed };
}

describe('the terminal at start-up', () => {
  it('without a terminal or LANEMAP_RECOVER, prints the message and how to choose, and answers quit', async () => {
    const t = terminal({}, false);
    expect(await t.ui.choose('The library file is damaged.', OPTIONS)).toBe('quit');
    expect(t.printed()).toContain('The library file is damaged.');
    expect(t.printed()).toContain('LANEMAP_RECOVER=backup');
    expect(t.printed()).toContain('LANEMAP_RECOVER=empty');
  });

  it('takes LANEMAP_RECOVER=backup or empty when that option is offered', async () => {
    expect(await terminal({ LANEMAP_RECOVER: 'backup' }, false).ui.choose('m', OPTIONS)).toBe('restore');
    expect(await terminal({ LANEMAP_RECOVER: 'EMPTY' }, true).ui.choose('m', OPTIONS)).toBe('empty');
  });

  it('quits when LANEMAP_RECOVER asks for a backup there is not, or for something unknown', async () => {
    const none = terminal({ LANEMAP_RECOVER: 'backup' }, false);
    expect(await none.ui.choose('m', OPTIONS.slice(1))).toBe('quit');
    expect(none.printed()).toContain(say.noBackupToRestore);
    expect(await terminal({ LANEMAP_RECOVER: 'toString' }, false).ui.choose('m', OPTIONS)).toBe('quit');
  });

  it('in a terminal, lists the options by number and waits for a valid one', async () => {
    const t = terminal({}, true);
    const answer = t.ui.choose('The library file is damaged.', OPTIONS);
    t.input.write('7\n');
    t.input.write('two\n');
    t.input.write('2\n');
    expect(await answer).toBe('empty');
    expect(t.printed()).toContain('  1. Restore the backup of 2 Mar 2026, 10:30');
    expect(t.printed()).toContain('  3. Quit');
  });

  it('in a terminal that closes before an answer, quits', async () => {
    const t = terminal({}, true);
    const answer = t.ui.choose('m', OPTIONS);
    t.input.end();
    expect(await answer).toBe('quit');
  });
});

describe('the native dialogs at start-up', () => {
  it('show one button per option, Escape meaning quit, and translate the OK button', async () => {
    const boxes: MessageBoxOptions[] = [];
    const ui = createDialogUi(shellMessages('ru'), async (o) => {
      boxes.push(o);
      return { response: o.buttons.length > 1 ? 1 : 0 };
    });
    expect(await ui.choose('Файл повреждён', OPTIONS)).toBe('empty');
    expect(boxes[0]).toMatchObject({ buttons: OPTIONS.map((o) => o.label), cancelId: 2, type: 'warning' });
    await ui.tell('Готово', 'info');
    expect(boxes[1]).toMatchObject({ buttons: ['ОК'], type: 'info', message: 'Готово' });
  });

  it('an answer outside the options means quit', async () => {
    const ui = createDialogUi(say, async () => ({ response: 9 }));
    expect(await ui.choose('m', OPTIONS)).toBe('quit');
  });
});

describe('npm run web on a damaged library, without a terminal', () => {
  class Exit extends Error {
    constructor(readonly code: number | undefined) {
      super(`exit ${code}`);
    }
  }

  it('prints the plain message and the LANEMAP_RECOVER hint, exits 1 without a stack trace, and leaves the file as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    fs.writeFileSync(file, 'this is not a database, it is a shopping list '.repeat(200));
    const before = { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs, files: fs.readdirSync(dir) };

    vi.resetModules();
    vi.stubEnv('LANEMAP_DATA_DIR', dir);
    vi.stubEnv('LANEMAP_RECOVER', '');
    vi.stubEnv('LANG', 'en_US.UTF-8');
    vi.stubEnv('LC_ALL', '');
    vi.stubEnv('LC_MESSAGES', '');
    let printed = '';
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += chunk.toString();
      return true;
    });
    const exit = vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Exit(Number(code));
    });
    const stdinTTY = process.stdin.isTTY;
    process.stdin.isTTY = false;
    try {
      await expect(import('../../src-main/web')).rejects.toEqual(new Exit(1));
    } finally {
      process.stdin.isTTY = stdinTTY;
      write.mockRestore();
      exit.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(printed).toContain('The library file is damaged');
    expect(printed).toContain(say.recoverHint);
    expect(printed).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(fs.readFileSync(file)).toEqual(before.bytes);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(fs.readdirSync(dir)).toEqual(before.files);
    // and nothing opened it: a real SQLite open would have said "file is not a database"
    expect(() => new Database(file, { readonly: true }).pragma('quick_check')).toThrow();
  });
});
