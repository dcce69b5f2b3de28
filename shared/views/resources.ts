/**
 * The resources of a map by role (issue 10, part 3): which tools and systems (CRM, 1C, the
 * phone…; `step.resources`) each role uses in which steps.
 *
 * - Rows: the resources, compared by `foldText` (case, «ё»/«е», spaces) and written as first
 *   met in reading order; the most used first (by the number of steps), then alphabetically.
 * - Columns: the roles (lanes) in lane order, every lane (one that uses nothing says so too).
 * - A cell: the steps of that role that use the resource, in reading order.
 * - Totals: per resource, the steps using it; per role, its uses (steps × resources); overall,
 *   all uses. A step naming one resource twice counts once.
 */
import { orderedRoles } from '../model/geometry';
import { foldText } from '../model/search';
import type { MapDoc, Role } from '../model/types';
import { stepsInReadingOrder } from './raci';
import type { Sheet, SheetLang } from './sheet';

export interface ResourceRow {
  /** As first written. */
  resource: string;
  /** Steps using it per role id (reading order); roles that do not use it are absent. */
  byRole: Record<string, string[]>;
  /** Steps using it, all roles. */
  total: number;
}

export interface ResourceUse {
  roles: Role[];
  rows: ResourceRow[];
  /** Uses per role id (steps × resources). */
  roleTotals: Record<string, number>;
  total: number;
}

/** The resources of `doc` by role (linear in steps plus resources, then a sort of the resources). */
export function resourceUse(doc: MapDoc): ResourceUse {
  const roles = orderedRoles(doc);
  const byKey = new Map<string, ResourceRow>();
  const order: ResourceRow[] = [];
  const roleTotals: Record<string, number> = Object.fromEntries(roles.map((r) => [r.id, 0]));
  let total = 0;
  // a map names a few resources many times: fold each spelling once
  const folded = new Map<string, string>();
  for (const s of stepsInReadingOrder(doc)) {
    if (!Object.hasOwn(doc.roles, s.roleId)) continue;
    const seen = new Set<string>();
    for (const name of s.resources) {
      let key = folded.get(name);
      if (key === undefined) folded.set(name, (key = foldText(name)));
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let row = byKey.get(key);
      if (!row) {
        row = { resource: name.trim(), byRole: {}, total: 0 };
        byKey.set(key, row);
        order.push(row);
      }
      (row.byRole[s.roleId] ??= []).push(s.id);
      row.total++;
      roleTotals[s.roleId]!++;
      total++;
    }
  }
  const collator = new Intl.Collator('ru');
  const rows = order.sort((a, b) => b.total - a.total || collator.compare(a.resource, b.resource));
  return { roles, rows, roleTotals, total };
}

const WORDS = {
  en: { name: 'Resources', resource: 'Resource', total: 'Total' },
  ru: { name: 'Ресурсы', resource: 'Ресурс', total: 'Всего' },
} as const;

/**
 * The resources as a sheet: a row per resource with, per role, the titles of the steps using it
 * (one a line) and the number of steps; a last row with each role's uses.
 */
export function resourcesSheet(doc: MapDoc, lang: SheetLang): Sheet {
  const w = WORDS[lang];
  const u = resourceUse(doc);
  const titles = (ids: string[] | undefined) => (ids?.length ? ids.map((id) => doc.steps[id]!.title).join('\n') : null);
  return {
    name: w.name,
    columns: [
      { header: w.resource, width: 28 },
      ...u.roles.map((r) => ({ header: r.name, width: Math.min(36, Math.max(14, r.name.length)) })),
      { header: w.total, width: 8 },
    ],
    rows: [
      ...u.rows.map((row) => [row.resource, ...u.roles.map((r) => titles(row.byRole[r.id])), row.total]),
      ...(u.rows.length ? [[w.total, ...u.roles.map((r) => u.roleTotals[r.id] ?? 0), u.total]] : []),
    ],
  };
}
