/**
 * An export the desktop app cannot write where the user chose (a read-only folder, a full disk)
 * is said as one sentence about that file, in the user's language, never the file system's text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fileSaveFailure } from '../../src-main/services/diskErrors';
import { ApiError } from '../../src-renderer/api';
import { applyLanguage } from '../../src-renderer/i18n';
import { describeFailure } from '../../src-renderer/i18n/errors';
import { removeTempDirs, tempDir } from '../support/library';

afterAll(removeTempDirs);

test('writing into a folder that is not there, or onto a folder, gives the file-not-saved sentence', async () => {
  const dir = tempDir();
  for (const target of [path.join(dir, 'нет такой папки', 'карта.svg'), dir]) {
    const error = await fs.promises.writeFile(target, 'x').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(fileSaveFailure(error)).toEqual({ code: 'file-not-saved', message: expect.stringMatching(/could not be written there/) });
  }
});

test('errors that are not the disk’s are left to the caller', () => {
  expect(fileSaveFailure(new Error('boom'))).toBeNull();
  expect(fileSaveFailure(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeNull();
  expect(fileSaveFailure(null)).toBeNull();
});

test('the export failure reads as a sentence in Russian and in English', async () => {
  const failure = new ApiError('file-not-saved', 'EACCES: permission denied, open /root/x.svg');
  await applyLanguage('ru');
  expect(describeFailure('export', failure)).toMatch(/файл не удалось записать/);
  expect(describeFailure('export', failure)).not.toMatch(/EACCES/);
  await applyLanguage('en');
  expect(describeFailure('export', failure)).toMatch(/could not be written there/);
  expect(describeFailure('export', failure)).not.toMatch(/EACCES/);
});

test('a fault inside Lanemap is said as one plain sentence, never its technical text', async () => {
  const fault = new ApiError('internal', 'Something went wrong inside Lanemap: Maximum call stack size exceeded');
  await applyLanguage('en');
  expect(describeFailure('export', fault)).toMatch(/something went wrong inside Lanemap\.$/);
  expect(describeFailure('export', fault)).not.toMatch(/call stack/);
  await applyLanguage('ru');
  expect(describeFailure('export', fault)).toMatch(/внутренняя ошибка Lanemap/);
  await applyLanguage('en');
});
