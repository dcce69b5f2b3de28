/** The notice naming the letters an export could not draw (the backend reports them: no font on the machine has them). */
import { t } from '../../i18n';

/** '' when nothing is missing; else the notice, the letters each with its code (at most 12 named). */
export function missingLettersNotice(missing: readonly string[] | undefined): string {
  if (!missing || missing.length === 0) return '';
  const named = missing.slice(0, 12).map((ch) => `«${ch}» (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
  const letters = named.join(', ') + (missing.length > 12 ? ', …' : '');
  return t('exportFonts.missing', { count: missing.length, letters });
}
