/**
 * "Export SVG" and "Export PNG" in the SWOT view's header (issue 17): the board as a page of its
 * own, as it is on screen (unsaved edits included; a saved version when one is looked at), in
 * the interface's language. Busy and failure handling as the other views' buttons
 * (ViewExportButtons): a spinner said to screen readers, a message in the user's language.
 */
import { FileImage, FileType } from 'lucide-react';
import { useRef, useState } from 'react';
import { saveFile } from '../../export/saveFile';
import { useT } from '../../i18n';
import { describeFailure } from '../../i18n/errors';
import { useEditorStore } from '../../store/context';
import { notify } from '../../store/notices';
import { swotFile, type SwotFileFormat } from '../swot/swotFile';
import './viewExport.css';

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function SwotExportButtons() {
  const t = useT();
  const store = useEditorStore();
  const [busy, setBusy] = useState<SwotFileFormat | null>(null);
  const running = useRef(false);

  const run = async (format: SwotFileFormat) => {
    const { doc, viewing } = store.getState();
    if (!doc || running.current) return;
    running.current = true;
    setBusy(format);
    try {
      await nextPaint();
      const file = await swotFile(doc, format, viewing?.name);
      const where = await saveFile(file.blob, file.fileName);
      if (where) notify.info([t('viewExport.done', { where }), file.empty ? t('swotView.emptyExported') : ''].filter(Boolean).join(' '));
    } catch (e) {
      notify.error(describeFailure('export', e));
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  const button = (format: SwotFileFormat, Icon: typeof FileType) => (
    <button
      type="button"
      className="view-export-button"
      title={t(format === 'svg' ? 'swotView.exportSvgHint' : 'swotView.exportPngHint')}
      aria-busy={busy === format}
      aria-disabled={busy !== null}
      onClick={() => void run(format)}
    >
      {busy === format ? <span className="view-export-spinner" aria-hidden="true" /> : <Icon size={14} aria-hidden="true" />}
      {t(format === 'svg' ? 'swotView.exportSvg' : 'swotView.exportPng')}
    </button>
  );

  return (
    <div className="view-export" role="group" aria-label={t('swotView.exportTitle')}>
      {button('svg', FileType)}
      {button('png', FileImage)}
      <span className="visually-hidden" role="status" aria-live="polite">
        {busy ? t('viewExport.preparing', { format: busy.toUpperCase() }) : ''}
      </span>
    </div>
  );
}
