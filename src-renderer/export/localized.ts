/**
 * The words inside exported files and map pictures, in the interface's language: the drawing's
 * labels ("No phase", Inputs / Outputs / Resources, the legend), durations, and the CSV's
 * header row and step kinds. shared/export stays free of i18n; it takes these as options.
 */
import type { CsvOptions } from '../../shared/export/csv';
import type { SvgExportOptions } from '../../shared/export/svg';
import { STEP_KINDS } from '../../shared/model/types';
import { formatMinutes } from '../../shared/analysis/figures';
import { formatDuration, formatNumber, formatPercent, t } from '../i18n';
import { kpiMarkLabels } from '../optimise/kpi/exportLabels';

export function drawingOptions(): Pick<SvgExportOptions, 'labels' | 'formatDuration' | 'formatNumber'> {
  return {
    labels: {
      inputs: t('export.svg.inputs'),
      outputs: t('export.svg.outputs'),
      resources: t('export.svg.resources'),
      roles: t('export.svg.roles'),
      untitled: t('common.untitledStep'),
      noPhase: t('common.noPhase'),
      comments: t('comments.export.heading'),
      commentsOnMap: t('comments.target.map'),
      anonymous: t('comments.anonymous'),
      ...kpiMarkLabels(),
    },
    formatDuration,
    formatNumber: (n) => formatNumber(n),
  };
}

export function csvOptions(): Omit<CsvOptions, 'stepIds'> {
  return {
    header: {
      phase: t('export.csv.phase'),
      role: t('export.csv.role'),
      kind: t('export.csv.kind'),
      title: t('export.csv.title'),
      description: t('export.csv.description'),
      inputs: t('export.csv.inputs'),
      outputs: t('export.csv.outputs'),
      resources: t('export.csv.resources'),
      duration: t('export.csv.duration'),
    },
    kinds: Object.fromEntries(STEP_KINDS.map((k) => [k, t(`common.kinds.${k}`)])),
    formatDuration,
  };
}

/** A time in minutes as the figures say it: working days (8 h), hours and minutes. */
export function formatWorkTime(minutes: number): string {
  return formatMinutes(minutes, { min: t('common.unitShort.min'), h: t('common.unitShort.h'), d: t('common.unitShort.d') }, formatNumber);
}


export function valueStreamOptions(): Exclude<NonNullable<SvgExportOptions['valueStream']>, boolean> {
  return {
    labels: {
      heading: t('figures.valueStreamHeading'),
      leadTime: t('figures.leadTime'),
      work: t('figures.workOnPath'),
      efficiency: t('figures.efficiency'),
      untitled: t('common.untitledStep'),
    },
    time: formatWorkTime,
    percent: formatPercent,
  };
}
