/**
 * The optimisation toolkit in the tables and exports (issue 17): the step table's extra columns
 * (automation, system, KPIs, pain points and Lean wastes), the KPI sheet and the SWOT sheet, in
 * both languages. The words mirror the interface's (src-renderer/i18n: optimise.*, painPoints.kinds).
 */
import { kpiRows, kpiStatus, type KpiStatus } from '../analysis/optimise';
import { readingOrder } from '../export/svg';
import {
  PAIN_KINDS,
  SWOT_QUADRANTS,
  type AutomationLevel,
  type Kpi,
  type KpiDirection,
  type MapDoc,
  type PainKind,
  type Step,
  type SwotQuadrant,
} from '../model/types';
import type { Sheet, SheetCell, SheetLang } from './sheet';

/** Columns of the step table that are read here, not typed in the table (a paste skips them). */
export const OPTIMISE_COLUMNS = ['automation', 'system', 'kpis', 'pains'] as const;
export type OptimiseColumn = (typeof OPTIMISE_COLUMNS)[number];

export const OPTIMISE_HEADERS: Record<SheetLang, Record<OptimiseColumn, string>> = {
  en: { automation: 'Automation', system: 'System', kpis: 'KPIs', pains: 'Pain points, wastes' },
  ru: { automation: 'Автоматизация', system: 'Система', kpis: 'KPI', pains: 'Проблемы, потери' },
};

export const AUTOMATION_NAMES: Record<SheetLang, Record<AutomationLevel, string>> = {
  en: { manual: 'Manual', partial: 'Partly automated', auto: 'Automated' },
  ru: { manual: 'Вручную', partial: 'Частично автоматизирован', auto: 'Автоматизирован' },
};

export const PAIN_NAMES: Record<SheetLang, Record<PainKind, string>> = {
  en: {
    bottleneck: 'Bottleneck',
    redundant: 'Redundant',
    idea: 'Improvement idea',
    waiting: 'Waiting',
    defects: 'Rework, defects',
    overprocessing: 'Over-processing',
    motion: 'Hand-offs, motion',
    inventory: 'Queues, inventory',
    overproduction: 'Overproduction',
    transport: 'Transport',
    talent: 'Unused talent',
  },
  ru: {
    bottleneck: 'Узкое место',
    redundant: 'Лишний шаг',
    idea: 'Идея улучшения',
    waiting: 'Ожидание',
    defects: 'Переделки, брак',
    overprocessing: 'Лишняя обработка',
    motion: 'Передачи, лишние движения',
    inventory: 'Очереди, запасы',
    overproduction: 'Перепроизводство',
    transport: 'Транспортировка',
    talent: 'Неиспользованный потенциал',
  },
};

const WORDS = {
  en: {
    target: 'target',
    better: { higher: 'higher', lower: 'lower' } satisfies Record<KpiDirection, string>,
    status: { met: 'on target', missed: 'off target', unknown: 'no target or value' } satisfies Record<KpiStatus, string>,
    owner: { phase: 'Phase', step: 'Step' },
    quadrants: { strengths: 'Strengths', weaknesses: 'Weaknesses', opportunities: 'Opportunities', threats: 'Threats' } satisfies Record<SwotQuadrant, string>,
  },
  ru: {
    target: 'цель',
    better: { higher: 'больше', lower: 'меньше' },
    status: { met: 'цель достигнута', missed: 'цель не достигнута', unknown: 'нет цели или значения' },
    owner: { phase: 'Этап', step: 'Шаг' },
    quadrants: { strengths: 'Сильные стороны', weaknesses: 'Слабые стороны', opportunities: 'Возможности', threats: 'Угрозы' },
  },
} as const;

/** A number as the language writes it: «1,5» in Russian, "1.5" in English. */
export function numberIn(n: number, lang: SheetLang): string {
  const s = String(n);
  return lang === 'ru' ? s.replace('.', ',') : s;
}

/** A value with its unit: «12 %», «2 ч», "—" when not said. */
function valueIn(v: number | null, unit: string, lang: SheetLang): string {
  if (v === null) return '—';
  const n = numberIn(v, lang);
  return unit ? `${n} ${unit}` : n;
}

/** One KPI in a cell: «Конверсия: 12 % / цель 15 %». */
export function kpiCellText(k: Kpi, lang: SheetLang): string {
  const current = valueIn(k.current, k.unit, lang);
  return k.target === null ? `${k.name}: ${current}` : `${k.name}: ${current} / ${WORDS[lang].target} ${valueIn(k.target, k.unit, lang)}`;
}

/** What a read-only cell of the step table says ('' for nothing). */
export function optimiseCellText(doc: MapDoc, step: Step, column: OptimiseColumn, lang: SheetLang): string {
  switch (column) {
    case 'automation':
      // only work is done by hand or by a system: a start, an end or a decision has no level
      return step.kind === 'task' || step.kind === 'subprocess' ? AUTOMATION_NAMES[lang][step.automation ?? 'manual'] : '';
    case 'system':
      return step.system ?? '';
    case 'kpis':
      return (step.kpis ?? []).map((k) => kpiCellText(k, lang)).join('; ');
    case 'pains': {
      const mine = Object.values(doc.painPoints).filter((p) => p.stepId === step.id);
      mine.sort((a, b) => b.votes - a.votes || PAIN_KINDS.indexOf(a.kind) - PAIN_KINDS.indexOf(b.kind));
      return mine.map((p) => `${PAIN_NAMES[lang][p.kind]} (${p.votes})`).join('; ');
    }
  }
}

export const OPTIMISE_WIDTHS: Record<OptimiseColumn, number> = { automation: 18, system: 16, kpis: 40, pains: 32 };

const cell = (text: string): SheetCell => (text === '' ? null : text);

const KPI_SHEET = {
  en: { name: 'KPI', headers: ['Phase or step', 'Where', 'KPI', 'Unit', 'Target', 'Current', 'Better', 'Status'] },
  ru: { name: 'KPI', headers: ['Этап или шаг', 'Где', 'KPI', 'Единица', 'Цель', 'Сейчас', 'Лучше', 'Статус'] },
} as const;
const KPI_WIDTHS = [12, 32, 40, 10, 10, 10, 10, 22];

/** Every KPI of the map, one a row: the phases' first (in column order), then the steps' in reading order; numbers as numbers. */
export function kpiSheet(doc: MapDoc, lang: SheetLang): Sheet {
  const w = WORDS[lang];
  return {
    name: KPI_SHEET[lang].name,
    columns: KPI_SHEET[lang].headers.map((header, i) => ({ header, width: KPI_WIDTHS[i] })),
    rows: kpiRows(doc).map(({ kpi, owner }) => [
      w.owner[owner.kind],
      owner.kind === 'phase' ? (doc.phases[owner.id]?.name ?? '') : (doc.steps[owner.id]?.title ?? ''),
      kpi.name,
      cell(kpi.unit),
      kpi.target,
      kpi.current,
      w.better[kpi.better],
      w.status[kpiStatus(kpi)],
    ]),
  };
}

const SWOT_SHEET = {
  en: { name: 'SWOT', headers: ['Quadrant', 'Note', 'Linked steps'] },
  ru: { name: 'SWOT', headers: ['Квадрант', 'Заметка', 'Связанные шаги'] },
} as const;

/** The SWOT board, quadrant by quadrant (strengths, weaknesses, opportunities, threats), notes in their order; linked steps by title in reading order. */
export function swotSheet(doc: MapDoc, lang: SheetLang): Sheet {
  const order = new Map(readingOrder(doc).map((s, i) => [s.id, i]));
  const notes = doc.swot ?? [];
  return {
    name: SWOT_SHEET[lang].name,
    columns: SWOT_SHEET[lang].headers.map((header, i) => ({ header, width: [20, 60, 40][i] })),
    rows: SWOT_QUADRANTS.flatMap((q) =>
      notes
        .filter((n) => n.quadrant === q)
        .map((n) => [
          WORDS[lang].quadrants[q],
          n.text,
          cell(
            n.stepIds
              .filter((id) => doc.steps[id])
              .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
              .map((id) => doc.steps[id]!.title)
              .join('; '),
          ),
        ]),
    ),
  };
}
