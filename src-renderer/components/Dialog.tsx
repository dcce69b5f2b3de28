/** A small modal dialog: Escape cancels, the first field or button takes focus, Tab stays inside, focus goes back to the opener on close. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';
import { LimitedInput } from './limits/useTextLimit';
import { useFocusTrap } from './useFocusTrap';

export function Dialog({ title, children, onCancel }: { title: string; children: ReactNode; onCancel(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const trapTab = useFocusTrap(ref);
  useEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>('input, select, textarea, button[data-autofocus]');
    // a long dialog (the shortcut sheet) opens at its top even when the focused button is at its end
    el?.focus({ preventScroll: true });
    if (el instanceof HTMLInputElement) el.select();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(e) => {
          trapTab(e);
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Asks for a line of text (a title, a name). */
export function PromptDialog(props: {
  title: string;
  label: string;
  initial: string;
  maxLength: number;
  confirm: string;
  onConfirm(value: string): void;
  onCancel(): void;
}) {
  const t = useT();
  return (
    <Dialog title={props.title} onCancel={props.onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const entry = new FormData(e.currentTarget).get('value');
          const value = (typeof entry === 'string' ? entry : '').trim();
          if (value) props.onConfirm(value);
        }}
      >
        <label className="field">
          <span>{props.label}</span>
          <LimitedInput name="value" defaultValue={props.initial} maxLength={props.maxLength} required />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {props.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Asks before something that cannot be taken back. */
export function ConfirmDialog(props: { title: string; message: ReactNode; confirm: string; danger?: boolean; onConfirm(): void; onCancel(): void }) {
  const t = useT();
  return (
    <Dialog title={props.title} onCancel={props.onCancel}>
      <p>{props.message}</p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" data-autofocus className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
