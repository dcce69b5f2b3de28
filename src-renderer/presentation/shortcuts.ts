/** The presentation's keys for the editor's shortcut sheet (editor/ShortcutsHelp.tsx). */
import type { TFunction } from 'i18next';

export function presentationShortcuts(t: TFunction): [string, string][] {
  return [
    ['F5, Shift+F5', t('presentation.shortcuts.present')],
    [t('presentation.shortcuts.walkKeys'), t('presentation.shortcuts.walk')],
    ['1–9', t('presentation.shortcuts.choose')],
    [`O, ${t('presentation.keys.tab')}`, t('presentation.shortcuts.overview')],
    [t('presentation.shortcuts.commentKey'), t('presentation.shortcuts.comment')],
    ['N', t('presentation.shortcuts.notShown')],
    ['S', t('swotView.present.shortcut')],
  ];
}
