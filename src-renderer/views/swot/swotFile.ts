/**
 * The SWOT board as a file (issue 17): its page drawn by the shared renderer
 * (shared/export/swotSvg.ts) in the interface's language, as SVG (with Inter inside, so it looks
 * the same everywhere) or as a PNG drawn from that SVG. Named "<map> — SWOT.svg" ("— <version>"
 * for a saved version being looked at).
 */
import { safeFileName } from '../../../shared/export/bitmap';
import { renderSwotSvg } from '../../../shared/export/swotSvg';
import type { MapDoc } from '../../../shared/model/types';
import { SWOT_WORDS } from '../../../shared/views/swot';
import { svgToPng } from '../../export/exportMap';
import { exportFontCss } from '../../export/fontCss';
import { currentLanguage, formatDate, t } from '../../i18n';

export type SwotFileFormat = 'svg' | 'png';

export interface SwotFile {
  blob: Blob;
  fileName: string;
  /** The board has no notes: the page says it is empty. */
  empty: boolean;
}

/** The board's page as SVG text, in the interface's language. */
export async function swotPage(doc: MapDoc, versionName?: string) {
  const lang = currentLanguage() === 'ru' ? 'ru' : 'en';
  const updated = formatDate(doc.updatedAt, 'date');
  const subtitle = [
    updated === '—' ? null : t('export.updated', { date: updated }),
    doc.owner ? t('export.owner', { owner: doc.owner }) : null,
    versionName ? t('presentation.version', { name: versionName }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return renderSwotSvg(doc, { words: SWOT_WORDS[lang], title: doc.title, subtitle: subtitle || undefined, fontCss: await exportFontCss() });
}

export async function swotFile(doc: MapDoc, format: SwotFileFormat, versionName?: string): Promise<SwotFile> {
  // the title as typed, not through t(): it is the user's text, never a template
  const fileName = safeFileName([doc.title, 'SWOT', versionName].filter(Boolean).join(' — '), format);
  const empty = (doc.swot ?? []).length === 0;
  const page = await swotPage(doc, versionName);
  if (format === 'svg') return { blob: new Blob([page.svg], { type: 'image/svg+xml' }), fileName, empty };
  const { blob } = await svgToPng(page.svg, page, 2);
  return { blob, fileName, empty };
}
