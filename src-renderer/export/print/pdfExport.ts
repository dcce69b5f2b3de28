/**
 * The PDF of the map from the app: the picture drawn here (the one renderer, in the interface's
 * language, unsaved edits included), laid on pages by the backend ('export:pdf': pdfkit needs
 * Node), and printed: the PDF's own pages, never a screenshot of the window.
 */
import type { KeyLabels } from '../../../shared/export/legendSvg';
import { blockWidthFor, type PdfLayoutOptions, type PdfWords } from '../../../shared/export/pdfPlan';
import type { MapDoc, StepKind } from '../../../shared/model/types';
import { STEP_KINDS } from '../../../shared/model/types';
import { api } from '../../api';
import { toBase64 } from '../base64';
import { t } from '../../i18n';
import { exportSvg, type ExportOptions } from '../exportMap';
import { missingLettersNotice } from '../fonts/missingLetters';

/** The picture's key in the interface's language. */
export function keyLabels(): KeyLabels {
  return {
    heading: t('print.key.heading'),
    kinds: Object.fromEntries(STEP_KINDS.map((k) => [k, t(`print.key.kinds.${k}`)])) as Record<StepKind, string>,
    inputs: t('print.key.inputs'),
    outputs: t('print.key.outputs'),
    resources: t('print.key.resources'),
    duration: t('print.key.duration'),
  };
}

export function pdfWords(): PdfWords {
  return { pageTile: t('print.pages.pageTile'), pageOverview: t('print.pages.pageOverview'), page: t('print.pages.page'), overview: t('print.pages.overview'), skipped: t('print.pages.skipped') };
}

export type PdfSettings = Required<Pick<PdfLayoutOptions, 'mode' | 'paper' | 'landscape' | 'marginMm' | 'scale'>>;

export const DEFAULT_PDF: PdfSettings = { mode: 'tiles', paper: 'a4', landscape: true, marginMm: 10, scale: 'readable' };

const PURPOSE_KEYS = { training: 'training', optimisation: 'optimisation', monitoring: 'monitoring', other: 'other' } as const;

export function blockWidthForSettings(pdf: PdfSettings): number {
  return blockWidthFor(pdf);
}

export async function exportPdf(doc: MapDoc, o: Omit<ExportOptions, 'format' | 'scale'>, pdf: PdfSettings): Promise<{ blob: Blob; pages: number; notice?: string }> {
  const picture = await exportSvg(doc, { ...o, background: 'white', blockWidth: blockWidthFor(pdf) }, false);
  const reply = await api['export:pdf']({
    svg: picture.svg,
    width: picture.width,
    height: picture.height,
    frame: picture.frame,
    ...pdf,
    meta: {
      title: doc.title,
      ...(doc.owner ? { author: doc.owner } : {}),
      ...(doc.purpose ? { subject: t(`properties.purposes.${PURPOSE_KEYS[doc.purpose]}`) } : {}),
    },
    words: pdfWords(),
  });
  return { blob: new Blob([bytesOf(reply.content) as BlobPart], { type: 'application/pdf' }), pages: reply.pages, notice: [picture.notice, missingLettersNotice(reply.missing)].filter(Boolean).join(' ') || undefined };
}

/**
 * Prints the PDF through the system's print dialog: the desktop app hands it to the main
 * process, which prints it from a hidden window (src-main/shell/printPdf.ts); in the browser
 * build, the browser's PDF viewer in a hidden frame prints the pages themselves.
 */
export async function printPdf(blob: Blob, title = ''): Promise<void> {
  if (window.lanemap) {
    await api['file:print']({ content: toBase64(await blob.arrayBuffer()), title: title.slice(0, 300) });
    return;
  }
  const url = URL.createObjectURL(blob);
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0;';
  frame.src = url;
  document.body.appendChild(frame);
  await new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  try {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
  } catch {
    // a viewer that refuses to print from a frame: open the PDF in a tab, where its print button works
    window.open(url, '_blank', 'noopener');
  }
  setTimeout(() => {
    frame.remove();
    URL.revokeObjectURL(url);
  }, 60_000);
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
