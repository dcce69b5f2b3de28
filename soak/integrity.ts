/**
 * The soak's own check of a stored map, independent of the app's schemas: every reference
 * points at a row that is really there (own properties only: `toString` is not a step), a
 * reply answers a thread's first comment, and the map survives being exported and imported
 * again (the probe found maps the backend stored but could not import back).
 */
import { parseLanemapJson, toLanemapJson } from '../shared/export/lanemapJson';
import { MapDocSchema } from '../shared/model/schema';
import type { MapDoc } from '../shared/model/types';

const has = (record: object | undefined, id: unknown): boolean => typeof id === 'string' && record !== undefined && Object.hasOwn(record, id);

/** A real date and time in ISO 8601: 2026-03-05T12:00:00.000Z or with an offset, a day that exists. */
export function isRealIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 40) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
}

/** What is wrong with `doc` (empty when nothing is). */
export function integrityProblems(doc: MapDoc): string[] {
  const out: string[] = [];
  const parsed = MapDocSchema.safeParse(doc);
  if (!parsed.success)
    out.push(
      `not a valid map: ${parsed.error.issues
        .map((i) => `${i.path.join('.')} ${i.message}`.trim())
        .join('; ')
        .slice(0, 200)}`,
    );
  for (const [table, rows] of Object.entries({
    roles: doc.roles,
    phases: doc.phases,
    steps: doc.steps,
    flows: doc.flows,
    comments: doc.comments,
    painPoints: doc.painPoints,
  })) {
    for (const [key, row] of Object.entries(rows ?? {})) if ((row as { id: string }).id !== key) out.push(`${table} ${key} is filed under another id`);
  }
  for (const s of Object.values(doc.steps)) {
    if (!has(doc.roles, s.roleId)) out.push(`step ${s.id} is in a missing lane ${s.roleId}`);
    if (s.phaseId !== null && !has(doc.phases, s.phaseId)) out.push(`step ${s.id} is in a missing phase ${s.phaseId}`);
  }
  for (const f of Object.values(doc.flows)) {
    if (!has(doc.steps, f.fromStepId) || !has(doc.steps, f.toStepId)) out.push(`flow ${f.id} connects a missing step`);
  }
  for (const c of Object.values(doc.comments ?? {})) {
    if (c.targetKind === 'step' && !has(doc.steps, c.targetId)) out.push(`comment ${c.id} is on a missing step ${c.targetId}`);
    if (c.targetKind === 'flow' && !has(doc.flows, c.targetId)) out.push(`comment ${c.id} is on a missing flow ${c.targetId}`);
    if (c.parentId !== null) {
      const parent = has(doc.comments, c.parentId) ? doc.comments[c.parentId] : undefined;
      if (!parent) out.push(`comment ${c.id} answers a missing comment`);
      else if (parent.parentId !== null) out.push(`comment ${c.id} answers a reply`);
      else if (parent.targetKind !== c.targetKind || parent.targetId !== c.targetId) out.push(`comment ${c.id} is not on its thread's target`);
    }
  }
  for (const p of Object.values(doc.painPoints ?? {})) if (!has(doc.steps, p.stepId)) out.push(`pain point ${p.id} is on a missing step`);
  const dates: [string, unknown][] = [
    ['the map', doc.createdAt],
    ['the map', doc.updatedAt],
    ...(doc.approval ? [['the approval', doc.approval.at] as [string, unknown]] : []),
    ...Object.values(doc.comments ?? {}).flatMap((c): [string, unknown][] => [
      [`comment ${c.id}`, c.createdAt],
      ...(c.resolvedAt === null ? [] : [[`comment ${c.id}`, c.resolvedAt] as [string, unknown]]),
    ]),
    ...Object.values(doc.painPoints ?? {}).map((p): [string, unknown] => [`pain point ${p.id}`, p.createdAt]),
  ];
  for (const [what, date] of dates) if (!isRealIsoDate(date)) out.push(`${what} has the date ${JSON.stringify(date)?.slice(0, 60)}`);
  const again = parseLanemapJson(toLanemapJson(doc, { exportedAt: '2026-03-05T12:00:00.000Z' }));
  if (!again.ok) out.push(`cannot be imported again: ${again.message.slice(0, 200)}`);
  return out;
}
