/**
 * Numbers as people type them into a KPI: «12,5» with a decimal comma as well as "12.5",
 * spaces between thousands («1 000»), a leading minus. Empty means "not said" (null).
 */

/** The largest value a KPI holds (beyond it a typo is likelier than a figure). */
export const KPI_MAX = 1e12;

export type Parsed = { ok: true; value: number | null } | { ok: false };

export function parseKpiNumber(text: string): Parsed {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[−–]/g, '-');
  if (s === '') return { ok: true, value: null };
  // one decimal separator at most, a comma or a point
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return { ok: false };
  const v = Number(s.replace(',', '.'));
  if (!Number.isFinite(v) || Math.abs(v) > KPI_MAX) return { ok: false };
  return { ok: true, value: v };
}

/** A value as it is edited: no thousands grouping, the language's decimal separator. */
export function editableNumber(v: number | null, decimalComma: boolean): string {
  if (v === null) return '';
  const s = String(v);
  return decimalComma ? s.replace('.', ',') : s;
}
