/**
 * The toolbar's Arrange button: Align ▸, Distribute ▸ and Same width for the selected steps
 * (the same items as the step's context menu). Enabled with two or more steps selected; when
 * disabled its tooltip says why.
 */
import { AlignStartVertical } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useEditor, useEditorStore } from '../../store/context';
import { MIN_ALIGN } from '../arrange';
import { arrangeEntries } from './items';
import { PopupMenu } from './Menu';
import { useMenusReadOnly } from './useContextMenus';

export function ArrangeButton() {
  const t = useT();
  const store = useEditorStore();
  const count = useEditor((s) => s.selection.steps.length);
  const readOnly = useMenusReadOnly();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const why = readOnly ? t('contextMenu.why.readOnly') : count < MIN_ALIGN ? t('contextMenu.why.needTwo') : null;
  const label = t('contextMenu.arrangeMenu');

  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (e.target instanceof Element && (e.target.closest('.context-menu') || button.current?.contains(e.target))) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open]);
  useEffect(() => {
    if (why) setOpen(false);
  }, [why]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="tool-button"
        aria-label={label}
        title={why ? `${label} — ${why}` : label}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!!why}
        onClick={() => setOpen((v) => !v)}
      >
        <AlignStartVertical size={17} />
      </button>
      {open && button.current && (
        <PopupMenu
          items={arrangeEntries(store, count, readOnly)}
          label={label}
          anchor={{ rect: button.current.getBoundingClientRect(), side: 'below' }}
          onDone={(restore) => {
            setOpen(false);
            if (restore) button.current?.focus();
          }}
        />
      )}
    </>
  );
}
