/**
 * A view's export buttons (the tables' CSV / XLSX, the SWOT board's SVG / PNG): each makes the
 * file from the map at the moment of the click (unsaved edits included; a saved version when one
 * is being looked at — exporting changes nothing, so it is offered there too) and saves it. While
 * the file is made the button shows a spinner and says so to screen readers; a failure is a
 * message in the user's language, never a stack trace.
 */
import type { LucideIcon } from 'lucide-react';
import { useRef, useState } from 'react';
import type { MapDoc } from '../../../shared/model/types';
import { saveFile } from '../../export/saveFile';
import { useT } from '../../i18n';
import { describeFailure } from '../../i18n/errors';
import { useEditorStore } from '../../store/context';
import { notify } from '../../store/notices';
import './viewExport.css';

/** Lets the button's spinner be painted before the file of a large map is built (synchronously). */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export interface ExportChoice<F extends string> {
  format: F;
  icon: LucideIcon;
  label: string;
  hint: string;
}

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  /** Nothing but headers (or an empty board): said beside "saved". */
  empty: boolean;
}

export function ExportButtonGroup<F extends string>(props: {
  label: string;
  choices: ExportChoice<F>[];
  make(doc: MapDoc, format: F, versionName: string | undefined): Promise<ExportedFile>;
  /** Said after "saved" when the file is empty. */
  emptyNote: string;
}) {
  const t = useT();
  const store = useEditorStore();
  const [busy, setBusy] = useState<F | null>(null);
  // a second click while the first file is being made is ignored, even before React re-renders
  const running = useRef(false);

  const run = async (format: F) => {
    const { doc, viewing } = store.getState();
    if (!doc || running.current) return;
    running.current = true;
    setBusy(format);
    try {
      await nextPaint();
      const file = await props.make(doc, format, viewing?.name);
      const where = await saveFile(file.blob, file.fileName);
      if (where) notify.info([t('viewExport.done', { where }), file.empty ? props.emptyNote : ''].filter(Boolean).join(' '));
    } catch (e) {
      notify.error(describeFailure('export', e));
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  return (
    <div className="view-export" role="group" aria-label={props.label}>
      {props.choices.map(({ format, icon: Icon, label, hint }) => (
        <button
          key={format}
          type="button"
          className="view-export-button"
          title={hint}
          aria-busy={busy === format}
          // not `disabled`: that would drop the keyboard focus; a click meanwhile is ignored (`running`)
          aria-disabled={busy !== null}
          onClick={() => void run(format)}
        >
          {busy === format ? <span className="view-export-spinner" aria-hidden="true" /> : <Icon size={14} aria-hidden="true" />}
          {label}
        </button>
      ))}
      <span className="visually-hidden" role="status" aria-live="polite">
        {busy ? t('viewExport.preparing', { format: busy.toUpperCase() }) : ''}
      </span>
    </div>
  );
}
