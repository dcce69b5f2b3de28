import type { TFunction } from 'i18next';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { presentationShortcuts } from '../presentation/shortcuts';
import { reviewShortcuts } from '../review/useReviewShortcuts';
import { clipboardShortcuts } from './clipboardShortcuts';
import { menuShortcuts } from './contextMenu/items';
import { kindShortcuts } from '../canvas/kinds/kindKeys';

const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Every shortcut as [keys, what it does], in the interface's language. */
export function shortcuts(t: TFunction): [string, string][] {
  return [
    [`${mod}+Enter`, t('clipboard.shortcuts.addNext')],
    [`Alt+${mod}+Enter`, t('clipboard.shortcuts.addBranch')],
    ...clipboardShortcuts(t, mod),
    [`${mod}+Shift+L`, t('shortcuts.tidyUp')],
    ['N', t('notes.shortcut')],
    ...kindShortcuts(t),
    ['Enter, F2', t('notes.shortcutEdit')],
    [`${mod}+E`, t('shortcuts.export')],
    [t('shortcuts.arrowKeys'), t('shortcuts.move')],
    [t('shortcuts.deleteKeys'), t('clipboard.shortcuts.deleteHeal')],
    ['Shift+Delete', t('clipboard.shortcuts.deleteNoHeal')],
    [t('shortcuts.escape'), t('shortcuts.clear')],
    [`${mod}+Z`, t('shortcuts.undo')],
    [`${mod}+Shift+Z, ${mod}+Y`, t('shortcuts.redo')],
    [t('shortcuts.shiftDrag'), t('shortcuts.boxSelect')],
    [t('shortcuts.shiftClick', { mod }), t('shortcuts.addToSelection')],
    [t('shortcuts.zoomKeys'), t('shortcuts.zoom')],
    ['0', t('shortcuts.fit')],
    [t('viewUi.resizeKeys'), t('viewUi.resizeShortcut')],
    ['Alt+1 … Alt+6', t('shortcuts.views')],
    [t('swotView.shortcuts.boardKeys'), t('swotView.shortcuts.board')],
    [t('swotView.shortcuts.noteKeys'), t('swotView.shortcuts.note')],
    ...menuShortcuts(t, mod),
    ...reviewShortcuts(t, mod),
    ...presentationShortcuts(t),
    ['?', t('shortcuts.help')],
  ];
}

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const t = useT();
  return (
    <Dialog title={t('shortcuts.title')} onCancel={onClose}>
      <table className="shortcuts">
        <tbody>
          {shortcuts(t).map(([keys, what]) => (
            <tr key={`${keys} ${what}`}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" data-autofocus className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
