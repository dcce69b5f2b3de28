/**
 * The export dialog's PDF part (issue 14): one page or tiles, paper, orientation, scale
 * ("readable": step titles at 8 pt), margins, with how many pages it makes; the Print button;
 * the advice under a PNG too big to read (split into tiles, or PDF); and Ctrl/Cmd+P.
 */
import { useEffect, useState } from 'react';
import { MANY_PAGES, PAPERS, parseScale, planCounts, planPdf, READABLE_PT, type PdfPlan } from '../../../shared/export/pdfPlan';
import { pngReadability } from '../../../shared/export/pngTiles';
import type { MapDoc } from '../../../shared/model/types';
import { useT, formatPercent, formatNumber, t as tr } from '../../i18n';
import { describeFailure } from '../../i18n/errors';
import { useEditorStore } from '../../store/context';
import { notify } from '../../store/notices';
import { exportSvg, type ExportOptions } from '../exportMap';
import { DEFAULT_PDF, exportPdf, printPdf, blockWidthForSettings, type PdfSettings } from './pdfExport';
import './print.css';

type Drawn = Pick<ExportOptions, 'details' | 'stepIds' | 'comments' | 'valueStream' | 'legend'>;

/** The picture's size and parts for the options asked (drawn without fonts: only its geometry is needed). */
function usePicture(doc: MapDoc, o: Drawn & { blockWidth?: number }) {
  const [pic, setPic] = useState<Awaited<ReturnType<typeof exportSvg>> | null>(null);
  const key = JSON.stringify(o);
  useEffect(() => {
    let live = true;
    exportSvg(doc, { ...o, background: 'white' }, false).then(
      (p) => live && setPic(p),
      () => live && setPic(null),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, key]);
  return pic;
}

export function PdfOptions({ doc, options, value, onChange }: { doc: MapDoc; options: Drawn; value: PdfSettings; onChange(v: PdfSettings): void }) {
  const t = useT();
  const pic = usePicture(doc, { ...options, blockWidth: blockWidthForSettings(value) });
  const [scaleText, setScaleText] = useState(value.scale === 'readable' ? 'readable' : String(Math.round(value.scale * 100)));
  const plan: PdfPlan | null = pic ? planPdf(pic, value) : null;
  const set = (patch: Partial<PdfSettings>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="pdf-options">
      <legend>{t('print.layout')}</legend>
      <label className="radio">
        <input type="radio" name="pdf-mode" checked={value.mode === 'fit'} onChange={() => set({ mode: 'fit' })} /> {t('print.fit')}
      </label>
      <label className="radio">
        <input type="radio" name="pdf-mode" checked={value.mode === 'tiles'} onChange={() => set({ mode: 'tiles' })} /> {t('print.tiles')}
      </label>
      <div className="pdf-row">
        <label className="field">
          <span>{t('print.paper')}</span>
          <select aria-label={t('print.paper')} value={value.paper} onChange={(e) => set({ paper: e.target.value as PdfSettings['paper'] })}>
            {PAPERS.map((p) => (
              <option key={p} value={p}>
                {p === 'letter' ? 'Letter' : p.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={value.landscape} onChange={(e) => set({ landscape: e.target.checked })} />
          <span>{t('print.landscape')}</span>
        </label>
      </div>
      {value.mode === 'tiles' && (
        <div className="pdf-row">
          <label className="field">
            <span>{t('print.scale')}</span>
            <select
              aria-label={t('print.scale')}
              value={scaleText}
              onChange={(e) => {
                setScaleText(e.target.value);
                const s = parseScale(e.target.value === 'readable' ? 'readable' : `${e.target.value}%`);
                if (s !== null) set({ scale: s });
              }}
            >
              <option value="readable">{t('print.readable')}</option>
              {[50, 75, 100, 125, 150].map((p) => (
                <option key={p} value={String(p)}>
                  {formatPercent(p / 100)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('print.margin')}</span>
            <input
              type="number"
              aria-label={t('print.margin')}
              min={0}
              max={40}
              value={value.marginMm}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isFinite(n) && n >= 0 && n <= 40) set({ marginMm: n });
              }}
            />
          </label>
        </div>
      )}
      {plan && <PlanSummary plan={plan} mode={value.mode} />}
    </fieldset>
  );
}

/** The plan in words: every page counted (overview, map pages, blank parts not printed, keys), in the UI's language. */
export function planLine(plan: PdfPlan, mode: PdfSettings['mode'], t: ReturnType<typeof useT>): string {
  const pt = formatNumber(plan.titlePt, 1);
  if (mode === 'fit') return t(plan.titlePt >= READABLE_PT - 0.05 ? 'print.pagesFit' : 'print.pagesFitSmall', { pt });
  const c = planCounts(plan);
  const scale = formatPercent(plan.scale);
  if (c.pages === 1) return t('print.planOne', { scale, pt });
  const parts: string[] = [];
  if (c.overview) parts.push(t('print.planOverview'));
  parts.push(t('print.planTiles', { count: c.tiles, rows: plan.rows, cols: plan.cols }));
  if (c.skipped) parts.push(t('print.planSkipped', { count: c.skipped }));
  if (c.keys) parts.push(t('print.planKeys', { count: c.keys }));
  return `${t('print.planPages', { count: c.pages })}: ${parts.join(', ')}; ${t('print.planScale', { scale, pt })}`;
}

function PlanSummary({ plan, mode }: { plan: PdfPlan; mode: PdfSettings['mode'] }) {
  const t = useT();
  const text = planLine(plan, mode, t);
  const many = plan.pages.length > MANY_PAGES;
  // the grid as the overview shows it: each printed part with its page number, blank ones hatched
  const pageOf = new Map<string, number>();
  plan.pages.forEach((p, i) => p.kind === 'tile' && pageOf.set(`${p.row}:${p.col}`, i + 1));
  const grid = mode === 'tiles' && plan.pages.some((p) => p.kind === 'tile') && plan.rows * plan.cols > 1;
  return (
    <div className="pdf-plan">
      {grid && (
        <div className="pdf-grid" aria-hidden="true" style={{ gridTemplateColumns: `repeat(${Math.min(plan.cols, 40)}, 1fr)` }}>
          {Array.from({ length: Math.min(plan.rows * plan.cols, 400) }, (_, i) => {
            const n = pageOf.get(`${Math.floor(i / plan.cols) + 1}:${(i % plan.cols) + 1}`);
            return (
              <span key={i} className={n ? undefined : 'blank'}>
                {n && plan.cols <= 12 ? n : ''}
              </span>
            );
          })}
        </div>
      )}
      <p className={many ? 'pdf-many' : 'muted'} role="status" data-testid="pdf-plan">
        {text}
        {many && ` ${t('print.planMany')}`}
      </p>
    </div>
  );
}

/** The Print button of the dialog: the PDF's pages in the print dialog. */
export function PrintButton({ doc, options, value, disabled }: { doc: MapDoc; options: Omit<ExportOptions, 'format' | 'scale'>; value: PdfSettings; disabled?: boolean }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy || disabled}
      onClick={() => {
        setBusy(true);
        void printMap(doc, options, value).finally(() => setBusy(false));
      }}
    >
      {busy ? t('print.printing') : t('print.print')}
    </button>
  );
}

export async function printMap(doc: MapDoc, options: Omit<ExportOptions, 'format' | 'scale'>, value: PdfSettings = DEFAULT_PDF): Promise<void> {
  try {
    const { blob } = await exportPdf(doc, options, value);
    await printPdf(blob, doc.title);
  } catch (e) {
    notify.error(describeFailure('export', e));
  }
}

/** Under a PNG: when one picture would be unreadable, says so and offers tiles (and points to PDF). */
export function PngAdvice({ doc, options, scale, tiles, onTiles }: { doc: MapDoc; options: Drawn; scale: number; tiles: boolean; onTiles(v: boolean): void }) {
  const t = useT();
  const pic = usePicture(doc, options);
  if (!pic) return null;
  const r = pngReadability(pic, scale);
  if (r.readable && !tiles) return null;
  return (
    <div className="png-advice" role="note">
      {!r.readable && <p>{t('print.pngUnreadable', { percent: formatPercent(r.drawnScale / scale), px: formatNumber(r.titlePx, 1) })}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={tiles} onChange={(e) => onTiles(e.target.checked)} />
        <span>{t('print.pngTiles')}</span>
      </label>
      {!r.readable && <p className="muted">{t('print.pngPdf')}</p>}
    </div>
  );
}

/** Ctrl/Cmd+P in the editor: the map's pages (A4 landscape, readable tiles) in the print dialog. */
export function usePrintShortcut(): void {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'p') return;
      e.preventDefault();
      if (document.querySelector('[role="dialog"]')) return;
      const doc = store.getState().doc;
      if (!doc) return;
      notify.info(tr('print.printing'));
      void printMap(doc, { background: 'white', details: false, stepIds: [] });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
