/**
 * The words inside exported files and map pictures, in the interface's language: the drawing's
 * labels ("No phase", Inputs / Outputs / Resources, the legend), durations, and the CSV's
 * header row, step kinds and separator. They come from shared/export/words.ts, the one set of
 * export words the command line uses too, so the app and `npx lanemap export` write the same.
 */
import type { CsvOptions } from '../../shared/export/csv';
import type { SvgExportOptions } from '../../shared/export/svg';
import { formatMinutes } from '../../shared/analysis/figures';
import { csvWords, drawingWords, titleSubtitle, valueStreamWords } from '../../shared/export/words';
import type { MapDoc } from '../../shared/model/types';
import { currentLanguage, formatDate, formatNumber, t } from '../i18n';

export function drawingOptions(): Pick<SvgExportOptions, 'labels' | 'formatDuration' | 'formatNumber'> {
  const { labels, formatDuration, formatNumber } = drawingWords(currentLanguage());
  return { labels, formatDuration, formatNumber };
}

export function csvOptions(): Omit<CsvOptions, 'stepIds'> {
  return csvWords(currentLanguage());
}

/** The line under a drawing's title (updated, owner, approval), dates as the interface writes them. */
export function drawingSubtitle(doc: MapDoc): string | undefined {
  return titleSubtitle(doc, currentLanguage(), (iso) => formatDate(iso, 'date'));
}

/** A time in minutes as the interface's figures say it: working days (8 h), hours and minutes. */
export function formatWorkTime(minutes: number): string {
  return formatMinutes(minutes, { min: t('common.unitShort.min'), h: t('common.unitShort.h'), d: t('common.unitShort.d') }, formatNumber);
}

export function valueStreamOptions(): Exclude<NonNullable<SvgExportOptions['valueStream']>, boolean> {
  return valueStreamWords(currentLanguage());
}
