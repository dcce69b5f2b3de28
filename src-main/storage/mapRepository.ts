/**
 * Reads and writes maps as normalised rows. Every write is one immediate transaction (it takes
 * the write lock before reading, so a second process waits for it instead of failing): either
 * all the rows of an edit are stored, or none are. An edit is conditional: each row it writes
 * says what it expects to find stored, and the whole edit is refused as a conflict when
 * another editor changed or deleted that row meanwhile; only the fields it changes are written.
 */
import { mapFields } from '../../shared/model/diff';
import { NOTE_MAX_WIDTH, NOTE_MIN_WIDTH, STEP_MAX_WIDTH } from '../../shared/model/geometry';
import { ADDITIVE_FIELDS, changedFields, fieldValue, rowTitle, sameValue, TABLES, withFields, type Table } from '../../shared/model/rows';
import { DateSchema, DismissalsSchema, KpisSchema, RaciSchema, RulesOffSchema, StepSchema, SwotSchema, type MapChanges } from '../../shared/model/schema';
import type {
  ItemKind,
  MapComment,
  MapDoc,
  MapStatus,
  MapSummary,
  Note,
  PainPoint,
  Point,
  Purpose,
  Role,
  Phase,
  Flow,
  Step,
  VersionSummary,
} from '../../shared/model/types';
import { EVENT_KINDS, type EventTrigger } from '../../shared/model/types';
import type { Db } from './database';

export class NotFoundError extends Error {}

/** A row another editor changed or deleted after this editor last read it. */
export interface ConflictRow {
  table: Table | 'map';
  id: string;
  /** The title (or name, or text) of the row as stored now, or as it was if it was deleted. */
  title: string;
  /** changed: its fields differ from what the edit expected; deleted: it is gone; exists: an added row is already there. */
  reason: 'changed' | 'deleted' | 'exists';
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly conflicts: ConflictRow[] = [],
  ) {
    super(message);
  }
}

const ITEM_KIND_ROW: Record<ItemKind, 'input' | 'output' | 'resource'> = {
  inputs: 'input',
  outputs: 'output',
  resources: 'resource',
};

interface StepRow {
  id: string;
  map_id: string;
  role_id: string;
  phase_id: string | null;
  kind: Step['kind'];
  title: string;
  description: string;
  x: number;
  y: number;
  duration_value: number | null;
  duration_unit: 'min' | 'h' | 'd' | null;
  pinned: number;
  linked_map_id: string | null;
  wait_value: number | null;
  wait_unit: 'min' | 'h' | 'd' | null;
  raci: string | null;
  parties: string | null;
  kpis: string | null;
  automation: 'partial' | 'auto' | null;
  automation_system: string | null;
  width: number | null;
  trigger: EventTrigger | null;
  throwing: number;
}

interface NoteRow {
  id: string;
  map_id: string;
  text: string;
  x: number;
  y: number;
  width: number | null;
  step_id: string | null;
}

function noteOf(n: NoteRow): Note {
  return {
    id: n.id,
    text: n.text,
    x: n.x,
    y: n.y,
    ...(n.width !== null && n.width >= NOTE_MIN_WIDTH && n.width <= NOTE_MAX_WIDTH ? { width: n.width } : {}),
    ...(n.step_id ? { stepId: n.step_id } : {}),
  };
}

interface MapRow {
  id: string;
  title: string;
  description: string;
  direction: string;
  purpose: Purpose | null;
  owner: string;
  status: MapStatus;
  approved_by: string | null;
  approved_at: string | null;
  dismissed: string | null;
  rules_off: string | null;
  swot: string | null;
  review_months: number | null;
  next_review: string | null;
  created_at: string;
  updated_at: string;
}

interface FlowRow {
  id: string;
  map_id: string;
  from_step_id: string;
  to_step_id: string;
  label: string;
  route: string | null;
  share: number | null;
  message: number;
}

interface PainRow {
  id: string;
  map_id: string;
  step_id: string;
  kind: PainPoint['kind'];
  votes: number;
  created_at: string;
}

interface CommentRow {
  id: string;
  map_id: string;
  target_kind: MapComment['targetKind'];
  target_id: string | null;
  parent_id: string | null;
  author: string;
  text: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

/** A stored route, or nothing if the column holds anything but a list of points. */
function parseRoute(json: string | null): Point[] | undefined {
  if (!json) return undefined;
  try {
    const pts = JSON.parse(json) as unknown;
    if (Array.isArray(pts) && pts.every((p: Partial<Point> | null) => p && typeof p.x === 'number' && typeof p.y === 'number')) {
      return pts.map((p: Point) => ({ x: p.x, y: p.y }));
    }
  } catch {
    // a damaged route is dropped: the canvas draws the flow itself
  }
  return undefined;
}

const listOf = { input: 'inputs', output: 'outputs', resource: 'resources' } as const;

function stepOf(s: StepRow): Step {
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    description: s.description,
    roleId: s.role_id,
    phaseId: s.phase_id,
    x: s.x,
    y: s.y,
    duration: s.duration_value !== null && s.duration_unit ? { value: s.duration_value, unit: s.duration_unit } : null,
    ...(s.pinned ? { pinned: true } : {}),
    ...(s.linked_map_id ? { linkedMapId: s.linked_map_id } : {}),
    inputs: [],
    outputs: [],
    resources: [],
    ...(s.wait_value !== null && s.wait_unit ? { wait: { value: s.wait_value, unit: s.wait_unit } } : {}),
    ...jsonField('raci', s.raci, RaciSchema),
    ...jsonField('parties', s.parties, StepSchema.shape.parties.unwrap()),
    ...(s.automation === 'partial' || s.automation === 'auto' ? { automation: s.automation } : {}),
    ...(s.automation_system ? { system: s.automation_system } : {}),
    ...nonEmpty(jsonField('kpis', s.kpis, KpisSchema)),
    ...(s.width !== null && s.width > 0 && s.width <= STEP_MAX_WIDTH ? { width: s.width } : {}),
    ...(s.trigger && EVENT_KINDS.includes(s.kind) ? { trigger: s.trigger } : {}),
    ...(s.throwing && s.kind === 'event' ? { throwing: true as const } : {}),
  };
}

/** A list field left out when empty (an empty list is stored as NULL and reads as absent). */
function nonEmpty<T extends Record<string, unknown[] | undefined>>(field: T): Partial<T> {
  return Object.values(field).every((v) => v === undefined || v.length === 0) ? {} : field;
}

/**
 * `{ [key]: value }` for a JSON column holding a value `schema` accepts, else nothing (a
 * damaged column reads as not set rather than failing the whole map).
 */
function jsonField<K extends string, T>(key: K, json: string | null, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): { [P in K]?: T } {
  if (json === null) return {};
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    if (parsed.success) return { [key]: parsed.data } as { [P in K]?: T };
  } catch {
    // damaged JSON: not set
  }
  return {};
}

function flowOf(f: FlowRow): Flow {
  const route = parseRoute(f.route);
  return {
    id: f.id,
    fromStepId: f.from_step_id,
    toStepId: f.to_step_id,
    label: f.label,
    ...(route ? { route } : {}),
    ...(f.share !== null && f.share >= 0 && f.share <= 100 ? { share: f.share } : {}),
    ...(f.message ? { message: true as const } : {}),
  };
}

interface PhaseRow {
  id: string;
  map_id: string;
  name: string;
  position: number;
  kpis: string | null;
}

function phaseOf(p: PhaseRow): Phase {
  return { id: p.id, name: p.name, order: p.position, ...nonEmpty(jsonField('kpis', p.kpis, KpisSchema)) };
}

function commentOf(c: CommentRow): MapComment {
  return {
    id: c.id,
    targetKind: c.target_kind,
    targetId: c.target_id,
    parentId: c.parent_id,
    author: c.author,
    text: c.text,
    createdAt: c.created_at,
    resolvedAt: c.resolved_at,
    resolvedBy: c.resolved_by,
  };
}

function painOf(p: PainRow): PainPoint {
  return { id: p.id, stepId: p.step_id, kind: p.kind, votes: p.votes, createdAt: p.created_at };
}

type AnyRow = Role | Phase | Step | Flow | MapComment | PainPoint | Note;

export function createMapRepository(db: Db) {
  const q = {
    list: db.prepare(`
      SELECT m.id, m.title, m.status, m.owner, m.next_review AS nextReview, m.created_at AS createdAt, m.updated_at AS updatedAt,
             (SELECT COUNT(*) FROM steps s WHERE s.map_id = m.id) AS stepCount
      FROM maps m ORDER BY m.updated_at DESC, m.title`),
    summary: db.prepare(`
      SELECT m.id, m.title, m.status, m.owner, m.next_review AS nextReview, m.created_at AS createdAt, m.updated_at AS updatedAt,
             (SELECT COUNT(*) FROM steps s WHERE s.map_id = m.id) AS stepCount
      FROM maps m WHERE m.id = ?`),
    /** Which maps open which: (child, parent) pairs through sub-process steps. */
    links: db.prepare(`
      SELECT DISTINCT s.linked_map_id AS child, p.id AS id, p.title AS title
      FROM steps s JOIN maps p ON p.id = s.map_id
      WHERE s.linked_map_id IS NOT NULL AND s.linked_map_id <> s.map_id ORDER BY p.title`),
    linksTo: db.prepare(`
      SELECT DISTINCT p.id AS id, p.title AS title
      FROM steps s JOIN maps p ON p.id = s.map_id
      WHERE s.linked_map_id = ? AND s.map_id <> ? ORDER BY p.title`),
    mapExists: db.prepare('SELECT 1 FROM maps WHERE id = ?'),
    stepInMap: db.prepare('SELECT 1 FROM steps WHERE map_id = ? AND id = ?'),
    map: db.prepare('SELECT * FROM maps WHERE id = ?'),
    comments: db.prepare('SELECT * FROM comments WHERE map_id = ? ORDER BY created_at, id'),
    painPoints: db.prepare('SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points WHERE map_id = ?'),
    setFields: db.prepare(`
      UPDATE maps SET purpose = @purpose, owner = @owner, status = @status, approved_by = @approvedBy, approved_at = @approvedAt
      WHERE id = @id`),
    upsertComment: db.prepare(`
      INSERT INTO comments (id, map_id, target_kind, target_id, parent_id, author, text, created_at, resolved_at, resolved_by)
      VALUES (@id, @mapId, @targetKind, @targetId, @parentId, @author, @text, @createdAt, @resolvedAt, @resolvedBy)
      ON CONFLICT (id) DO UPDATE SET target_kind = excluded.target_kind, target_id = excluded.target_id, parent_id = excluded.parent_id,
        author = excluded.author, text = excluded.text, created_at = excluded.created_at, resolved_at = excluded.resolved_at,
        resolved_by = excluded.resolved_by
      WHERE comments.map_id = excluded.map_id`),
    removeComment: db.prepare('DELETE FROM comments WHERE id = ? AND map_id = ?'),
    upsertPain: db.prepare(`
      INSERT INTO pain_points (id, map_id, step_id, kind, votes, created_at) VALUES (@id, @mapId, @stepId, @kind, @votes, @createdAt)
      ON CONFLICT (id) DO UPDATE SET step_id = excluded.step_id, kind = excluded.kind, votes = excluded.votes, created_at = excluded.created_at
      WHERE pain_points.map_id = excluded.map_id`),
    removePain: db.prepare('DELETE FROM pain_points WHERE id = ? AND map_id = ?'),
    notes: db.prepare('SELECT id, map_id, text, x, y, width, step_id FROM notes WHERE map_id = ?'),
    noteById: db.prepare('SELECT id, map_id, text, x, y, width, step_id FROM notes WHERE id = ?'),
    notesOfStep: db.prepare('SELECT id, map_id, text, x, y, width, step_id FROM notes WHERE map_id = ? AND step_id = ?'),
    upsertNote: db.prepare(`
      INSERT INTO notes (id, map_id, text, x, y, width, step_id) VALUES (@id, @mapId, @text, @x, @y, @width, @stepId)
      ON CONFLICT (id) DO UPDATE SET text = excluded.text, x = excluded.x, y = excluded.y, width = excluded.width, step_id = excluded.step_id
      WHERE notes.map_id = excluded.map_id`),
    removeNote: db.prepare('DELETE FROM notes WHERE id = ? AND map_id = ?'),
    versions: db.prepare(`
      SELECT id, map_id AS mapId, name, note, author, kind, created_at AS createdAt, step_count AS stepCount
      FROM versions WHERE map_id = ? ORDER BY created_at DESC, rowid DESC`),
    deleteVersion: db.prepare("DELETE FROM versions WHERE id = ? AND map_id = ? AND kind = 'manual'"),
    versionKind: db.prepare('SELECT kind FROM versions WHERE id = ? AND map_id = ?'),
    version: db.prepare(
      'SELECT id, map_id AS mapId, name, note, author, kind, created_at AS createdAt, step_count AS stepCount, doc FROM versions WHERE id = ? AND map_id = ?',
    ),
    insertVersion: db.prepare(`
      INSERT INTO versions (id, map_id, name, note, author, kind, created_at, step_count, doc)
      VALUES (@id, @mapId, @name, @note, @author, @kind, @createdAt, @stepCount, @doc)`),
    roles: db.prepare('SELECT id, name, color, position FROM roles WHERE map_id = ?'),
    phases: db.prepare('SELECT id, map_id, name, position, kpis FROM phases WHERE map_id = ?'),
    steps: db.prepare('SELECT * FROM steps WHERE map_id = ?'),
    items: db.prepare(
      'SELECT i.step_id, i.kind, i.label FROM step_items i JOIN steps s ON s.id = i.step_id WHERE s.map_id = ? ORDER BY i.step_id, i.kind, i.position',
    ),
    flows: db.prepare('SELECT id, map_id, from_step_id, to_step_id, label, route, share, message FROM flows WHERE map_id = ?'),
    roleById: db.prepare('SELECT id, map_id, name, color, position FROM roles WHERE id = ?'),
    phaseById: db.prepare('SELECT id, map_id, name, position, kpis FROM phases WHERE id = ?'),
    stepById: db.prepare('SELECT * FROM steps WHERE id = ?'),
    itemsOfStep: db.prepare('SELECT kind, label FROM step_items WHERE step_id = ? ORDER BY kind, position'),
    flowById: db.prepare('SELECT id, map_id, from_step_id, to_step_id, label, route, share, message FROM flows WHERE id = ?'),
    commentById: db.prepare('SELECT * FROM comments WHERE id = ?'),
    painById: db.prepare('SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points WHERE id = ?'),
    revision: db.prepare('SELECT revision, updated_at AS updatedAt FROM maps WHERE id = ?'),
    flowsOfStep: db.prepare('SELECT id, map_id, from_step_id, to_step_id, label, route, share, message FROM flows WHERE map_id = ? AND (from_step_id = ? OR to_step_id = ?)'),
    painOfStep: db.prepare('SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points WHERE map_id = ? AND step_id = ?'),
    commentsOn: db.prepare('SELECT * FROM comments WHERE map_id = ? AND target_kind = ? AND target_id = ?'),
    repliesTo: db.prepare('SELECT * FROM comments WHERE map_id = ? AND parent_id = ?'),
    insertMap: db.prepare('INSERT INTO maps (id, title, description, direction, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    touch: db.prepare('UPDATE maps SET updated_at = ?, revision = revision + 1 WHERE id = ?'),
    setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
    setDescription: db.prepare('UPDATE maps SET description = ? WHERE id = ?'),
    setDirection: db.prepare('UPDATE maps SET direction = ? WHERE id = ?'),
    setStatus: db.prepare('UPDATE maps SET status = ? WHERE id = ?'),
    setDismissed: db.prepare('UPDATE maps SET dismissed = ? WHERE id = ?'),
    setRulesOff: db.prepare('UPDATE maps SET rules_off = ? WHERE id = ?'),
    setSwot: db.prepare('UPDATE maps SET swot = ? WHERE id = ?'),
    setReviewMonths: db.prepare('UPDATE maps SET review_months = ? WHERE id = ?'),
    setNextReview: db.prepare('UPDATE maps SET next_review = ? WHERE id = ?'),
    deleteMap: db.prepare('DELETE FROM maps WHERE id = ?'),
    upsertRole: db.prepare(`
      INSERT INTO roles (id, map_id, name, color, position) VALUES (@id, @mapId, @name, @color, @order)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color, position = excluded.position
      WHERE roles.map_id = excluded.map_id`),
    upsertPhase: db.prepare(`
      INSERT INTO phases (id, map_id, name, position, kpis) VALUES (@id, @mapId, @name, @order, @kpis)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, kpis = excluded.kpis
      WHERE phases.map_id = excluded.map_id`),
    upsertStep: db.prepare(`
      INSERT INTO steps (id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned, linked_map_id,
        wait_value, wait_unit, raci, parties, kpis, automation, automation_system, width, trigger, throwing)
      VALUES (@id, @mapId, @roleId, @phaseId, @kind, @title, @description, @x, @y, @durationValue, @durationUnit, @pinned, @linkedMapId,
        @waitValue, @waitUnit, @raci, @parties, @kpis, @automation, @system, @width, @trigger, @throwing)
      ON CONFLICT (id) DO UPDATE SET role_id = excluded.role_id, phase_id = excluded.phase_id, kind = excluded.kind,
        title = excluded.title, description = excluded.description, x = excluded.x, y = excluded.y,
        duration_value = excluded.duration_value, duration_unit = excluded.duration_unit, pinned = excluded.pinned,
        linked_map_id = excluded.linked_map_id, wait_value = excluded.wait_value, wait_unit = excluded.wait_unit,
        raci = excluded.raci, parties = excluded.parties, kpis = excluded.kpis, automation = excluded.automation,
        automation_system = excluded.automation_system, width = excluded.width, trigger = excluded.trigger, throwing = excluded.throwing
      WHERE steps.map_id = excluded.map_id`),
    clearItems: db.prepare('DELETE FROM step_items WHERE step_id = ?'),
    insertItem: db.prepare('INSERT INTO step_items (step_id, kind, position, label) VALUES (?, ?, ?, ?)'),
    upsertFlow: db.prepare(`
      INSERT INTO flows (id, map_id, from_step_id, to_step_id, label, route, share, message)
      VALUES (@id, @mapId, @fromStepId, @toStepId, @label, @route, @share, @message)
      ON CONFLICT (id) DO UPDATE SET from_step_id = excluded.from_step_id, to_step_id = excluded.to_step_id, label = excluded.label,
        route = excluded.route, share = excluded.share, message = excluded.message
      WHERE flows.map_id = excluded.map_id`),
    removeRole: db.prepare('DELETE FROM roles WHERE id = ? AND map_id = ?'),
    removePhase: db.prepare('DELETE FROM phases WHERE id = ? AND map_id = ?'),
    removeStep: db.prepare('DELETE FROM steps WHERE id = ? AND map_id = ?'),
    removeFlow: db.prepare('DELETE FROM flows WHERE id = ? AND map_id = ?'),
  };

  function one(info: { changes: number }, what: string, id: string) {
    if (info.changes !== 1) throw new ConflictError(`The ${what} ${id} belongs to another map.`);
  }

  const WHAT: Record<Table, string> = { roles: 'lane', phases: 'phase', steps: 'step', flows: 'flow', comments: 'comment', painPoints: 'pain point', notes: 'note' };

  /** The stored row `id` of `table` in map `mapId`, or undefined; a row of another map is refused. */
  function storedRow(table: Table, mapId: string, id: string): AnyRow | undefined {
    let row: AnyRow | undefined;
    let owner: string | undefined;
    switch (table) {
      case 'roles': {
        const r = q.roleById.get(id) as { id: string; map_id: string; name: string; color: string; position: number } | undefined;
        if (r) [owner, row] = [r.map_id, { id: r.id, name: r.name, color: r.color, order: r.position }];
        break;
      }
      case 'phases': {
        const p = q.phaseById.get(id) as PhaseRow | undefined;
        if (p) [owner, row] = [p.map_id, phaseOf(p)];
        break;
      }
      case 'steps': {
        const r = q.stepById.get(id) as StepRow | undefined;
        if (r) {
          const step = stepOf(r);
          // as `read` gives it: RACI letters of lanes no longer in the map are not kept
          if (step.raci) {
            for (const roleId of Object.keys(step.raci)) {
              if ((q.roleById.get(roleId) as { map_id: string } | undefined)?.map_id !== r.map_id) delete step.raci[roleId];
            }
            if (Object.keys(step.raci).length === 0) delete step.raci;
          }
          for (const it of q.itemsOfStep.all(id) as { kind: 'input' | 'output' | 'resource'; label: string }[]) step[listOf[it.kind]].push(it.label);
          [owner, row] = [r.map_id, step];
        }
        break;
      }
      case 'flows': {
        const r = q.flowById.get(id) as FlowRow | undefined;
        if (r) [owner, row] = [r.map_id, flowOf(r)];
        break;
      }
      case 'comments': {
        const r = q.commentById.get(id) as CommentRow | undefined;
        if (r) [owner, row] = [r.map_id, commentOf(r)];
        break;
      }
      case 'painPoints': {
        const r = q.painById.get(id) as PainRow | undefined;
        if (r) [owner, row] = [r.map_id, painOf(r)];
        break;
      }
      case 'notes': {
        const r = q.noteById.get(id) as NoteRow | undefined;
        if (r) [owner, row] = [r.map_id, noteOf(r)];
        break;
      }
    }
    if (row && owner !== mapId) throw new ConflictError(`The ${WHAT[table]} ${id} belongs to another map.`);
    return row;
  }

  /**
   * Rows that hang on a row this edit deletes (a step's flows, comments and pain points, a
   * flow's comments, a thread's replies) but that the edit does not delete itself: another
   * editor added or attached them meanwhile, and deleting them with it would lose their work
   * without a word. The library would delete them with it (its triggers and cascades); the
   * edit is refused instead, so the editor can be told.
   */
  function unknownDependents(mapId: string, changes: MapChanges): ConflictRow[] {
    const out: ConflictRow[] = [];
    const gone = (t: Table) => new Set(changes.remove[t]);
    const [steps, flows, comments, pains] = [gone('steps'), gone('flows'), gone('comments'), gone('painPoints')];
    // rows this edit rewrites to point elsewhere do not hang on the deleted row any more
    const repointed = (t: Table) => new Set(changes.upsert[t].map((r) => r.id));
    const [flowsRewritten, commentsRewritten, painsRewritten] = [repointed('flows'), repointed('comments'), repointed('painPoints')];
    const [notesGone, notesRewritten] = [gone('notes'), repointed('notes')];
    const flag = (table: Table, id: string, title: string) => {
      if (!out.some((c) => c.table === table && c.id === id)) out.push({ table, id, title, reason: 'exists' });
    };
    for (const stepId of steps) {
      for (const f of q.flowsOfStep.all(mapId, stepId, stepId) as FlowRow[]) {
        if (!flows.has(f.id) && !flowsRewritten.has(f.id)) flag('flows', f.id, f.label || stepId);
      }
      for (const p of q.painOfStep.all(mapId, stepId) as PainRow[]) if (!pains.has(p.id) && !painsRewritten.has(p.id)) flag('painPoints', p.id, p.kind);
      // an annotation another editor attached meanwhile would be left pointing at nothing
      for (const n of q.notesOfStep.all(mapId, stepId) as NoteRow[]) if (!notesGone.has(n.id) && !notesRewritten.has(n.id)) flag('notes', n.id, n.text || 'note');
      for (const c of q.commentsOn.all(mapId, 'step', stepId) as CommentRow[])
        if (!comments.has(c.id) && !commentsRewritten.has(c.id)) flag('comments', c.id, c.text);
    }
    for (const flowId of flows) {
      for (const c of q.commentsOn.all(mapId, 'flow', flowId) as CommentRow[])
        if (!comments.has(c.id) && !commentsRewritten.has(c.id)) flag('comments', c.id, c.text);
    }
    for (const threadId of comments) {
      for (const c of q.repliesTo.all(mapId, threadId) as CommentRow[]) if (!comments.has(c.id) && !commentsRewritten.has(c.id)) flag('comments', c.id, c.text);
    }
    return out;
  }

  /**
   * Whether writing field `k` would overwrite something else than the edit expected: the stored
   * value is neither the expected one nor already the one being written (a write that arrives
   * twice, e.g. as the page goes away while it is on its way, is not a conflict).
   */
  function isOverwritten(stored: object, k: string, expected: unknown, next: object | undefined): boolean {
    const value = fieldValue(stored, k);
    // a counter (votes) that already holds the new count was raised by someone else's vote
    return !sameValue(value, expected) && !(next && !ADDITIVE_FIELDS.has(k) && sameValue(value, fieldValue(next, k)));
  }

  /**
   * Whether every new value of `changes` is already stored: the write a closing page repeats
   * because it was still on its way (see `apply`'s `then`).
   */
  function alreadyStored(mapId: string, changes: MapChanges): boolean {
    if (changes.map) {
      const fields = mapFields(repo.read(mapId, { fieldsOnly: true })) as Record<string, unknown>;
      if (Object.entries(changes.map).some(([k, v]) => !sameValue(fieldValue(fields, k), v))) return false;
    }
    for (const t of TABLES) {
      const expected = new Map(changes.expect[t].map((e) => [e.id, e.before] as const));
      for (const row of changes.upsert[t] as AnyRow[]) {
        const now = storedRow(t, mapId, row.id);
        const keys = Object.keys(expected.get(row.id) ?? row);
        if (!now || keys.some((k) => !sameValue(fieldValue(now, k), fieldValue(row, k)))) return false;
      }
      if (changes.remove[t].some((id) => storedRow(t, mapId, id))) return false;
    }
    return true;
  }

  /**
   * Checks every expectation of `changes` against what is stored; returns the conflicts and the
   * stored rows it read (the write uses them).
   */
  function check(mapId: string, changes: MapChanges) {
    const conflicts: ConflictRow[] = [];
    const stored = new Map<string, AnyRow | undefined>();
    const key = (t: Table, id: string) => `${t}:${id}`;
    if (changes.map) {
      const fields = mapFields(repo.read(mapId, { fieldsOnly: true }));
      const expected = changes.expect.map ?? {};
      const changed = Object.keys(changes.map).filter((k) => isOverwritten(fields, k, (expected as Record<string, unknown>)[k], changes.map));
      if (changed.length > 0) conflicts.push({ table: 'map', id: mapId, title: fields.title, reason: 'changed' });
    }
    for (const t of TABLES) {
      const expected = new Map(changes.expect[t].map((e) => [e.id, e.before] as const));
      const ids = [...changes.upsert[t].map((r) => r.id), ...changes.remove[t]];
      const removed = new Set(changes.remove[t]);
      const writing = new Map<string, object>(changes.upsert[t].map((r) => [r.id, r] as const));
      for (const id of ids) {
        const row = storedRow(t, mapId, id);
        stored.set(key(t, id), row);
        const before = expected.get(id);
        const next = writing.get(id);
        if (before === null) {
          // the same row sent again (a retry whose first answer was lost) is not a conflict
          if (row && (!next || changedFields(row, next).length > 0)) conflicts.push({ table: t, id, title: rowTitle(row, t), reason: 'exists' });
        } else if (!row) {
          // both editors deleted it: nothing is lost
          if (!removed.has(id)) conflicts.push({ table: t, id, title: rowTitle(before ?? {}, t), reason: 'deleted' });
        } else if (before && Object.keys(before).some((k) => isOverwritten(row, k, (before as Record<string, unknown>)[k], next))) {
          conflicts.push({ table: t, id, title: rowTitle(row, t), reason: 'changed' });
        }
      }
    }
    conflicts.push(...unknownDependents(mapId, changes));
    return { conflicts, storedRow: (t: Table, id: string) => stored.get(key(t, id)) };
  }

  function writeStep(mapId: string, s: Step, items: boolean) {
    one(
      q.upsertStep.run({
        id: s.id,
        mapId,
        roleId: s.roleId,
        phaseId: s.phaseId,
        kind: s.kind,
        title: s.title,
        description: s.description,
        x: s.x,
        y: s.y,
        durationValue: s.duration?.value ?? null,
        durationUnit: s.duration?.unit ?? null,
        pinned: s.pinned ? 1 : 0,
        // a link to a map that is not in this library (e.g. from an imported file) is dropped
        linkedMapId: s.linkedMapId && q.mapExists.get(s.linkedMapId) ? s.linkedMapId : null,
        waitValue: s.wait?.value ?? null,
        waitUnit: s.wait?.unit ?? null,
        raci: s.raci && Object.keys(s.raci).length > 0 ? JSON.stringify(s.raci) : null,
        parties: s.parties && s.parties.length > 0 ? JSON.stringify(s.parties) : null,
        kpis: s.kpis && s.kpis.length > 0 ? JSON.stringify(s.kpis) : null,
        automation: s.automation ?? null,
        system: s.system ?? null,
        width: s.width ?? null,
        trigger: s.trigger && EVENT_KINDS.includes(s.kind) ? s.trigger : null,
        throwing: s.throwing && s.kind === 'event' ? 1 : 0,
      }),
      'step',
      s.id,
    );
    if (!items) return;
    q.clearItems.run(s.id);
    for (const kind of ['inputs', 'outputs', 'resources'] as const) {
      s[kind].forEach((label, i) => q.insertItem.run(s.id, ITEM_KIND_ROW[kind], i, label));
    }
  }

  function writeFlow(mapId: string, f: Flow) {
    const row = {
      id: f.id,
      mapId,
      fromStepId: f.fromStepId,
      toStepId: f.toStepId,
      label: f.label,
      route: f.route ? JSON.stringify(f.route) : null,
      share: f.share ?? null,
      message: f.message ? 1 : 0,
    };
    one(q.upsertFlow.run(row), 'flow', f.id);
  }

  /**
   * Writes rows: `merge(table, row)` gives what to store for each upserted row (the row itself
   * for a new map; the stored row with the changed fields for an edit), and whether a step's
   * item lists are part of it.
   */
  function writeRows(mapId: string, changes: MapChanges, merge: <R extends AnyRow>(t: Table, row: R) => { row: R; items: boolean }) {
    const m = changes.map;
    if (m?.title !== undefined) q.setTitle.run(m.title, mapId);
    if (m?.description !== undefined) q.setDescription.run(m.description, mapId);
    if (m?.direction !== undefined) q.setDirection.run(m.direction, mapId);
    if (m?.dismissed !== undefined) q.setDismissed.run(m.dismissed.length > 0 ? JSON.stringify(m.dismissed) : null, mapId);
    if (m?.rulesOff !== undefined) q.setRulesOff.run(m.rulesOff.length > 0 ? JSON.stringify(m.rulesOff) : null, mapId);
    if (m?.swot !== undefined) q.setSwot.run(m.swot.length > 0 ? JSON.stringify(m.swot) : null, mapId);
    if (m?.reviewEveryMonths !== undefined) q.setReviewMonths.run(m.reviewEveryMonths, mapId);
    if (m?.nextReview !== undefined) q.setNextReview.run(m.nextReview, mapId);
    if (m && (m.purpose !== undefined || m.owner !== undefined || m.status !== undefined || m.approval !== undefined)) {
      const row = q.map.get(mapId) as MapRow;
      const approval = m.approval === undefined ? (row.approved_by !== null ? { by: row.approved_by, at: row.approved_at } : null) : m.approval;
      q.setFields.run({
        id: mapId,
        purpose: m.purpose === undefined ? row.purpose : m.purpose,
        owner: m.owner ?? row.owner,
        status: m.status ?? row.status,
        approvedBy: approval?.by ?? null,
        approvedAt: approval?.at ?? null,
      });
    }
    for (const r of changes.upsert.roles) one(q.upsertRole.run({ ...merge('roles', r).row, mapId }), 'role', r.id);
    for (const p of changes.upsert.phases) {
      const { row } = merge('phases', p);
      one(q.upsertPhase.run({ id: row.id, name: row.name, order: row.order, kpis: row.kpis && row.kpis.length > 0 ? JSON.stringify(row.kpis) : null, mapId }), 'phase', p.id);
    }
    for (const s of changes.upsert.steps) {
      const { row, items } = merge('steps', s);
      writeStep(mapId, row, items);
    }
    for (const id of changes.remove.flows) q.removeFlow.run(id, mapId);
    for (const f of changes.upsert.flows) writeFlow(mapId, merge('flows', f).row);
    for (const id of changes.remove.painPoints) q.removePain.run(id, mapId);
    for (const id of changes.remove.comments) q.removeComment.run(id, mapId);
    for (const id of changes.remove.steps) q.removeStep.run(id, mapId);
    for (const id of changes.remove.phases) q.removePhase.run(id, mapId);
    for (const id of changes.remove.roles) q.removeRole.run(id, mapId);
    // threads before their replies (a reply must find its thread)
    const comments = [...changes.upsert.comments].sort((x, y) => Number(x.parentId !== null) - Number(y.parentId !== null));
    for (const c of comments) one(q.upsertComment.run({ ...merge('comments', c).row, mapId }), 'comment', c.id);
    for (const p of changes.upsert.painPoints) one(q.upsertPain.run({ ...merge('painPoints', p).row, mapId }), 'pain point', p.id);
    for (const id of changes.remove.notes) q.removeNote.run(id, mapId);
    for (const n of changes.upsert.notes) {
      const { row } = merge('notes', n);
      one(q.upsertNote.run({ id: row.id, mapId, text: row.text, x: row.x, y: row.y, width: row.width ?? null, stepId: row.stepId ?? null }), 'note', n.id);
    }
  }

  /** Checks one change set against what is stored and writes it (or throws ConflictError). */
  /** Applies one change set; returns the rows it was to delete that someone else had deleted already. */
  function applyOne(mapId: string, changes: MapChanges): { table: Table; id: string }[] {
    const { conflicts, storedRow: stored } = check(mapId, changes);
    if (conflicts.length > 0) {
      const names = conflicts
        .slice(0, 3)
        .map((c) => `«${c.title}»`)
        .join(', ');
      throw new ConflictError(`Someone else changed this map meanwhile (${names}${conflicts.length > 3 ? ', …' : ''}); your change was not stored.`, conflicts);
    }
    resetApprovalOnContentChange(mapId, changes);
    const expected = new Map(TABLES.flatMap((t) => changes.expect[t].map((e) => [`${t}:${e.id}`, e.before] as const)));
    writeRows(mapId, changes, (t, row) => {
      const was = stored(t, row.id);
      const fields = Object.keys(expected.get(`${t}:${row.id}`) ?? {});
      // a new row is written whole; an edited one keeps what others changed in its other fields
      if (!was) return { row, items: true };
      return { row: withFields(was, row, fields) as typeof row, items: fields.some((f) => f === 'inputs' || f === 'outputs' || f === 'resources') };
    });
    return TABLES.flatMap((t) => changes.remove[t].filter((id) => !stored(t, id)).map((id) => ({ table: t, id })));
  }

  /**
   * An approved map whose content (lanes, phases, steps, flows, title, description, direction)
   * changes becomes a draft again, as the editor's commands do: here also for an editor that
   * did not know of the approval yet. The approved version keeps what was approved.
   */
  function resetApprovalOnContentChange(mapId: string, changes: MapChanges) {
    if (changes.map?.status !== undefined) return;
    const content =
      (['roles', 'phases', 'steps', 'flows', 'notes'] as const).some((t) => changes.upsert[t].length > 0 || changes.remove[t].length > 0) ||
      (changes.map && (changes.map.title !== undefined || changes.map.description !== undefined || changes.map.direction !== undefined));
    if (!content) return;
    const row = q.map.get(mapId) as MapRow;
    if (row.status === 'approved') q.setStatus.run('draft', mapId);
  }

  const applyTx = db.transaction((mapId: string, changes: MapChanges, then: MapChanges[] | undefined, now: string) => {
    const before = q.revision.get(mapId) as { revision: number } | undefined;
    if (!before) throw new NotFoundError('This map no longer exists.');
    const alreadyGone: { table: Table; id: string }[] = [];
    if (then === undefined) alreadyGone.push(...applyOne(mapId, changes));
    else if (!alreadyStored(mapId, changes)) {
      // `changes` is a write still on its way: skipped when it has arrived, and when what is
      // stored has moved past it (later writes of the same page); `then` decides
      try {
        applyOne(mapId, changes);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    for (const next of then ?? []) alreadyGone.push(...applyOne(mapId, next));
    q.touch.run(now, mapId);
    return { previousRevision: before.revision, revision: before.revision + 1, ...(alreadyGone.length ? { alreadyGone } : {}) };
  });

  const insertTx = db.transaction((doc: MapDoc) => {
    q.insertMap.run(doc.id, doc.title, doc.description, doc.direction ?? 'right', doc.createdAt, doc.updatedAt);
    const none = { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [], notes: [] };
    const changes: MapChanges = {
      map: {
        purpose: doc.purpose ?? null,
        owner: doc.owner ?? '',
        status: doc.status ?? 'draft',
        approval: doc.approval ?? null,
        dismissed: doc.dismissed ?? [],
        rulesOff: doc.rulesOff ?? [],
        swot: doc.swot ?? [],
        reviewEveryMonths: doc.reviewEveryMonths ?? null,
        nextReview: doc.nextReview ?? null,
      },
      upsert: {
        roles: Object.values(doc.roles),
        phases: Object.values(doc.phases),
        steps: Object.values(doc.steps),
        flows: Object.values(doc.flows),
        comments: Object.values(doc.comments ?? {}),
        painPoints: Object.values(doc.painPoints ?? {}),
        notes: Object.values(doc.notes ?? {}),
      },
      remove: none,
      expect: none,
    };
    writeRows(doc.id, changes, (_t, row) => ({ row, items: true }));
  });

  type SummaryRow = Omit<MapSummary, 'partOf'>;

  const repo = {
    list(): MapSummary[] {
      const parents = new Map<string, { id: string; title: string }[]>();
      for (const l of q.links.all() as { child: string; id: string; title: string }[]) {
        const list = parents.get(l.child) ?? [];
        list.push({ id: l.id, title: l.title });
        parents.set(l.child, list);
      }
      return (q.list.all() as SummaryRow[]).map((r) => ({ ...r, partOf: parents.get(r.id) ?? [] }));
    },
    summary(id: string): MapSummary {
      const row = q.summary.get(id) as SummaryRow | undefined;
      if (!row) throw new NotFoundError('This map no longer exists.');
      return { ...row, partOf: q.linksTo.all(id, id) as { id: string; title: string }[] };
    },
    /**
     * The chain of maps above `id` through sub-process steps, outermost first (the first
     * parent at each level; stops at a cycle).
     */
    parents(id: string): { id: string; title: string }[] {
      if (!q.mapExists.get(id)) throw new NotFoundError('This map no longer exists.');
      const chain: { id: string; title: string }[] = [];
      const seen = new Set([id]);
      let at = id;
      for (;;) {
        const up = (q.linksTo.all(at, at) as { id: string; title: string }[]).find((p) => !seen.has(p.id));
        if (!up) break;
        chain.unshift(up);
        seen.add(up.id);
        at = up.id;
      }
      return chain;
    },
    /** The stored map (`fieldsOnly`: the map's own fields, no rows). */
    read(id: string, opts: { fieldsOnly?: boolean } = {}): MapDoc {
      const m = q.map.get(id) as MapRow | undefined;
      if (!m) throw new NotFoundError('This map no longer exists.');
      const doc: MapDoc = {
        id: m.id,
        title: m.title,
        description: m.description,
        ...(m.direction === 'down' ? { direction: 'down' as const } : {}),
        ...(m.purpose ? { purpose: m.purpose } : {}),
        ...(m.owner ? { owner: m.owner } : {}),
        ...(m.status !== 'draft' ? { status: m.status } : {}),
        ...(m.approved_by !== null && m.approved_at !== null ? { approval: { by: m.approved_by, at: m.approved_at } } : {}),
        ...nonEmpty(jsonField('dismissed', m.dismissed, DismissalsSchema)),
        ...nonEmpty(jsonField('rulesOff', m.rules_off, RulesOffSchema)),
        ...nonEmpty(jsonField('swot', m.swot, SwotSchema)),
        ...(m.review_months !== null && m.review_months >= 0 ? { reviewEveryMonths: m.review_months } : {}),
        ...(m.next_review && DateSchema.safeParse(m.next_review).success ? { nextReview: m.next_review } : {}),
        createdAt: m.created_at,
        updatedAt: m.updated_at,
        roles: {},
        phases: {},
        steps: {},
        flows: {},
        comments: {},
        painPoints: {},
      };
      // SWOT notes keep only links to steps still in the map (another editor may have deleted one)
      if (doc.swot?.some((n) => n.stepIds.length > 0)) {
        const here = (stepId: string) => q.stepInMap.get(id, stepId) !== undefined;
        doc.swot = doc.swot.map((n) => (n.stepIds.every(here) ? n : { ...n, stepIds: n.stepIds.filter(here) }));
      }
      if (opts.fieldsOnly) return doc;
      for (const r of q.roles.all(id) as { id: string; name: string; color: string; position: number }[]) {
        doc.roles[r.id] = { id: r.id, name: r.name, color: r.color, order: r.position };
      }
      for (const p of q.phases.all(id) as PhaseRow[]) doc.phases[p.id] = phaseOf(p);
      for (const s of q.steps.all(id) as StepRow[]) doc.steps[s.id] = stepOf(s);
      for (const it of q.items.all(id) as { step_id: string; kind: 'input' | 'output' | 'resource'; label: string }[]) {
        const step = Object.hasOwn(doc.steps, it.step_id) ? doc.steps[it.step_id] : undefined;
        step?.[listOf[it.kind]].push(it.label);
      }
      // RACI letters of a lane another editor deleted meanwhile are not kept
      for (const s of Object.values(doc.steps)) {
        if (!s.raci) continue;
        for (const roleId of Object.keys(s.raci)) if (!Object.hasOwn(doc.roles, roleId)) delete s.raci[roleId];
        if (Object.keys(s.raci).length === 0) delete s.raci;
      }
      for (const f of q.flows.all(id) as FlowRow[]) doc.flows[f.id] = flowOf(f);
      for (const c of q.comments.all(id) as CommentRow[]) doc.comments[c.id] = commentOf(c);
      for (const p of q.painPoints.all(id) as PainRow[]) doc.painPoints[p.id] = painOf(p);
      for (const r of q.notes.all(id) as NoteRow[]) {
        const n = noteOf(r);
        // an annotation of a step that is gone (a write from before notes knew it) stands free
        if (n.stepId && !Object.hasOwn(doc.steps, n.stepId)) delete n.stepId;
        (doc.notes ??= {})[n.id] = n;
      }
      return doc;
    },
    /** How many writes the map has had, to tell whether another editor wrote since. */
    state(id: string): { revision: number; updatedAt: string } {
      const row = q.revision.get(id) as { revision: number; updatedAt: string } | undefined;
      if (!row) throw new NotFoundError('This map no longer exists.');
      return row;
    },
    versions(mapId: string): VersionSummary[] {
      if (!q.mapExists.get(mapId)) throw new NotFoundError('This map no longer exists.');
      return q.versions.all(mapId) as VersionSummary[];
    },
    /** A saved version with the map as it was; the JSON is the one this repository wrote. */
    version(mapId: string, versionId: string): { version: VersionSummary; doc: MapDoc } {
      const row = q.version.get(versionId, mapId) as (VersionSummary & { doc: string }) | undefined;
      if (!row) throw new NotFoundError('This version no longer exists.');
      const { doc, ...version } = row;
      return { version, doc: JSON.parse(doc) as MapDoc };
    },
    /** Deletes a manual version; an approved one stays (ConflictError), as the record of the approval. */
    deleteVersion(mapId: string, versionId: string): void {
      const row = q.versionKind.get(versionId, mapId) as { kind: string } | undefined;
      if (!row) throw new NotFoundError('This version no longer exists.');
      if (row.kind !== 'manual' || q.deleteVersion.run(versionId, mapId).changes !== 1) {
        throw new ConflictError('An approved version is kept: it is the record of the approval.');
      }
    },
    /** Keeps the map as it is stored now under a name. */
    saveVersion(mapId: string, v: { id: string; name: string; note: string; author: string; kind: VersionSummary['kind']; createdAt: string }): VersionSummary {
      return db
        .transaction(() => {
          const doc = repo.read(mapId);
          q.insertVersion.run({ ...v, mapId, stepCount: Object.keys(doc.steps).length, doc: JSON.stringify(doc) });
          return { ...v, mapId, stepCount: Object.keys(doc.steps).length };
        })
        .immediate();
    },
    /** Stores versions brought in with an imported map (their documents already checked). */
    insertVersions(mapId: string, list: { version: Omit<VersionSummary, 'mapId' | 'stepCount'>; doc: MapDoc }[]): void {
      db.transaction(() => {
        for (const { version, doc } of list) {
          q.insertVersion.run({ ...version, mapId, stepCount: Object.keys(doc.steps).length, doc: JSON.stringify(doc) });
        }
      }).immediate();
    },
    /** Inserts a whole new map (ids must be new). */
    insert(doc: MapDoc): void {
      insertTx.immediate(doc);
    },
    /**
     * Applies an edit if every expectation holds (else ConflictError), and then each of `then`
     * in order, all in one transaction. With `then` (even empty), the edit is one that may already be stored
     * (a write still on its way when a page went away), and is skipped when it is. Returns the
     * map's revision before and after.
     */
    apply(
      mapId: string,
      changes: MapChanges,
      now: string,
      then?: MapChanges[],
    ): { previousRevision: number; revision: number; alreadyGone?: { table: Table; id: string }[] } {
      return applyTx.immediate(mapId, changes, then, now);
    },
    rename(id: string, title: string, now: string): void {
      db.transaction(() => {
        if (q.setTitle.run(title, id).changes !== 1) throw new NotFoundError('This map no longer exists.');
        q.touch.run(now, id);
      }).immediate();
    },
    remove(id: string): void {
      if (q.deleteMap.run(id).changes !== 1) throw new NotFoundError('This map no longer exists.');
    },
  };
  return repo;
}

export type MapRepository = ReturnType<typeof createMapRepository>;
