/** Export: format, scale, background, what to include, a preview and the file name. */
import { useEffect, useMemo, useState } from 'react';
import { safeFileName } from '../../shared/export/bitmap';
import { Dialog } from '../components/Dialog';
import { useLanguage, useT } from '../i18n';
import { describeFailure } from '../i18n/errors';
import { useEditor } from '../store/context';
import { notify } from '../store/notices';
import { exportMap, exportSvg, type ExportFormat, type ExportOptions } from './exportMap';
import { saveFile } from './saveFile';
import { LimitedInput } from '../components/limits/useTextLimit';
import { CsvOptions, DocumentOptions } from './document/DocumentOptions';
import type { DocumentFormat } from './document/processDocument';
import { defaultSeparator, type ExportLang } from '../../shared/export/words';
import type { CsvSeparator } from '../../shared/export/csv';

import { useEditorStore } from '../store/context';
import { BpmnExportNote, BpmnExportOptions } from './BpmnExportOptions';
import type { BpmnExportChoice } from './bpmnExport';

import { PdfOptions, PngAdvice, PrintButton } from './print/PdfOptions';
import { DEFAULT_PDF } from './print/pdfExport';
import { TilesProgress, useTilesRun } from './print/TilesProgress';

const FORMATS: ExportFormat[] = ['svg', 'png', 'pdf', 'csv', 'json', 'docx', 'bpmn'];
const EXTENSION: Record<ExportFormat, string> = { svg: 'svg', png: 'png', pdf: 'pdf', csv: 'csv', json: 'lanemap.json', docx: 'docx', bpmn: 'bpmn' };

export function ExportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const language = useLanguage();
  const doc = useEditor((s) => s.doc)!;
  const selected = useEditor((s) => s.selection.steps);
  const [format, setFormat] = useState<ExportFormat>('svg');
  const [scale, setScale] = useState<1 | 2 | 3>(2);
  const [background, setBackground] = useState<'white' | 'transparent'>('white');
  const [details, setDetails] = useState(false);
  const [comments, setComments] = useState(false);
  const [valueStream, setValueStream] = useState(false);
  const [onlySelection, setOnlySelection] = useState(false);
  const [csvSeparator, setCsvSeparator] = useState<CsvSeparator>(() => defaultSeparator(language));
  const [documentLang, setDocumentLang] = useState<ExportLang>(language);
  const [documentFormat, setDocumentFormat] = useState<DocumentFormat>('docx');
  const [name, setName] = useState(() => safeFileName(doc.title, 'svg').replace(/\.svg$/, ''));
  const [preview, setPreview] = useState<string | null>(null);
  const [previewNote, setPreviewNote] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [bpmn, setBpmn] = useState<BpmnExportChoice>({ dataObjects: false, hierarchy: false });
  const store = useEditorStore();
  const [legend, setLegend] = useState(true);
  const [pdf, setPdf] = useState(DEFAULT_PDF);
  const [pngTiles, setPngTiles] = useState(false);
  const tilesRun = useTilesRun();
  const drawing = format === 'svg' || format === 'png' || format === 'pdf';
  const extension = format === 'png' && pngTiles ? 'zip' : format === 'docx' ? documentFormat : EXTENSION[format];
  const options: ExportOptions = useMemo(
    () => ({ format, scale, background, details, comments, valueStream, legend, pdf, pngTiles: format === 'png' && pngTiles, stepIds: onlySelection ? selected : [], csvSeparator, documentLang, documentFormat, bpmn }),
    [format, scale, background, details, comments, valueStream, legend, pdf, pngTiles, onlySelection, selected, csvSeparator, documentLang, documentFormat, bpmn],
  );

  // a picture of what will be exported (the drawing formats)
  useEffect(() => {
    if (!drawing) return setPreview(null);
    let url: string | null = null;
    let live = true;
    exportSvg(doc, options).then(
      ({ svg, notice }) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        setPreview(url);
        setPreviewNote(notice);
      },
      () => live && setPreview(null),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
    // the drawing's words are in the interface's language
  }, [doc, options, drawing, language]);

  const run = async () => {
    setBusy(true);
    try {
      // BPMN is written by the backend from the stored map: store the edits still on their way first
      if (format === 'bpmn') await store.getState().flush();
      const result = await exportMap(doc, options, tilesRun.begin());
      const fileName = safeFileName(name, extension);
      const where = await saveFile(result.blob, fileName);
      if (where) {
        notify.info([t('export.done', { where }), result.notice].filter(Boolean).join(' '));
        onClose();
      }
    } catch (e) {
      if (tilesRun.stopped(e)) notify.info(t('pngTilesRun.stopped'));
      else notify.error(describeFailure('export', e));
    } finally {
      tilesRun.end();
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('export.title')} onCancel={onClose}>
      <div className="export-dialog">
        <div className="export-options">
          <fieldset>
            <legend>{t('export.format')}</legend>
            {FORMATS.map((f) => (
              <label key={f} className="radio">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {f === 'docx' ? t('docExport.format') : f === 'bpmn' ? t('bpmn.export.format') : t(`export.formats.${f}`)}
              </label>
            ))}
          </fieldset>
          {format === 'png' && (
            <label className="field">
              <span>{t('export.scale')}</span>
              <select aria-label={t('export.scale')} value={scale} onChange={(e) => setScale(Number(e.target.value) as 1 | 2 | 3)}>
                <option value={1}>{t('export.scale1')}</option>
                <option value={2}>{t('export.scale2')}</option>
                <option value={3}>{t('export.scale3')}</option>
              </select>
            </label>
          )}
          {drawing && (
            <>
              <label className="field" hidden={format === 'pdf'}>
                <span>{t('export.background')}</span>
                <select aria-label={t('export.background')} value={background} onChange={(e) => setBackground(e.target.value as 'white' | 'transparent')}>
                  <option value="white">{t('export.white')}</option>
                  <option value="transparent">{t('export.transparent')}</option>
                </select>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={details} onChange={(e) => setDetails(e.target.checked)} />
                <span>{t('export.details')}</span>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} />
                <span>{t('comments.export.option')}</span>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={valueStream} onChange={(e) => setValueStream(e.target.checked)} />
                <span>{t('figures.exportOption')}</span>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={legend} onChange={(e) => setLegend(e.target.checked)} />
                <span>{t('print.legend')}</span>
              </label>
            </>
          )}
          {format === 'csv' && <CsvOptions separator={csvSeparator} onSeparator={setCsvSeparator} />}
          {format === 'docx' && <DocumentOptions lang={documentLang} onLang={setDocumentLang} format={documentFormat} onFormat={setDocumentFormat} busy={busy} />}
          {format === 'bpmn' && <BpmnExportOptions doc={doc} choice={bpmn} onChange={setBpmn} />}
          {format === 'pdf' && <PdfOptions doc={doc} options={options} value={pdf} onChange={setPdf} />}
          {format === 'png' && <PngAdvice doc={doc} options={options} scale={scale} tiles={pngTiles} onTiles={setPngTiles} />}
          {format !== 'json' && format !== 'docx' && format !== 'bpmn' && (
            <label className="checkbox">
              <input type="checkbox" checked={onlySelection} disabled={selected.length === 0} onChange={(e) => setOnlySelection(e.target.checked)} />
              <span>{selected.length ? t('export.onlySelected', { count: selected.length }) : t('export.onlySelectedNone')}</span>
            </label>
          )}
          <label className="field">
            <span>{t('export.fileName')}</span>
            <div className="file-name">
              <LimitedInput aria-label={t('export.fileName')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              <span className="muted">.{extension}</span>
            </div>
          </label>
        </div>
        <div className="export-side">
          <div className="export-preview" aria-label={t('export.preview')}>
            {format === 'bpmn' ? (
              <BpmnExportNote />
            ) : drawing ? (
              preview ? (
                <img src={preview} alt={t('export.previewImage')} />
              ) : (
                <p className="muted">{t('export.drawingPreview')}</p>
              )
            ) : (
              <p className="muted">{t('export.noPreview')}</p>
            )}
          </div>
          {drawing && previewNote && <p className="muted export-note">{previewNote}</p>}
        </div>
      </div>
      <TilesProgress run={tilesRun} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        {format === 'pdf' && <PrintButton doc={doc} options={options} value={pdf} disabled={busy} />}
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
          {busy ? (format === 'docx' ? t('docExport.making') : t('export.running')) : t('export.run')}
        </button>
      </div>
    </Dialog>
  );
}
