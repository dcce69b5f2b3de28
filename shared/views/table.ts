/**
 * The step table (issue 10, part 3): one row per step in reading order, the same ten columns
 * on screen, in the CSV / XLSX sheet and in a pasted block. What a cell says (`cellText`) and
 * how a typed or pasted duration is read (`parseDuration`) live here, in both languages, so
 * that the screen, the exports and the paste agree: a sheet pasted back changes nothing.
 */
import { readingOrder } from '../export/svg';
import { foldText } from '../model/search';
import { STEP_KINDS, type Duration, type DurationUnit, type MapDoc, type Step, type StepKind } from '../model/types';
import { OPTIMISE_COLUMNS, OPTIMISE_HEADERS, OPTIMISE_WIDTHS, optimiseCellText } from './optimise';
import type { Sheet, SheetCell, SheetLang } from './sheet';

export const TABLE_COLUMNS = ['title', 'kind', 'role', 'phase', 'duration', 'wait', 'inputs', 'outputs', 'resources', 'description'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** Column headers, as the table, the sheet and a pasted header row name them. */
export const TABLE_HEADERS: Record<SheetLang, Record<TableColumn, string>> = {
  en: {
    title: 'Title',
    kind: 'Kind',
    role: 'Role',
    phase: 'Phase',
    duration: 'Duration',
    wait: 'Wait',
    inputs: 'Inputs',
    outputs: 'Outputs',
    resources: 'Resources',
    description: 'Description',
  },
  ru: {
    title: 'Название',
    kind: 'Тип',
    role: 'Роль',
    phase: 'Этап',
    duration: 'Длительность',
    wait: 'Ожидание',
    inputs: 'Входы',
    outputs: 'Выходы',
    resources: 'Ресурсы',
    description: 'Описание',
  },
};

/** The step kinds as the interface names them (src-renderer/i18n: common.kinds). */
export const KIND_NAMES: Record<SheetLang, Record<StepKind, string>> = {
  en: { start: 'Start', task: 'Task', subprocess: 'Sub-process', decision: 'Decision', parallel: 'Parallel', event: 'Event', end: 'End' },
  ru: { start: 'Начало', task: 'Задача', subprocess: 'Подпроцесс', decision: 'Решение', parallel: 'Параллельно', event: 'Событие', end: 'Конец' },
};

/** Other words people use for the kinds (folded), besides the names above and the ids. */
const KIND_WORDS: Record<string, StepKind> = {
  'sub process': 'subprocess',
  старт: 'start',
  финиш: 'end',
  завершение: 'end',
  окончание: 'end',
  'под-процесс': 'subprocess',
  развилка: 'decision',
  parallel: 'parallel',
  'parallel split': 'parallel',
  'parallel gateway': 'parallel',
  параллельно: 'parallel',
  'параллельный шлюз': 'parallel',
  событие: 'event',
  ожидание: 'event',
  таймер: 'event',
  условие: 'decision',
  вопрос: 'decision',
  действие: 'task',
};

const KINDS_BY_WORD: Map<string, StepKind> = (() => {
  const m = new Map<string, StepKind>();
  for (const k of STEP_KINDS) m.set(k, k);
  for (const lang of ['en', 'ru'] as const) for (const k of STEP_KINDS) m.set(foldText(KIND_NAMES[lang][k]), k);
  for (const [w, k] of Object.entries(KIND_WORDS)) m.set(w, k);
  return m;
})();

/** A kind from its name in either language (any case), its id, or a common synonym; null if none. */
export function parseKind(text: string): StepKind | null {
  return KINDS_BY_WORD.get(foldText(text)) ?? null;
}

/** Items of a list as one cell: "Лид; КП". */
export const ITEM_SEPARATOR = '; ';

/** A cell's items: split at ";" and line breaks, trimmed, empty ones dropped. */
export function splitItems(text: string): string[] {
  return text
    .split(/[;\n\r]/)
    .map((i) => i.trim())
    .filter(Boolean);
}

const UNIT_WORDS: Record<SheetLang, Record<DurationUnit, string>> = {
  en: { min: 'min', h: 'h', d: 'd' },
  ru: { min: 'мин', h: 'ч', d: 'дн' },
};

/** Minutes in a unit: a working day is 8 hours, as the figures count it (shared/analysis). */
export const UNIT_MINUTES: Record<DurationUnit, number> = { min: 1, h: 60, d: 480 };

/** "30 min", "1.5 h" / «30 мин», «1,5 ч», «2 дн»: read back by `parseDuration` as the same value. */
export function formatDurationIn(d: Duration, lang: SheetLang): string {
  const n = String(d.value);
  return `${lang === 'ru' ? n.replace('.', ',') : n} ${UNIT_WORDS[lang][d.unit]}`;
}

/** Unit words (folded, a trailing dot dropped) in English and Russian, short and long, any number. */
const UNITS: Map<string, DurationUnit> = (() => {
  const words: Record<DurationUnit, string[]> = {
    min: ['m', 'min', 'mins', 'minute', 'minutes', 'мин', 'м', 'минута', 'минуты', 'минут', 'минуту'],
    h: ['h', 'hr', 'hrs', 'hour', 'hours', 'ч', 'час', 'часа', 'часов', 'часы'],
    d: ['d', 'day', 'days', 'д', 'дн', 'день', 'дня', 'дней', 'дни', 'сут', 'суток', 'сутки'],
  };
  const m = new Map<string, DurationUnit>();
  for (const [unit, list] of Object.entries(words) as [DurationUnit, string[]][]) for (const w of list) m.set(w, unit);
  return m;
})();

/** A unit word ("ч", "hours", "дн.") as a unit; null if it is not one. */
export function parseUnit(word: string): DurationUnit | null {
  return UNITS.get(foldText(word).replace(/\.$/, '')) ?? null;
}

/** The largest duration the model takes (shared/model/schema.ts). */
export const MAX_DURATION = 1_000_000;

export type DurationError = 'negative' | 'unknownUnit' | 'notDuration' | 'tooLarge';
export type DurationParse = { ok: true; duration: Duration | null } | { ok: false; error: DurationError; unit?: string };

const NUMBER = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)/;
const WORD = /^([a-zа-яё]+\.?)/;

/**
 * A duration as people write it: "30", "30 min", "30 мин", "1.5 h", "1,5 ч", "2 d", "2 дн",
 * "2 дня", "90 минут", "1 час", "1 ч 30 мин", "1:30" (hours and minutes). A number alone is in
 * `bareUnit` (minutes unless a column says otherwise). Empty text is no duration (null).
 * Parts in several units add up in the smallest of them (a day is 8 working hours).
 */
export function parseDuration(text: string, bareUnit: DurationUnit = 'min'): DurationParse {
  const s = foldText(text.replace(/[\u2212\u2012\u2013]/g, '-'));
  if (!s) return { ok: true, duration: null };
  if (/^-\s*[\d.,]/.test(s)) return { ok: false, error: 'negative' };
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(s);
  if (clock) {
    const minutes = Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3] ?? 0) / 60;
    return bounded({ value: round(minutes), unit: 'min' });
  }
  const parts: { value: number; unit: DurationUnit | null }[] = [];
  let rest = s;
  while (rest) {
    const num = NUMBER.exec(rest);
    if (!num) return { ok: false, error: 'notDuration' };
    const value = Number(num[1]!.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
    rest = rest.slice(num[0].length).trimStart();
    const word = WORD.exec(rest);
    let unit: DurationUnit | null = null;
    if (word) {
      unit = parseUnit(word[1]!);
      if (!unit) return { ok: false, error: 'unknownUnit', unit: word[1]! };
      rest = rest.slice(word[0].length).trimStart();
    }
    if (!Number.isFinite(value)) return { ok: false, error: 'notDuration' };
    parts.push({ value, unit });
    if (rest.startsWith('-')) return { ok: false, error: 'notDuration' };
  }
  if (parts.length === 1) return bounded({ value: round(parts[0]!.value), unit: parts[0]!.unit ?? bareUnit });
  // "1 ч 30 мин": every part needs its unit, or it is not clear what is meant
  if (parts.some((p) => p.unit === null)) return { ok: false, error: 'notDuration' };
  const smallest = parts.map((p) => p.unit!).reduce((a, b) => (UNIT_MINUTES[a] <= UNIT_MINUTES[b] ? a : b));
  const minutes = parts.reduce((sum, p) => sum + p.value * UNIT_MINUTES[p.unit!], 0);
  return bounded({ value: round(minutes / UNIT_MINUTES[smallest]), unit: smallest });
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function bounded(d: Duration): DurationParse {
  return d.value > MAX_DURATION ? { ok: false, error: 'tooLarge' } : { ok: true, duration: d };
}

/** A duration in minutes (for sorting): a day is 8 working hours. */
export function durationMinutes(d: Duration | null | undefined): number | null {
  return d ? d.value * UNIT_MINUTES[d.unit] : null;
}

/** What a cell of the table shows for a step, in `lang` ('' for nothing). */
export function cellText(doc: MapDoc, step: Step, column: TableColumn, lang: SheetLang): string {
  switch (column) {
    case 'title':
      return step.title;
    case 'kind':
      return KIND_NAMES[lang][step.kind];
    case 'role':
      return doc.roles[step.roleId]?.name ?? '';
    case 'phase':
      return step.phaseId ? (doc.phases[step.phaseId]?.name ?? '') : '';
    case 'duration':
      return step.duration ? formatDurationIn(step.duration, lang) : '';
    case 'wait':
      return step.wait ? formatDurationIn(step.wait, lang) : '';
    case 'inputs':
    case 'outputs':
    case 'resources':
      return step[column].join(ITEM_SEPARATOR);
    case 'description':
      return step.description;
  }
}

/** Column widths in characters (XLSX). */
const WIDTHS: Record<TableColumn, number> = {
  title: 40,
  kind: 12,
  role: 24,
  phase: 24,
  duration: 12,
  wait: 12,
  inputs: 32,
  outputs: 32,
  resources: 26,
  description: 48,
};

const SHEET_NAMES: Record<SheetLang, string> = { en: 'Table', ru: 'Таблица' };

/**
 * The step table as a sheet: the columns and order of the screen (without its sorting or
 * filter), then the optimisation columns (automation, system, KPIs, pain points and wastes:
 * shared/views/optimise.ts, which a paste back skips), steps in reading order, items joined
 * with "; ", durations as "30 min" / «30 мин»; an empty cell is null.
 */
export function tableSheet(doc: MapDoc, lang: SheetLang): Sheet {
  const cell = (text: string): SheetCell => (text === '' ? null : text);
  return {
    name: SHEET_NAMES[lang],
    columns: [
      ...TABLE_COLUMNS.map((c) => ({ header: TABLE_HEADERS[lang][c], width: WIDTHS[c] })),
      ...OPTIMISE_COLUMNS.map((c) => ({ header: OPTIMISE_HEADERS[lang][c], width: OPTIMISE_WIDTHS[c] })),
    ],
    rows: readingOrder(doc).map((s) => [
      ...TABLE_COLUMNS.map((c) => cell(cellText(doc, s, c, lang))),
      ...OPTIMISE_COLUMNS.map((c) => cell(optimiseCellText(doc, s, c, lang))),
    ]),
  };
}
