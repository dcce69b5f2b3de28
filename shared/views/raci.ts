/**
 * The RACI matrix of a map (issue 10, part 3): steps × roles.
 *
 * - Rows: the tasks, sub-processes and decisions, in reading order (`readingOrder`: phase
 *   column, lane, left to right). Start and end steps are events (nobody performs them) and get
 *   no row. Rows rather than columns are steps because maps have many more steps than roles.
 * - Columns: the roles (lanes) in lane order.
 * - A cell: the step's own role is Responsible, shown as `R`, or `R/A` when it is also
 *   Accountable; any other role is `A`, `C`, `I` or empty, as stored in `step.raci`.
 * - Editing goes through `setRaci` (one A per step: setting an A moves it). The cycle a click
 *   or Enter makes: on another role's cell none → A → C → I → none; on the own role R ↔ R/A.
 * - The check `raci-accountable` (shared/analysis/checks.ts: once the map uses RACI, every task
 *   and sub-process has exactly one A) is what `accountable` and `needsAccountable` mirror.
 */
import { orderedPhases, orderedRoles } from '../model/geometry';
import type { MapDoc, Phase, RaciLetter, Role, Step } from '../model/types';
import type { Sheet, SheetLang } from './sheet';

/**
 * The steps in reading order: the "no phase" column first, then phase by phase; within a
 * column lane by lane, then left to right. The same order as `readingOrder`
 * (shared/export/svg.ts, a test keeps them equal) without measuring the columns' widths, which
 * costs 30 ms on a 2,000-step map: these views derive on every edit.
 */
export function stepsInReadingOrder(doc: MapDoc): Step[] {
  const col = new Map<string, number>(orderedPhases(doc).map((p, i) => [p.id, i + 1]));
  const lane = new Map<string, number>(orderedRoles(doc).map((r, i) => [r.id, i]));
  const keyed = Object.values(doc.steps).map((s) => ({ s, c: (s.phaseId && col.get(s.phaseId)) || 0, l: lane.get(s.roleId) ?? 0 }));
  keyed.sort((a, b) => a.c - b.c || a.l - b.l || a.s.x - b.s.x || a.s.y - b.s.y || a.s.id.localeCompare(b.s.id));
  return keyed.map((k) => k.s);
}

/** What a cell shows. */
export type RaciMark = 'R' | 'R/A' | 'A' | 'C' | 'I' | '';

export interface RaciRow {
  step: Step;
  phase: Phase | null;
  /** One mark per role of `RaciMatrix.roles`, in the same order. */
  marks: RaciMark[];
  /** How many (existing) roles are accountable for the step. */
  accountable: number;
  /** A task or sub-process: the rule "exactly one A" applies to it (decisions are exempt). */
  needsAccountable: boolean;
}

export interface RaciMatrix {
  roles: Role[];
  rows: RaciRow[];
  /** Some step has an A, C or I: from then on the checks ask every task for exactly one A. */
  usesRaci: boolean;
}

/** The kinds of step that get a row: the ones someone performs. */
export const RACI_ROW_KINDS: readonly Step['kind'][] = ['task', 'subprocess', 'decision'];

/** The mark of `roleId` on `step`. */
export function raciMark(step: Step, roleId: string): RaciMark {
  const letter = step.raci?.[roleId];
  if (roleId === step.roleId) return letter === 'A' ? 'R/A' : 'R';
  return letter ?? '';
}

/** The matrix of `doc`, read fresh on every edit (linear in steps × roles). */
export function raciMatrix(doc: MapDoc): RaciMatrix {
  const roles = orderedRoles(doc);
  let usesRaci = false;
  const rows: RaciRow[] = [];
  for (const step of stepsInReadingOrder(doc)) {
    if (step.raci && Object.keys(step.raci).length > 0) usesRaci = true;
    if (!RACI_ROW_KINDS.includes(step.kind)) continue;
    const accountable = Object.entries(step.raci ?? {}).filter(([roleId, letter]) => letter === 'A' && Object.hasOwn(doc.roles, roleId)).length;
    rows.push({
      step,
      phase: (step.phaseId && doc.phases[step.phaseId]) || null,
      marks: roles.map((r) => raciMark(step, r.id)),
      accountable,
      needsAccountable: step.kind === 'task' || step.kind === 'subprocess',
    });
  }
  return { roles, rows, usesRaci };
}

/** The letter a click (or Enter, Space) sets: the next one in the cycle; null clears the cell. */
export function nextRaciLetter(mark: RaciMark): RaciLetter | null {
  switch (mark) {
    case 'R':
      return 'A';
    case 'R/A':
      return null;
    case '':
      return 'A';
    case 'A':
      return 'C';
    case 'C':
      return 'I';
    case 'I':
      return null;
  }
}

/** What a key asks of a cell: a letter, clearing it, or nothing this grid knows. */
export type RaciKey = RaciLetter | 'R' | 'clear';

/** Look-alike Cyrillic letters, so «А» and «С» typed in a Russian layout work too. */
const BY_KEY: Record<string, RaciKey> = { a: 'A', c: 'C', i: 'I', r: 'R', а: 'A', с: 'C', delete: 'clear', backspace: 'clear' };
/** The physical key, whatever the layout (a Russian layout gives «ф» on the A key). */
const BY_CODE: Record<string, RaciKey> = { KeyA: 'A', KeyC: 'C', KeyI: 'I', KeyR: 'R' };

/** The RACI meaning of a key press (`KeyboardEvent.key` and `.code`), or null. */
export function raciKey(key: string, code: string): RaciKey | null {
  return BY_KEY[key.toLowerCase()] ?? BY_CODE[code] ?? null;
}

/**
 * What pressing `key` on a cell does: the letter to set (null clears), or why it cannot. R is
 * the step's role and is changed with the role itself; the own role can only add an A.
 */
export function letterForKey(key: RaciKey, mark: RaciMark): { letter: RaciLetter | null } | { refused: 'own-role' | 'r-elsewhere' } {
  const own = mark === 'R' || mark === 'R/A';
  if (key === 'clear') return { letter: null };
  if (key === 'R') return own ? { letter: null } : { refused: 'r-elsewhere' };
  if (own && key !== 'A') return { refused: 'own-role' };
  return { letter: key };
}

const HEADERS = {
  en: { name: 'RACI', step: 'Step', kind: 'Kind', phase: 'Phase', check: 'Accountable (A)', noA: 'no A', manyA: '{n} A' },
  ru: { name: 'RACI', step: 'Шаг', kind: 'Вид', phase: 'Этап', check: 'Отвечает (A)', noA: 'нет A', manyA: '{n} A' },
} as const;
const KINDS = {
  en: { task: 'Task', subprocess: 'Sub-process', decision: 'Decision', parallel: 'Parallel', event: 'Event', start: 'Start', end: 'End' },
  ru: { task: 'Задача', subprocess: 'Подпроцесс', decision: 'Решение', parallel: 'Параллельно', event: 'Событие', start: 'Начало', end: 'Конец' },
} as const;

/**
 * The matrix as a sheet: step, kind, phase, one column per role (R, R/A, A, C, I), and who is
 * accountable — «нет A» / "2 A" where the check would complain.
 */
export function raciSheet(doc: MapDoc, lang: SheetLang): Sheet {
  const h = HEADERS[lang];
  const m = raciMatrix(doc);
  const columns = [
    { header: h.step, width: 40 },
    { header: h.kind, width: 12 },
    { header: h.phase, width: 24 },
    ...m.roles.map((r) => ({ header: r.name, width: Math.min(24, Math.max(8, r.name.length)) })),
    { header: h.check, width: 24 },
  ];
  const rows = m.rows.map((row) => {
    const accountable = m.roles.filter((r, i) => row.marks[i] === 'A' || row.marks[i] === 'R/A').map((r) => r.name);
    const check =
      accountable.length === 1 || !m.usesRaci || !row.needsAccountable
        ? accountable.join(', ')
        : accountable.length === 0
          ? h.noA
          : `${h.manyA.replace('{n}', String(accountable.length))}: ${accountable.join(', ')}`;
    return [row.step.title, KINDS[lang][row.step.kind], row.phase?.name ?? '', ...row.marks.map((mark) => mark || null), check || null];
  });
  return { name: h.name, columns, rows };
}
