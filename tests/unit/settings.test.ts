/**
 * The user's settings in the library file: defaults on a new library, a change of one setting
 * keeps the other, both survive closing and reopening the file, and a damaged stored value
 * reads as the default rather than breaking the app.
 */
import { afterEach, expect, test } from 'vitest';
import { call, openTempLibrary, removeTempDirs } from '../support/library';

afterEach(() => removeTempDirs());

test('a new library has the system language and no author name', () => {
  const lib = openTempLibrary();
  expect(call(lib.services, 'settings:get', {})).toEqual({ language: 'auto', authorName: '' });
  lib.close();
});

test('each setting changes alone, and both are there after the file is reopened', () => {
  const lib = openTempLibrary();
  expect(call(lib.services, 'settings:set', { language: 'ru' })).toEqual({ language: 'ru', authorName: '' });
  expect(call(lib.services, 'settings:set', { authorName: 'Анна Петрова' })).toEqual({ language: 'ru', authorName: 'Анна Петрова' });
  expect(call(lib.services, 'settings:set', { language: 'en', authorName: '' })).toEqual({ language: 'en', authorName: '' });
  call(lib.services, 'settings:set', { language: 'ru', authorName: 'Я'.repeat(120) });
  lib.close();
  const again = openTempLibrary(lib.file);
  expect(call(again.services, 'settings:get', {})).toEqual({ language: 'ru', authorName: 'Я'.repeat(120) });
  again.close();
});

test('a stored language Lanemap does not know reads as the system language', () => {
  const lib = openTempLibrary();
  call(lib.services, 'settings:set', { language: 'ru', authorName: 'Анна' });
  lib.db.prepare("UPDATE settings SET value = 'klingon' WHERE key = 'ui.language'").run();
  expect(call(lib.services, 'settings:get', {})).toEqual({ language: 'auto', authorName: 'Анна' });
  lib.close();
});
