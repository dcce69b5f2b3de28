/** The words of the KPI and automation marks' key in an exported picture, in the interface's language. */
import type { MarkLabels } from '../../../shared/export/kpiSvg';
import { t } from '../../i18n';

export function kpiMarkLabels(): MarkLabels {
  return {
    marks: t('kpiUi.legend.heading'),
    kpiMet: t('kpiUi.legend.met'),
    kpiMissed: t('kpiUi.legend.missed'),
    kpiUnknown: t('kpiUi.legend.unknown'),
    automated: t('kpiUi.legend.auto'),
    partlyAutomated: t('kpiUi.legend.partial'),
    target: t('kpiUi.legend.target'),
  };
}
