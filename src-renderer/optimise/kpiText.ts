/** A KPI in words for lists and comparisons: «Конверсия лид → сделка: 12 % (цель 15 %)». */
import { kpiValue } from '../../shared/analysis/optimise';
import type { Kpi } from '../../shared/model/types';
import { formatNumber, t } from '../i18n';

export function kpiText(k: Kpi): string {
  const current = kpiValue(k.current, k.unit, formatNumber);
  const target = k.target === null ? '' : ` (${t('optimise.kpi.target', { value: kpiValue(k.target, k.unit, formatNumber) })})`;
  return `${k.name}: ${current}${target}`;
}
