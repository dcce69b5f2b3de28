/**
 * The words inside exported files, in both languages: ONE set that the app's exports
 * (src-renderer/export/localized.ts, in the interface's language) and the command line
 * (`--lang ru|en`, default the map's own) both use, so a Russian map exported either way says
 * «Этап», «Задача», «3 дн», «Обновлено» and never `Phase`, `task`, `3 d`, "Updated".
 *
 * The drawing's labels, durations and numbers as they are written, the CSV's header row and
 * step kinds, the line under a drawing's title. The app's interface keeps its own strings
 * (src-renderer/i18n); these are what leaves the app.
 */
import type { CsvLabels, CsvOptions } from './csv';
import type { SvgExportOptions, SvgLabels } from './svg';
import type { ValueStreamLabels } from './valueStreamSvg';
import { formatMinutes } from '../analysis/figures';
import { formatDurationIn, KIND_NAMES } from '../views/table';
import type { Duration, MapDoc, StepKind } from '../model/types';

export const EXPORT_LANGS = ['en', 'ru'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

export function isExportLang(v: unknown): v is ExportLang {
  return typeof v === 'string' && (EXPORT_LANGS as readonly string[]).includes(v);
}

export interface ExportWords {
  kinds: Record<StepKind, string>;
  units: { min: string; h: string; d: string };
  csv: CsvLabels;
  svg: SvgLabels;
  valueStream: ValueStreamLabels;
  /** The line under a drawing's title. */
  updated: string;
  owner: string;
  approved: string;
  inReview: string;
  /** A next step that is a message between parties rather than the work passing on. */
  message: string;
}

export const EXPORT_WORDS: Record<ExportLang, ExportWords> = {
  en: {
    kinds: KIND_NAMES.en,
    units: { min: 'min', h: 'h', d: 'd' },
    csv: {
      number: 'No.',
      phase: 'Phase',
      role: 'Role',
      kind: 'Kind',
      title: 'Title',
      description: 'Description',
      inputs: 'Inputs',
      outputs: 'Outputs',
      resources: 'Resources',
      duration: 'Duration',
      minutes: 'Duration (min)',
      next: 'Next steps',
    },
    svg: {
      inputs: 'Inputs',
      outputs: 'Outputs',
      resources: 'Resources',
      untitled: 'Untitled step',
      noPhase: 'No phase',
      roles: 'Roles',
      comments: 'Comments',
      commentsOnMap: 'The map',
      anonymous: 'Anonymous',
      marks: 'Marks',
      kpiMet: 'KPI on target',
      kpiMissed: 'KPI off target',
      kpiUnknown: 'KPI without target or value',
      automated: 'Automated step',
      partlyAutomated: 'Partly automated step',
      target: 'target',
    },
    valueStream: { heading: 'Value stream (critical path)', leadTime: 'Lead time', work: 'Work', efficiency: 'Efficiency' },
    updated: 'Updated {date}',
    owner: 'Owner: {owner}',
    approved: 'Approved by {by} on {date}',
    inReview: 'In review',
    message: 'message',
  },
  ru: {
    kinds: KIND_NAMES.ru,
    units: { min: 'мин', h: 'ч', d: 'дн' },
    csv: {
      number: '№',
      phase: 'Этап',
      role: 'Роль',
      kind: 'Тип',
      title: 'Название',
      description: 'Описание',
      inputs: 'Входы',
      outputs: 'Выходы',
      resources: 'Ресурсы',
      duration: 'Длительность',
      minutes: 'Длительность (мин)',
      next: 'Следующие шаги',
    },
    svg: {
      inputs: 'Входы',
      outputs: 'Выходы',
      resources: 'Ресурсы',
      untitled: 'Шаг без названия',
      noPhase: 'Без этапа',
      roles: 'Роли',
      comments: 'Комментарии',
      commentsOnMap: 'Карта целиком',
      anonymous: 'Без имени',
      marks: 'Обозначения',
      kpiMet: 'KPI: цель достигнута',
      kpiMissed: 'KPI: цель не достигнута',
      kpiUnknown: 'KPI без цели или значения',
      automated: 'Автоматизированный шаг',
      partlyAutomated: 'Частично автоматизированный шаг',
      target: 'цель',
    },
    valueStream: { heading: 'Поток создания ценности (критический путь)', leadTime: 'Время выполнения', work: 'Работа', efficiency: 'Эффективность' },
    updated: 'Обновлено {date}',
    owner: 'Владелец: {owner}',
    approved: 'Утверждено: {by}, {date}',
    inReview: 'На согласовании',
    message: 'сообщение',
  },
};

/** `{name}` placeholders filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number as the language writes it: "1,234.5" / «1 234,5». */
export function formatNumberIn(n: number, lang: ExportLang, maximumFractionDigits = 2): string {
  const key = `${lang}:${maximumFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits })));
  return f.format(n);
}

/** 0.42 → "42%" / «42 %». */
export function formatPercentIn(share: number, lang: ExportLang): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A stored ISO date as a day people read: "Mar 14, 2026" / «14 мар. 2026 г.»; a damaged one as a dash. */
export function formatDateIn(iso: string, lang: ExportLang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(d);
}

/** A step's duration: "1.5 h" / «1,5 ч» (read back by the table's `parseDuration`). */
export function formatDurationWords(d: Duration, lang: ExportLang): string {
  return formatDurationIn(d, lang);
}

/** A time in minutes as the figures say it: working days (8 h), hours and minutes. */
export function formatWorkTimeIn(minutes: number, lang: ExportLang): string {
  return formatMinutes(minutes, EXPORT_WORDS[lang].units, (n) => formatNumberIn(n, lang));
}

/** What the drawing says, in `lang`. */
export function drawingWords(lang: ExportLang): Pick<SvgExportOptions, 'labels' | 'formatDuration' | 'formatNumber' | 'formatDate'> {
  return {
    labels: EXPORT_WORDS[lang].svg,
    formatDuration: (d) => formatDurationWords(d, lang),
    formatNumber: (n) => formatNumberIn(n, lang),
    formatDate: (iso) => formatDateIn(iso, lang),
  };
}

/** The value-stream timeline's words and numbers, in `lang`. */
export function valueStreamWords(lang: ExportLang): Exclude<NonNullable<SvgExportOptions['valueStream']>, boolean> {
  return {
    labels: { ...EXPORT_WORDS[lang].valueStream, untitled: EXPORT_WORDS[lang].svg.untitled },
    time: (m) => formatWorkTimeIn(m, lang),
    percent: (s) => formatPercentIn(s, lang),
  };
}

/** The CSV's header, kinds, durations and separator in `lang` (`;` for Russian, as Excel there expects). */
export function csvWords(lang: ExportLang): Omit<CsvOptions, 'stepIds'> {
  const w = EXPORT_WORDS[lang];
  return {
    header: w.csv,
    kinds: w.kinds,
    formatDuration: (d) => formatDurationWords(d, lang),
    separator: defaultSeparator(lang),
    decimalComma: lang === 'ru',
    messageWord: w.message,
    untitled: w.svg.untitled,
  };
}

/** The separator Excel expects in that language's locale: `;` where the decimal mark is a comma. */
export function defaultSeparator(lang: ExportLang): ',' | ';' {
  return lang === 'ru' ? ';' : ',';
}

/** The line under a drawing's title: updated, owner, approval or review, in `lang`. */
export function titleSubtitle(doc: MapDoc, lang: ExportLang, date: (iso: string) => string = (iso) => formatDateIn(iso, lang)): string | undefined {
  const w = EXPORT_WORDS[lang];
  const updated = date(doc.updatedAt);
  const parts = [
    updated === '—' ? null : fill(w.updated, { date: updated }),
    doc.owner ? fill(w.owner, { owner: doc.owner }) : null,
    doc.status === 'approved' && doc.approval ? fill(w.approved, { by: doc.approval.by, date: date(doc.approval.at) }) : null,
    doc.status === 'in_review' ? w.inReview : null,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * The language a map is written in: Russian when its title, lanes, phases and step titles have
 * more Cyrillic letters than Latin ones, English when more Latin; null when it has no letters
 * of either (an empty map): the caller then takes the system's language.
 */
export function detectMapLanguage(doc: MapDoc): ExportLang | null {
  const texts = [doc.title, ...Object.values(doc.roles).map((r) => r.name), ...Object.values(doc.phases).map((p) => p.name), ...Object.values(doc.steps).map((s) => s.title)];
  let cyrillic = 0;
  let latin = 0;
  for (const text of texts) {
    cyrillic += text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
    latin += text.match(/[A-Za-z]/g)?.length ?? 0;
  }
  if (cyrillic === 0 && latin === 0) return null;
  return cyrillic > latin ? 'ru' : 'en';
}
