/**
 * KPI badges and the automation mark on the canvas (step cards, phase headers; the presentation
 * draws the same nodes). A badge shows the current value and unit, green with a tick when the
 * target is met, red with a cross when missed, grey with a dash without a target or a value: the
 * colour is never the only signal. On a step they sit across the card's bottom edge, outside the
 * box whose size layout and export share.
 */
import { Bot, Check, Minus, X } from 'lucide-react';
import { createContext, useContext } from 'react';
import { automationOf, kpiStatus, kpiValue, type KpiStatus } from '../../../shared/analysis/optimise';
import type { Kpi, Step } from '../../../shared/model/types';
import { formatNumber, t, useT } from '../../i18n';
import { kpiText } from '../kpiText';
import './kpi.css';

/** True where the marks are only shown (the presentation): no buttons, nothing to edit. */
export const KpiMarksReadOnly = createContext(false);
export const useKpiMarksReadOnly = () => useContext(KpiMarksReadOnly);

const ICON = { met: Check, missed: X, unknown: Minus } as const;

export function KpiStatusIcon({ status, size = 12 }: { status: KpiStatus; size?: number }) {
  const Icon = ICON[status];
  return (
    <span className={`kpi-status-icon kpi-${status}`} aria-hidden>
      <Icon size={size} strokeWidth={3} />
    </span>
  );
}

/** «Конверсия лид → сделка: 12 % (цель 15 %), цель не достигнута». */
export function kpiDescription(k: Kpi): string {
  return t('kpiUi.badge', { kpi: kpiText(k), status: t(`optimise.kpi.status.${kpiStatus(k)}`) });
}

/** The whole list in words, one KPI a line (a badge group's tooltip and label). */
export function kpisDescription(kpis: Kpi[]): string {
  return kpis.map(kpiDescription).join('\n');
}

/** A badge's words: the current value; without one, the target («цель 15 %»); neither, none (the dash alone). */
export function badgeText(k: Kpi): string {
  if (k.current !== null) return kpiValue(k.current, k.unit, (n) => formatNumber(n));
  if (k.target !== null) return t('optimise.kpi.target', { value: kpiValue(k.target, k.unit, (n) => formatNumber(n)) });
  return '';
}

function Badge({ k }: { k: Kpi }) {
  const status = kpiStatus(k);
  const text = badgeText(k);
  return (
    <span className={`kpi-badge kpi-${status}${text ? '' : ' is-icon-only'}`} data-status={status}>
      <KpiStatusIcon status={status} size={11} />
      {text && <span className="kpi-badge-value">{text}</span>}
    </span>
  );
}

/** The first `max` KPIs as badges, and "+N" for the rest. */
export function KpiBadgeRow({ kpis, max }: { kpis: Kpi[]; max: number }) {
  useT(); // re-render on a language change
  const shown = kpis.slice(0, max);
  const rest = kpis.length - shown.length;
  return (
    <>
      {shown.map((k) => (
        <Badge key={k.id} k={k} />
      ))}
      {rest > 0 && <span className="kpi-badge kpi-more">+{formatNumber(rest)}</span>}
    </>
  );
}

/** The automation mark of a step (none for manual work), with its level and system in words. */
export function automationLabel(step: Pick<Step, 'automation' | 'system'>): string | null {
  const level = automationOf(step as Step);
  if (level === 'manual') return null;
  const name = t(`optimise.automation.levels.${level}`);
  return step.system?.trim() ? t('kpiUi.automationMarkSystem', { level: name, system: step.system.trim() }) : t('kpiUi.automationMark', { level: name });
}

function AutomationMark({ step }: { step: Step }) {
  const label = automationLabel(step);
  if (!label) return null;
  const level = automationOf(step);
  return (
    <span className={`automation-mark automation-${level}`} role="img" aria-label={label} title={label} data-automation={level}>
      <Bot size={12} aria-hidden />
    </span>
  );
}

/** On a step card: the automation mark and the KPI badges, across the bottom edge. */
export function StepOptimiseMarks({ step }: { step: Step }) {
  // most steps have neither: no hook (a translation subscription) for each of 2,000 cards
  if (!step.kpis?.length && automationOf(step) === 'manual') return null;
  return <StepOptimiseMarksShown step={step} />;
}

function StepOptimiseMarksShown({ step }: { step: Step }) {
  const t = useT();
  const kpis = step.kpis ?? [];
  const auto = automationOf(step) !== 'manual';
  const label = kpis.length ? `${t('kpiUi.section')}: ${kpisDescription(kpis)}` : undefined;
  return (
    <span className="step-optimise-marks">
      {auto && <AutomationMark step={step} />}
      {kpis.length > 0 && (
        <span className="kpi-badges" role="img" aria-label={label} title={label}>
          <KpiBadgeRow kpis={kpis} max={step.kind === 'start' || step.kind === 'end' ? 1 : 2} />
        </span>
      )}
    </span>
  );
}

/** The step's KPIs and automation as rows of the presentation card's list (a <dl>'s <div>s). */
export function PresentationKpiRows({ step }: { step: Step }) {
  const t = useT();
  const kpis = step.kpis ?? [];
  const auto = automationLabel(step);
  return (
    <>
      {kpis.length > 0 && (
        <div>
          <dt>{t('kpiUi.section')}</dt>
          <dd className="pres-kpis">
            <ul>
              {kpis.map((k) => (
                <li key={k.id} data-status={kpiStatus(k)}>
                  <KpiStatusIcon status={kpiStatus(k)} size={16} /> <span translate="no">{kpiDescription(k)}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {auto && (
        <div>
          <dt>{t('optimise.automation.label')}</dt>
          <dd>
            <Bot size={18} aria-hidden /> <span translate="no">{auto}</span>
          </dd>
        </div>
      )}
    </>
  );
}
