/**
 * The map library on PostgreSQL (issue 16's team library): the same MapStore as the local
 * SQLite library (../store.ts), with the same conditional writes (ported from
 * ../mapRepository.ts): every row an edit writes says what it expects stored, field by field;
 * a stale edit is refused with ConflictError naming the rows, another field of the same row
 * changed meanwhile is kept (merged), a row both editors deleted is reported in `alreadyGone`,
 * and a write repeated because its answer was lost is not a conflict.
 *
 * Every write is one transaction that first locks the map's row (`FOR NO KEY UPDATE`), so two
 * servers writing the same map take turns and each sees the other's committed rows; the
 * map's revision goes up by one per write. Reads of a whole map run at REPEATABLE READ, so
 * a map is never read half-written.
 *
 * Differences from SQLite, on purpose: JSON fields are jsonb, whose objects do not keep key
 * order, so stored values are compared with keys sorted; PostgreSQL cannot store the NUL
 * character in text, so such text is refused with UnstorableTextError.
 */
import pg from 'pg';
import { mapFields } from '../../../shared/model/diff';
import { type Table } from '../../../shared/model/rows';
import type { MapChanges } from '../../../shared/model/schema';
import type { Flow, MapComment, MapDoc, MapSummary, Note, PainPoint, Phase, Role, Step, VersionSummary } from '../../../shared/model/types';
import { EVENT_KINDS } from '../../../shared/model/types';
import { alreadyGone, alreadyStored, checked, ConflictError, GONE, NotFoundError, ofAnotherMap, resetsApproval, sameStored, UnstorableTextError, WHAT, type StoredState } from '../conflicts';
import {
  changesOfNewMap,
  fillDoc,
  ITEM_KIND_ROW,
  keepSwotLinks,
  LIST_OF,
  rowModel,
  type AnyRow,
  type CommentRow,
  type FlowRow,
  type MapRow,
  type NoteRow,
  type PainRow,
  type PhaseRow,
  type RoleRow,
  type StepRow,
} from '../rowModel';
import type { ApplyResult, MapStore, NewVersion } from '../store';
import { loadMigrations, migrate, SchemaError, type PgMigration } from './migrate';

export { sameStored } from '../conflicts';

export { UnstorableTextError } from '../conflicts';

type Q = pg.PoolClient;

/** jsonb columns arrive parsed. */
const { stepOf, flowOf, phaseOf, roleOf, noteOf, commentOf, painOf, docFields } = rowModel((v) => v);

/** A list or object for a jsonb parameter (NULL for an empty one, as SQLite keeps it). */
const jsonOrNull = (v: unknown[] | Record<string, unknown> | undefined | null) =>
  v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0) ? null : v;

/** The last of each id (a change naming a row twice writes its last version, as one statement per row would). */
function lastOfEach<R extends { id: string }>(rows: R[]): R[] {
  return [...new Map(rows.map((r) => [r.id, r] as const)).values()];
}

/** Runs queries one after another (a connection runs one query at a time; pg 9 refuses queued ones). */
async function inOrder<T extends readonly (() => Promise<unknown>)[] | []>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const q of queries) out.push(await q());
  return out as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

const SUMMARY = `
  SELECT m.id, m.title, m.status, m.owner, m.next_review AS "nextReview", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
         (SELECT COUNT(*) FROM steps s WHERE s.map_id = m.id)::int AS "stepCount"
  FROM maps m`;
const LINKS_TO = `
  SELECT id, title FROM (
    SELECT DISTINCT p.id, p.title FROM steps s JOIN maps p ON p.id = s.map_id WHERE s.linked_map_id = $1 AND s.map_id <> $1
  ) up ORDER BY title COLLATE "C", id`;
const VERSION_COLUMNS = `id, map_id AS "mapId", name, note, author, kind, created_at AS "createdAt", step_count AS "stepCount"`;

/** What PostgreSQL says when a transaction lost a race it can simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export interface PgStore extends MapStore {
  readonly pool: pg.Pool;
  /** Closes the pool (only when the store opened it). */
  close(): Promise<void>;
}

/** One write to the library, as `PgStoreOptions.onWrite` hears of it. */
export interface PgWrite {
  mapId: string;
  kind: 'insert' | 'apply' | 'rename' | 'remove' | 'version';
  /** The map's revision after the write (absent for a removed map and for versions). */
  revision?: number;
}

export interface PgStoreOptions {
  /** Apply the schema's migrations first (default true). */
  migrate?: boolean;
  migrations?: PgMigration[];
  /**
   * Runs inside every write's transaction, after the write and before its commit: what it
   * writes (who made the change, a NOTIFY to the other servers) is committed with the write or
   * not at all. A failure refuses the write.
   */
  onWrite?: (c: pg.PoolClient, write: PgWrite) => Promise<void>;
}

/**
 * Opens the team library at `config` (a connection string, a pool configuration, or a pool
 * the caller keeps), bringing its schema up to date first.
 */
export async function openPgStore(config: string | pg.PoolConfig | pg.Pool, opts: PgStoreOptions = {}): Promise<PgStore> {
  const owned = !(config instanceof pg.Pool);
  const pool = config instanceof pg.Pool ? config : new pg.Pool(typeof config === 'string' ? { connectionString: config } : config);
  // an idle connection the server dropped must not take the process down
  if (owned) pool.on('error', () => undefined);
  try {
    // text in any script: a database in another encoding would refuse or garble it
    const encoding = (await pool.query<{ server_encoding: string }>('SHOW server_encoding')).rows[0]?.server_encoding;
    if (encoding !== 'UTF8') {
      throw new SchemaError(`The team library's database must use the UTF8 encoding (it uses ${encoding}): create it with ENCODING 'UTF8'.`, 'migration');
    }
    if (opts.migrate !== false) await migrate(pool, opts.migrations ?? loadMigrations());
  } catch (e) {
    if (owned) await pool.end();
    throw e;
  }
  return createPgStore(pool, owned, opts.onWrite);
}

function createPgStore(pool: pg.Pool, owned: boolean, onWrite: PgStoreOptions['onWrite'] = async () => undefined): PgStore {
  /** Runs `fn` in one transaction; again when PostgreSQL reports a lost race (deadlock, serialisation). */
  async function tx<T>(fn: (c: Q) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await pool.connect();
      let broken = false;
      try {
        await c.query(begin);
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {
          broken = true;
        });
        const code = (e as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < 8) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
          continue;
        }
        throw translate(e);
      } finally {
        c.release(broken);
      }
    }
  }

  /** PostgreSQL's refusal of text it cannot keep, as a message a person understands. */
  function translate(e: unknown): unknown {
    const code = (e as { code?: string }).code;
    if (code === '22021' || code === '22P05') {
      return new UnstorableTextError('The text contains a character the team library cannot store (the NUL character); nothing was changed.');
    }
    return e;
  }

  async function mapRow(c: Q, id: string, lock = false): Promise<MapRow | undefined> {
    return (await c.query<MapRow>(`SELECT * FROM maps WHERE id = $1${lock ? ' FOR NO KEY UPDATE' : ''}`, [id])).rows[0];
  }

  /** The map's own fields as `read(id, { fieldsOnly })` gives them (SWOT links only to steps still there). */
  async function fieldsDoc(c: Q, m: MapRow): Promise<MapDoc> {
    const doc = docFields(m);
    const linked = [...new Set(doc.swot?.flatMap((n) => n.stepIds) ?? [])];
    if (linked.length > 0) {
      const here = new Set((await c.query<{ id: string }>('SELECT id FROM steps WHERE map_id = $1 AND id = ANY($2)', [m.id, linked])).rows.map((r) => r.id));
      keepSwotLinks(doc, (stepId) => here.has(stepId));
    }
    return doc;
  }

  async function readIn(c: Q, id: string, fieldsOnly: boolean): Promise<MapDoc> {
    const m = await mapRow(c, id);
    if (!m) throw new NotFoundError(GONE);
    const doc = await fieldsDoc(c, m);
    if (fieldsOnly) return doc;
    const [roles, phases, steps, items, flows, comments, pains, notes] = await inOrder([
      () => c.query<RoleRow>('SELECT id, map_id, name, color, position FROM roles WHERE map_id = $1', [id]),
      () => c.query<PhaseRow>('SELECT id, map_id, name, position, kpis FROM phases WHERE map_id = $1', [id]),
      () => c.query<StepRow>('SELECT * FROM steps WHERE map_id = $1', [id]),
      () => c.query<{ step_id: string; kind: 'input' | 'output' | 'resource'; label: string }>(
        'SELECT i.step_id, i.kind, i.label FROM step_items i JOIN steps s ON s.id = i.step_id WHERE s.map_id = $1 ORDER BY i.step_id, i.kind, i.position',
        [id],
      ),
      () => c.query<FlowRow>('SELECT id, map_id, from_step_id, to_step_id, label, route, share, message FROM flows WHERE map_id = $1', [id]),
      () => c.query<CommentRow>('SELECT * FROM comments WHERE map_id = $1 ORDER BY created_at COLLATE "C", id COLLATE "C"', [id]),
      () => c.query<PainRow>('SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points WHERE map_id = $1', [id]),
      () => c.query<NoteRow>('SELECT id, map_id, text, x, y, width, step_id FROM notes WHERE map_id = $1', [id]),
    ]);
    return fillDoc(doc, {
      roles: roles.rows.map(roleOf),
      phases: phases.rows.map(phaseOf),
      steps: steps.rows.map(stepOf),
      items: items.rows,
      flows: flows.rows.map(flowOf),
      comments: comments.rows.map(commentOf),
      painPoints: pains.rows.map(painOf),
      notes: notes.rows.map(noteOf),
    });
  }

  // -------------------------------------------------------------------------------------------
  // conditional writes

  /** What is stored of the rows an edit names, and of the rows hanging on those it deletes, read at once. */
  type Snapshot = StoredState & { status: MapRow['status'] };

  const key = (t: Table, id: string) => `${t}:${id}`;

  async function snapshot(c: Q, mapId: string, changes: MapChanges): Promise<Snapshot> {
    const m = await mapRow(c, mapId);
    if (!m) throw new NotFoundError(GONE);
    const fields = mapFields(await fieldsDoc(c, m));
    const ids = (t: Table) => [...new Set([...changes.upsert[t].map((r) => r.id), ...changes.remove[t]])];
    const removed = (t: Table) => [...new Set(changes.remove[t])];
    const [roles, phases, steps, items, flows, comments, pains, notes, flowsOfSteps, painOfSteps, notesOfSteps, commentsOnSteps, commentsOnFlows, replies] =
      await inOrder([
        () => c.query<RoleRow>('SELECT id, map_id, name, color, position FROM roles WHERE id = ANY($1)', [ids('roles')]),
        () => c.query<PhaseRow>('SELECT id, map_id, name, position, kpis FROM phases WHERE id = ANY($1)', [ids('phases')]),
        () => c.query<StepRow>('SELECT * FROM steps WHERE id = ANY($1)', [ids('steps')]),
        () => c.query<{ step_id: string; kind: 'input' | 'output' | 'resource'; label: string }>(
          'SELECT step_id, kind, label FROM step_items WHERE step_id = ANY($1) ORDER BY step_id, kind, position',
          [ids('steps')],
        ),
        () => c.query<FlowRow>('SELECT id, map_id, from_step_id, to_step_id, label, route, share, message FROM flows WHERE id = ANY($1)', [ids('flows')]),
        () => c.query<CommentRow>('SELECT * FROM comments WHERE id = ANY($1)', [ids('comments')]),
        () => c.query<PainRow>('SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points WHERE id = ANY($1)', [ids('painPoints')]),
        () => c.query<NoteRow>('SELECT id, map_id, text, x, y, width, step_id FROM notes WHERE id = ANY($1)', [ids('notes')]),
        () => c.query<FlowRow>(
          'SELECT id, map_id, from_step_id, to_step_id, label, route, share, message FROM flows WHERE map_id = $1 AND (from_step_id = ANY($2) OR to_step_id = ANY($2))',
          [mapId, removed('steps')],
        ),
        () => c.query<PainRow>('SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points WHERE map_id = $1 AND step_id = ANY($2)', [mapId, removed('steps')]),
        () => c.query<NoteRow>('SELECT id, map_id, text, x, y, width, step_id FROM notes WHERE map_id = $1 AND step_id = ANY($2)', [mapId, removed('steps')]),
        () => c.query<CommentRow>("SELECT * FROM comments WHERE map_id = $1 AND target_kind = 'step' AND target_id = ANY($2)", [mapId, removed('steps')]),
        () => c.query<CommentRow>("SELECT * FROM comments WHERE map_id = $1 AND target_kind = 'flow' AND target_id = ANY($2)", [mapId, removed('flows')]),
        () => c.query<CommentRow>('SELECT * FROM comments WHERE map_id = $1 AND parent_id = ANY($2)', [mapId, removed('comments')]),
      ]);
    const rows = new Map<string, { owner: string; row: AnyRow }>();
    for (const r of roles.rows) rows.set(key('roles', r.id), { owner: r.map_id, row: roleOf(r) });
    for (const p of phases.rows) rows.set(key('phases', p.id), { owner: p.map_id, row: phaseOf(p) });
    const stepRows = steps.rows.map((r) => ({ r, step: stepOf(r) }));
    // as `read` gives a step: RACI letters of lanes no longer in its map are not kept
    const raciRoles = [...new Set(stepRows.flatMap(({ step }) => Object.keys(step.raci ?? {})))];
    const roleMaps =
      raciRoles.length > 0
        ? new Map((await c.query<{ id: string; map_id: string }>('SELECT id, map_id FROM roles WHERE id = ANY($1)', [raciRoles])).rows.map((r) => [r.id, r.map_id]))
        : new Map<string, string>();
    for (const { r, step } of stepRows) {
      if (step.raci) {
        for (const roleId of Object.keys(step.raci)) if (roleMaps.get(roleId) !== r.map_id) delete step.raci[roleId];
        if (Object.keys(step.raci).length === 0) delete step.raci;
      }
      rows.set(key('steps', r.id), { owner: r.map_id, row: step });
    }
    for (const it of items.rows) {
      const s = rows.get(key('steps', it.step_id))?.row as Step | undefined;
      s?.[LIST_OF[it.kind]].push(it.label);
    }
    for (const f of flows.rows) rows.set(key('flows', f.id), { owner: f.map_id, row: flowOf(f) });
    for (const cm of comments.rows) rows.set(key('comments', cm.id), { owner: cm.map_id, row: commentOf(cm) });
    for (const p of pains.rows) rows.set(key('painPoints', p.id), { owner: p.map_id, row: painOf(p) });
    for (const n of notes.rows) rows.set(key('notes', n.id), { owner: n.map_id, row: noteOf(n) });
    return {
      status: m.status,
      fields: () => fields,
      row(t, id) {
        const found = rows.get(key(t, id));
        if (found && found.owner !== mapId) throw ofAnotherMap(t, id);
        return found?.row;
      },
      flowsOfStep: (stepId) => flowsOfSteps.rows.filter((f) => f.from_step_id === stepId || f.to_step_id === stepId),
      painsOfStep: (stepId) => painOfSteps.rows.filter((p) => p.step_id === stepId),
      notesOfStep: (stepId) => notesOfSteps.rows.filter((n) => n.step_id === stepId),
      commentsOn: (kind, targetId) => (kind === 'step' ? commentsOnSteps : commentsOnFlows).rows.filter((cm) => cm.target_id === targetId),
      repliesTo: (threadId) => replies.rows.filter((cm) => cm.parent_id === threadId),
    };
  }

  /** Refuses a batch write that touched fewer rows than it wrote: some id belongs to another map. */
  async function allWritten(c: Q, table: string, t: Table, mapId: string, ids: string[], count: number | null) {
    if (count === ids.length) return;
    const other = (await c.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1) AND map_id <> $2 LIMIT 1`, [ids, mapId])).rows[0];
    throw new ConflictError(`The ${WHAT[t]} ${other?.id ?? ids[0]} belongs to another map.`);
  }

  async function writeRoles(c: Q, mapId: string, roles: Role[]) {
    if (roles.length === 0) return;
    const r = await c.query(
      `INSERT INTO roles (id, map_id, name, color, position)
       SELECT r.id, $2, r.name, r.color, r.position FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, color text, position integer)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color, position = excluded.position WHERE roles.map_id = excluded.map_id`,
      [JSON.stringify(roles.map((x) => ({ id: x.id, name: x.name, color: x.color, position: x.order }))), mapId],
    );
    await allWritten(c, 'roles', 'roles', mapId, roles.map((x) => x.id), r.rowCount);
  }

  async function writePhases(c: Q, mapId: string, phases: Phase[]) {
    if (phases.length === 0) return;
    const r = await c.query(
      `INSERT INTO phases (id, map_id, name, position, kpis)
       SELECT r.id, $2, r.name, r.position, r.kpis FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, position integer, kpis jsonb)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, kpis = excluded.kpis WHERE phases.map_id = excluded.map_id`,
      [JSON.stringify(phases.map((p) => ({ id: p.id, name: p.name, position: p.order, kpis: jsonOrNull(p.kpis) }))), mapId],
    );
    await allWritten(c, 'phases', 'phases', mapId, phases.map((p) => p.id), r.rowCount);
  }

  async function writeSteps(c: Q, mapId: string, steps: { row: Step; items: boolean }[]) {
    if (steps.length === 0) return;
    // a link to a map that is not in this library (e.g. from an imported file) is dropped
    const links = [...new Set(steps.map((s) => s.row.linkedMapId).filter((id): id is string => !!id))];
    const known = links.length > 0 ? new Set((await c.query<{ id: string }>('SELECT id FROM maps WHERE id = ANY($1)', [links])).rows.map((r) => r.id)) : new Set<string>();
    const rows = steps.map(({ row: s }) => ({
      id: s.id,
      role_id: s.roleId,
      phase_id: s.phaseId,
      kind: s.kind,
      title: s.title,
      description: s.description,
      x: s.x,
      y: s.y,
      duration_value: s.duration?.value ?? null,
      duration_unit: s.duration?.unit ?? null,
      pinned: !!s.pinned,
      linked_map_id: s.linkedMapId && known.has(s.linkedMapId) ? s.linkedMapId : null,
      wait_value: s.wait?.value ?? null,
      wait_unit: s.wait?.unit ?? null,
      raci: jsonOrNull(s.raci),
      parties: jsonOrNull(s.parties),
      kpis: jsonOrNull(s.kpis),
      automation: s.automation ?? null,
      automation_system: s.system ?? null,
      width: s.width ?? null,
      trigger: s.trigger && EVENT_KINDS.includes(s.kind) ? s.trigger : null,
      throwing: !!(s.throwing && s.kind === 'event'),
    }));
    const r = await c.query(
      `INSERT INTO steps (id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned, linked_map_id,
         wait_value, wait_unit, raci, parties, kpis, automation, automation_system, width, trigger, throwing)
       SELECT r.id, $2, r.role_id, r.phase_id, r.kind, r.title, r.description, r.x, r.y, r.duration_value, r.duration_unit, r.pinned, r.linked_map_id,
         r.wait_value, r.wait_unit, r.raci, r.parties, r.kpis, r.automation, r.automation_system, r.width, r.trigger, r.throwing
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, role_id text, phase_id text, kind text, title text, description text,
         x double precision, y double precision, duration_value double precision, duration_unit text, pinned boolean, linked_map_id text,
         wait_value double precision, wait_unit text, raci jsonb, parties jsonb, kpis jsonb, automation text, automation_system text,
         width double precision, trigger text, throwing boolean)
       ON CONFLICT (id) DO UPDATE SET role_id = excluded.role_id, phase_id = excluded.phase_id, kind = excluded.kind,
         title = excluded.title, description = excluded.description, x = excluded.x, y = excluded.y,
         duration_value = excluded.duration_value, duration_unit = excluded.duration_unit, pinned = excluded.pinned,
         linked_map_id = excluded.linked_map_id, wait_value = excluded.wait_value, wait_unit = excluded.wait_unit,
         raci = excluded.raci, parties = excluded.parties, kpis = excluded.kpis, automation = excluded.automation,
         automation_system = excluded.automation_system, width = excluded.width, trigger = excluded.trigger, throwing = excluded.throwing
       WHERE steps.map_id = excluded.map_id`,
      [JSON.stringify(rows), mapId],
    );
    await allWritten(c, 'steps', 'steps', mapId, rows.map((s) => s.id), r.rowCount);
    const withItems = steps.filter((s) => s.items).map((s) => s.row);
    if (withItems.length === 0) return;
    await c.query('DELETE FROM step_items WHERE step_id = ANY($1)', [withItems.map((s) => s.id)]);
    const items = withItems.flatMap((s) => (['inputs', 'outputs', 'resources'] as const).flatMap((k) => s[k].map((label, position) => ({ step_id: s.id, kind: ITEM_KIND_ROW[k], position, label }))));
    if (items.length === 0) return;
    await c.query(
      `INSERT INTO step_items (step_id, kind, position, label)
       SELECT r.step_id, r.kind, r.position, r.label FROM jsonb_to_recordset($1::jsonb) AS r(step_id text, kind text, position integer, label text)`,
      [JSON.stringify(items)],
    );
  }

  async function writeFlows(c: Q, mapId: string, flows: Flow[]) {
    if (flows.length === 0) return;
    const rows = flows.map((f) => ({
      id: f.id,
      from_step_id: f.fromStepId,
      to_step_id: f.toStepId,
      label: f.label,
      route: f.route ? f.route : null,
      share: f.share ?? null,
      message: !!f.message,
    }));
    const r = await c.query(
      `INSERT INTO flows (id, map_id, from_step_id, to_step_id, label, route, share, message)
       SELECT r.id, $2, r.from_step_id, r.to_step_id, r.label, r.route, r.share, r.message
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, from_step_id text, to_step_id text, label text, route jsonb, share double precision, message boolean)
       ON CONFLICT (id) DO UPDATE SET from_step_id = excluded.from_step_id, to_step_id = excluded.to_step_id, label = excluded.label,
         route = excluded.route, share = excluded.share, message = excluded.message
       WHERE flows.map_id = excluded.map_id`,
      [JSON.stringify(rows), mapId],
    );
    await allWritten(c, 'flows', 'flows', mapId, rows.map((f) => f.id), r.rowCount);
  }

  async function writeComments(c: Q, mapId: string, comments: MapComment[]) {
    // threads before their replies (a reply must find its thread)
    for (const part of [comments.filter((x) => x.parentId === null), comments.filter((x) => x.parentId !== null)]) {
      if (part.length === 0) continue;
      const r = await c.query(
        `INSERT INTO comments (id, map_id, target_kind, target_id, parent_id, author, text, created_at, resolved_at, resolved_by)
         SELECT r.id, $2, r."targetKind", r."targetId", r."parentId", r.author, r.text, r."createdAt", r."resolvedAt", r."resolvedBy"
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "targetKind" text, "targetId" text, "parentId" text, author text, text text,
           "createdAt" text, "resolvedAt" text, "resolvedBy" text)
         ON CONFLICT (id) DO UPDATE SET target_kind = excluded.target_kind, target_id = excluded.target_id, parent_id = excluded.parent_id,
           author = excluded.author, text = excluded.text, created_at = excluded.created_at, resolved_at = excluded.resolved_at,
           resolved_by = excluded.resolved_by
         WHERE comments.map_id = excluded.map_id`,
        [JSON.stringify(part), mapId],
      );
      await allWritten(c, 'comments', 'comments', mapId, part.map((x) => x.id), r.rowCount);
    }
  }

  async function writePains(c: Q, mapId: string, pains: PainPoint[]) {
    if (pains.length === 0) return;
    const r = await c.query(
      `INSERT INTO pain_points (id, map_id, step_id, kind, votes, created_at)
       SELECT r.id, $2, r."stepId", r.kind, r.votes, r."createdAt" FROM jsonb_to_recordset($1::jsonb) AS r(id text, "stepId" text, kind text, votes integer, "createdAt" text)
       ON CONFLICT (id) DO UPDATE SET step_id = excluded.step_id, kind = excluded.kind, votes = excluded.votes, created_at = excluded.created_at
       WHERE pain_points.map_id = excluded.map_id`,
      [JSON.stringify(pains), mapId],
    );
    await allWritten(c, 'pain_points', 'painPoints', mapId, pains.map((p) => p.id), r.rowCount);
  }

  async function writeNotes(c: Q, mapId: string, notes: Note[]) {
    if (notes.length === 0) return;
    const rows = notes.map((n) => ({ id: n.id, text: n.text, x: n.x, y: n.y, width: n.width ?? null, step_id: n.stepId ?? null }));
    const r = await c.query(
      `INSERT INTO notes (id, map_id, text, x, y, width, step_id)
       SELECT r.id, $2, r.text, r.x, r.y, r.width, r.step_id
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, text text, x double precision, y double precision, width double precision, step_id text)
       ON CONFLICT (id) DO UPDATE SET text = excluded.text, x = excluded.x, y = excluded.y, width = excluded.width, step_id = excluded.step_id
       WHERE notes.map_id = excluded.map_id`,
      [JSON.stringify(rows), mapId],
    );
    await allWritten(c, 'notes', 'notes', mapId, rows.map((n) => n.id), r.rowCount);
  }

  const remove = (c: Q, table: string, mapId: string, ids: string[]) =>
    ids.length === 0 ? Promise.resolve() : c.query(`DELETE FROM ${table} WHERE map_id = $1 AND id = ANY($2)`, [mapId, ids]).then(() => undefined);

  /** Writes the rows of `changes`, in the order mapRepository.ts writes them (so the same foreign keys hold at each point). */
  async function writeRows(c: Q, mapId: string, changes: MapChanges, merge: <R extends AnyRow>(t: Table, row: R) => { row: R; items: boolean }) {
    const m = changes.map;
    if (m) {
      const sets: string[] = [];
      const values: unknown[] = [mapId];
      const set = (column: string, value: unknown, json = false) => {
        values.push(json ? JSON.stringify(value) : value);
        sets.push(`${column} = $${values.length}${json ? '::jsonb' : ''}`);
      };
      if (m.title !== undefined) set('title', m.title);
      if (m.description !== undefined) set('description', m.description);
      if (m.direction !== undefined) set('direction', m.direction);
      if (m.dismissed !== undefined) set('dismissed', jsonOrNull(m.dismissed), true);
      if (m.rulesOff !== undefined) set('rules_off', jsonOrNull(m.rulesOff), true);
      if (m.swot !== undefined) set('swot', jsonOrNull(m.swot), true);
      if (m.reviewEveryMonths !== undefined) set('review_months', m.reviewEveryMonths);
      if (m.nextReview !== undefined) set('next_review', m.nextReview);
      if (m.purpose !== undefined) set('purpose', m.purpose);
      if (m.owner !== undefined) set('owner', m.owner);
      if (m.status !== undefined) set('status', m.status);
      if (m.approval !== undefined) {
        set('approved_by', m.approval?.by ?? null);
        set('approved_at', m.approval?.at ?? null);
      }
      if (sets.length > 0) await c.query(`UPDATE maps SET ${sets.join(', ')} WHERE id = $1`, values);
    }
    const merged = <T extends Table>(t: T) => lastOfEach((changes.upsert[t] as AnyRow[]).map((r) => merge(t, r)).map((x) => ({ ...x, id: x.row.id })));
    await writeRoles(c, mapId, merged('roles').map((x) => x.row as Role));
    await writePhases(c, mapId, merged('phases').map((x) => x.row as Phase));
    await writeSteps(c, mapId, merged('steps') as { row: Step; items: boolean }[]);
    await remove(c, 'flows', mapId, changes.remove.flows);
    await writeFlows(c, mapId, merged('flows').map((x) => x.row as Flow));
    await remove(c, 'pain_points', mapId, changes.remove.painPoints);
    await remove(c, 'comments', mapId, changes.remove.comments);
    await remove(c, 'steps', mapId, changes.remove.steps);
    await remove(c, 'phases', mapId, changes.remove.phases);
    await remove(c, 'roles', mapId, changes.remove.roles);
    await writeComments(c, mapId, merged('comments').map((x) => x.row as MapComment));
    await writePains(c, mapId, merged('painPoints').map((x) => x.row as PainPoint));
    await remove(c, 'notes', mapId, changes.remove.notes);
    await writeNotes(c, mapId, merged('notes').map((x) => x.row as Note));
  }

  /** Checks one change set against what is stored and writes it; returns the rows it was to delete that were gone already. */
  async function applyOne(c: Q, mapId: string, changes: MapChanges, snap?: Snapshot): Promise<{ table: Table; id: string }[]> {
    snap ??= await snapshot(c, mapId, changes);
    const merge = checked(sameStored, snap, mapId, changes);
    // an approved map whose content changes becomes a draft again (the approved version keeps what was approved)
    if (snap.status === 'approved' && resetsApproval(changes)) await c.query("UPDATE maps SET status = 'draft' WHERE id = $1", [mapId]);
    await writeRows(c, mapId, changes, merge);
    return alreadyGone(snap, changes);
  }

  async function insertVersionRows(c: Q, mapId: string, list: { version: NewVersion; doc: MapDoc }[]) {
    for (const { version: v, doc } of list) {
      await c.query(
        `INSERT INTO versions (id, map_id, name, note, author, kind, created_at, step_count, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [v.id, mapId, v.name, v.note, v.author, v.kind, v.createdAt, Object.keys(doc.steps).length, JSON.stringify(doc)],
      );
    }
  }

  /** Writes a whole new map (ConflictError when its id is taken). */
  async function insertIn(c: Q, doc: MapDoc) {
    const r = await c.query('INSERT INTO maps (id, title, description, direction, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING', [
      doc.id,
      doc.title,
      doc.description,
      doc.direction ?? 'right',
      doc.createdAt,
      doc.updatedAt,
    ]);
    if (r.rowCount !== 1) throw new ConflictError(`There is already a map ${doc.id} in the library.`);
    await writeRows(c, doc.id, changesOfNewMap(doc), (_t, row) => ({ row, items: true }));
    await onWrite(c, { mapId: doc.id, kind: 'insert', revision: 0 });
  }

  const readOnly = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

  return {
    pool,
    async close() {
      if (owned) await pool.end();
    },
    async list() {
      return tx(async (c) => {
        const [maps, links] = await inOrder([
          () => c.query<Omit<MapSummary, 'partOf'>>(`${SUMMARY} ORDER BY m.updated_at COLLATE "C" DESC, m.title COLLATE "C"`),
          () => c.query<{ child: string; id: string; title: string }>(`
            SELECT child, id, title FROM (
              SELECT DISTINCT s.linked_map_id AS child, p.id, p.title FROM steps s JOIN maps p ON p.id = s.map_id
              WHERE s.linked_map_id IS NOT NULL AND s.linked_map_id <> s.map_id
            ) up ORDER BY title COLLATE "C", id`),
        ]);
        const parents = new Map<string, { id: string; title: string }[]>();
        for (const l of links.rows) parents.set(l.child, [...(parents.get(l.child) ?? []), { id: l.id, title: l.title }]);
        return maps.rows.map((r) => ({ ...r, partOf: parents.get(r.id) ?? [] }));
      }, readOnly);
    },
    async summary(id) {
      return tx(async (c) => {
        const row = (await c.query<Omit<MapSummary, 'partOf'>>(`${SUMMARY} WHERE m.id = $1`, [id])).rows[0];
        if (!row) throw new NotFoundError(GONE);
        return { ...row, partOf: (await c.query<{ id: string; title: string }>(LINKS_TO, [id])).rows };
      }, readOnly);
    },
    async parents(id) {
      return tx(async (c) => {
        if (!(await mapRow(c, id))) throw new NotFoundError(GONE);
        const chain: { id: string; title: string }[] = [];
        const seen = new Set([id]);
        let at = id;
        for (;;) {
          const up = (await c.query<{ id: string; title: string }>(LINKS_TO, [at])).rows.find((p) => !seen.has(p.id));
          if (!up) break;
          chain.unshift(up);
          seen.add(up.id);
          at = up.id;
        }
        return chain;
      }, readOnly);
    },
    read(id, opts = {}) {
      return tx((c) => readIn(c, id, !!opts.fieldsOnly), readOnly);
    },
    async state(id) {
      const row = (await pool.query<{ revision: number; updatedAt: string }>('SELECT revision, updated_at AS "updatedAt" FROM maps WHERE id = $1', [id])).rows[0];
      if (!row) throw new NotFoundError(GONE);
      return row;
    },
    insert(doc) {
      return tx((c) => insertIn(c, doc));
    },
    insertAll(entries) {
      return tx(async (c) => {
        const ids = entries.map((e) => e.doc.id);
        const there = (await c.query<{ id: string }>('SELECT id FROM maps WHERE id = ANY($1) LIMIT 1', [ids])).rows[0]?.id ?? ids.find((id, i) => ids.indexOf(id) !== i);
        if (there !== undefined) throw new ConflictError(`There is already a map ${there} in the library.`);
        for (const { doc, versions } of entries) {
          await insertIn(c, doc);
          if (versions?.length) {
            await insertVersionRows(c, doc.id, versions);
            await onWrite(c, { mapId: doc.id, kind: 'version' });
          }
        }
      });
    },
    apply(mapId, changes, now, then): Promise<ApplyResult> {
      return tx(async (c) => {
        // writers of one map take turns from here to the commit, whichever server they run in
        const before = await mapRow(c, mapId, true);
        if (!before) throw new NotFoundError(GONE);
        const alreadyGone: { table: Table; id: string }[] = [];
        if (then === undefined) alreadyGone.push(...(await applyOne(c, mapId, changes)));
        else {
          const snap = await snapshot(c, mapId, changes);
          if (!alreadyStored(sameStored, snap, changes)) {
            // a write still on its way: skipped when stored already, or when what is stored has moved past it
            await c.query('SAVEPOINT on_its_way');
            try {
              await applyOne(c, mapId, changes, snap);
              await c.query('RELEASE SAVEPOINT on_its_way');
            } catch (e) {
              if (!(e instanceof ConflictError)) throw e;
              await c.query('ROLLBACK TO SAVEPOINT on_its_way');
            }
          }
        }
        for (const next of then ?? []) alreadyGone.push(...(await applyOne(c, mapId, next)));
        await c.query('UPDATE maps SET updated_at = $2, revision = revision + 1 WHERE id = $1', [mapId, now]);
        await onWrite(c, { mapId, kind: 'apply', revision: before.revision + 1 });
        return { previousRevision: before.revision, revision: before.revision + 1, ...(alreadyGone.length ? { alreadyGone } : {}) };
      });
    },
    rename(id, title, now) {
      return tx(async (c) => {
        const r = await c.query<{ revision: number }>('UPDATE maps SET title = $2, updated_at = $3, revision = revision + 1 WHERE id = $1 RETURNING revision', [id, title, now]);
        if (r.rowCount !== 1) throw new NotFoundError(GONE);
        await onWrite(c, { mapId: id, kind: 'rename', revision: r.rows[0]!.revision });
      });
    },
    remove(id) {
      return tx(async (c) => {
        const r = await c.query('DELETE FROM maps WHERE id = $1', [id]);
        if (r.rowCount !== 1) throw new NotFoundError(GONE);
        await onWrite(c, { mapId: id, kind: 'remove' });
      });
    },
    async versions(mapId) {
      return tx(async (c) => {
        if (!(await mapRow(c, mapId))) throw new NotFoundError(GONE);
        return (await c.query<VersionSummary>(`SELECT ${VERSION_COLUMNS} FROM versions WHERE map_id = $1 ORDER BY created_at COLLATE "C" DESC, seq DESC`, [mapId])).rows;
      }, readOnly);
    },
    async version(mapId, versionId) {
      const row = (await pool.query<VersionSummary & { doc: MapDoc }>(`SELECT ${VERSION_COLUMNS}, doc FROM versions WHERE id = $1 AND map_id = $2`, [versionId, mapId])).rows[0];
      if (!row) throw new NotFoundError('This version no longer exists.');
      const { doc, ...version } = row;
      return { version, doc };
    },
    async deleteVersion(mapId, versionId) {
      return tx(async (c) => {
        const row = (await c.query<{ kind: string }>('SELECT kind FROM versions WHERE id = $1 AND map_id = $2 FOR UPDATE', [versionId, mapId])).rows[0];
        if (!row) throw new NotFoundError('This version no longer exists.');
        if (row.kind !== 'manual') throw new ConflictError('An approved version is kept: it is the record of the approval.');
        await c.query('DELETE FROM versions WHERE id = $1 AND map_id = $2', [versionId, mapId]);
        await onWrite(c, { mapId, kind: 'version' });
      });
    },
    saveVersion(mapId, v) {
      return tx(async (c) => {
        // the map as it stands, with no write of it half done
        if (!(await mapRow(c, mapId, true))) throw new NotFoundError(GONE);
        const doc = await readIn(c, mapId, false);
        await insertVersionRows(c, mapId, [{ version: v, doc }]);
        await onWrite(c, { mapId, kind: 'version' });
        return { ...v, mapId, stepCount: Object.keys(doc.steps).length };
      });
    },
    insertVersions(mapId, list) {
      return tx(async (c) => {
        await insertVersionRows(c, mapId, list);
        await onWrite(c, { mapId, kind: 'version' });
      });
    },
  };
}
