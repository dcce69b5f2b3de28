/** Export: format, scale, background, what to include, a preview and the file name. */
import { useEffect, useMemo, useState } from 'react';
import { safeFileName } from '../../shared/export/bitmap';
import { Dialog } from '../components/Dialog';
import { useEditor } from '../store/context';
import { notify } from '../store/notices';
import { exportMap, exportSvg, type ExportFormat, type ExportOptions } from './exportMap';
import { saveFile } from './saveFile';

const FORMATS: [ExportFormat, string][] = [
  ['svg', 'SVG (vector, for print and editing)'],
  ['png', 'PNG (picture, for slides and wikis)'],
  ['csv', 'CSV (step table for Excel)'],
  ['json', 'Lanemap file (to share the map)'],
];
const EXTENSION: Record<ExportFormat, string> = { svg: 'svg', png: 'png', csv: 'csv', json: 'lanemap.json' };

export function ExportDialog({ onClose }: { onClose(): void }) {
  const doc = useEditor((s) => s.doc)!;
  const selected = useEditor((s) => s.selection.steps);
  const [format, setFormat] = useState<ExportFormat>('svg');
  const [scale, setScale] = useState<1 | 2 | 3>(2);
  const [background, setBackground] = useState<'white' | 'transparent'>('white');
  const [details, setDetails] = useState(false);
  const [onlySelection, setOnlySelection] = useState(false);
  const [name, setName] = useState(() => safeFileName(doc.title, 'svg').replace(/\.svg$/, ''));
  const [preview, setPreview] = useState<string | null>(null);
  const [previewNote, setPreviewNote] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const drawing = format === 'svg' || format === 'png';
  const options: ExportOptions = useMemo(
    () => ({ format, scale, background, details, stepIds: onlySelection ? selected : [] }),
    [format, scale, background, details, onlySelection, selected],
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
  }, [doc, options, drawing]);

  const run = async () => {
    setBusy(true);
    try {
      const result = await exportMap(doc, options);
      const fileName = safeFileName(name, EXTENSION[format]);
      const where = await saveFile(result.blob, fileName);
      if (where) {
        notify.info(`Exported ${where}.${result.notice ? ` ${result.notice}` : ''}`);
        onClose();
      }
    } catch (e) {
      notify.error(`The export failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Export the map" onCancel={onClose}>
      <div className="export-dialog">
        <div className="export-options">
          <fieldset>
            <legend>Format</legend>
            {FORMATS.map(([f, label]) => (
              <label key={f} className="radio">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {label}
              </label>
            ))}
          </fieldset>
          {format === 'png' && (
            <label className="field">
              <span>Scale</span>
              <select aria-label="Scale" value={scale} onChange={(e) => setScale(Number(e.target.value) as 1 | 2 | 3)}>
                <option value={1}>1× (screen)</option>
                <option value={2}>2× (sharp on high-resolution screens)</option>
                <option value={3}>3× (print)</option>
              </select>
            </label>
          )}
          {drawing && (
            <>
              <label className="field">
                <span>Background</span>
                <select aria-label="Background" value={background} onChange={(e) => setBackground(e.target.value as 'white' | 'transparent')}>
                  <option value="white">White</option>
                  <option value="transparent">Transparent</option>
                </select>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={details} onChange={(e) => setDetails(e.target.checked)} />
                <span>Show inputs, outputs and resources</span>
              </label>
            </>
          )}
          {format !== 'json' && (
            <label className="checkbox">
              <input type="checkbox" checked={onlySelection} disabled={selected.length === 0} onChange={(e) => setOnlySelection(e.target.checked)} />
              <span>Only the selected steps{selected.length ? ` (${selected.length})` : ' (none selected)'}</span>
            </label>
          )}
          <label className="field">
            <span>File name</span>
            <div className="file-name">
              <input aria-label="File name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              <span className="muted">.{EXTENSION[format]}</span>
            </div>
          </label>
        </div>
        <div className="export-side">
          <div className="export-preview" aria-label="Preview">
            {drawing ? (
              preview ? (
                <img src={preview} alt="Preview of the exported map" />
              ) : (
                <p className="muted">Drawing the preview…</p>
              )
            ) : (
              <p className="muted">No preview for this format.</p>
            )}
          </div>
          {drawing && previewNote && <p className="muted export-note">{previewNote}</p>}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Dialog>
  );
}
