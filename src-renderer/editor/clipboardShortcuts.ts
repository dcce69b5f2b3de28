import type { TFunction } from 'i18next';

/** The clipboard's rows of the shortcut sheet (issue 13). */
export function clipboardShortcuts(t: TFunction, mod: string): [string, string][] {
  return [
    [`${mod}+C`, t('clipboard.shortcuts.copy')],
    [`${mod}+X`, t('clipboard.shortcuts.cut')],
    [`${mod}+V`, t('clipboard.shortcuts.paste')],
    [`${mod}+D`, t('clipboard.shortcuts.duplicate')],
    [t('clipboard.shortcuts.dropOnFlowKeys'), t('clipboard.shortcuts.dropOnFlow')],
    [t('clipboard.shortcuts.reattachKeys'), t('clipboard.shortcuts.reattach')],
  ];
}
