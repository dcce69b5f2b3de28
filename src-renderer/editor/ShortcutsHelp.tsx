import { Dialog } from '../components/Dialog';

const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUTS: [string, string][] = [
  [`${mod}+Enter`, 'Add the next step after the selected one'],
  [`${mod}+Shift+L`, 'Tidy up: lay out the whole map'],
  [`${mod}+E`, 'Export (SVG, PNG, CSV, Lanemap file)'],
  ['Arrow keys, Shift+arrows', 'Move the selected steps by 10 / 50 px'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Escape', 'Clear the selection, leave a text field'],
  [`${mod}+Z`, 'Undo'],
  [`${mod}+Shift+Z, ${mod}+Y`, 'Redo'],
  ['Shift+drag', 'Select several steps with a box'],
  [`Shift+click, ${mod}+click`, 'Add to the selection'],
  ['+ / -', 'Zoom in / out'],
  ['0', 'Fit the map to the window'],
  ['?', 'This list'],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onCancel={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
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
          Close
        </button>
      </div>
    </Dialog>
  );
}
