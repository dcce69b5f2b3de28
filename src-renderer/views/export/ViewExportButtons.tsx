/**
 * "Export CSV" and "Export XLSX" in a view's header (issue 10, part 3): the view as it is on
 * screen (unsaved edits included; a saved version when one is being looked at — exporting
 * changes nothing, so it is offered there too), in the interface's language, saved as a file
 * named after the map and the view. While the file is made the button shows a spinner and says so to screen
 * readers; a failure is a message in the user's language, never a stack trace.
 */
import { FileSpreadsheet, FileText } from 'lucide-react';
import { useRef, useState } from 'react';
import { saveFile } from '../../export/saveFile';
import { currentLanguage, useT } from '../../i18n';
import { describeFailure } from '../../i18n/errors';
import { useEditorStore } from '../../store/context';
import { notify } from '../../store/notices';
import type { SheetView } from '../../../shared/views/sheets';
import { viewFile, type ViewFileFormat } from './viewFile';
import './viewExport.css';

/** Lets the button's spinner be painted before the sheet of a large map is built (synchronously). */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function ViewExportButtons({ view }: { view: SheetView }) {
  const t = useT();
  const store = useEditorStore();
  const [busy, setBusy] = useState<ViewFileFormat | null>(null);
  // a second click while the first file is being made is ignored, even before React re-renders
  const running = useRef(false);

  const run = async (format: ViewFileFormat) => {
    // the map at the moment of the click, with every edit made so far (or the saved version on screen)
    const { doc, viewing } = store.getState();
    if (!doc || running.current) return;
    running.current = true;
    setBusy(format);
    try {
      await nextPaint();
      const file = await viewFile(doc, view, format, currentLanguage(), viewing?.name);
      const where = await saveFile(file.blob, file.fileName);
      if (where) notify.info([t('viewExport.done', { where }), file.empty ? t('viewExport.onlyHeaders') : ''].filter(Boolean).join(' '));
    } catch (e) {
      notify.error(describeFailure('export', e));
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  const button = (format: ViewFileFormat, Icon: typeof FileText) => (
    <button
      type="button"
      className="view-export-button"
      title={t(`viewExport.${format}Hint`)}
      aria-busy={busy === format}
      // not `disabled`: that would drop the keyboard focus; a click meanwhile is ignored (`running`)
      aria-disabled={busy !== null}
      onClick={() => void run(format)}
    >
      {busy === format ? <span className="view-export-spinner" aria-hidden="true" /> : <Icon size={14} aria-hidden="true" />}
      {t(`viewExport.${format}`)}
    </button>
  );

  return (
    <div className="view-export" role="group" aria-label={t('viewExport.title')}>
      {button('csv', FileText)}
      {button('xlsx', FileSpreadsheet)}
      <span className="visually-hidden" role="status" aria-live="polite">
        {busy ? t('viewExport.preparing', { format: busy.toUpperCase() }) : ''}
      </span>
    </div>
  );
}
