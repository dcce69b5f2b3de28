/**
 * Reads and writes maps as normalised rows. Every write is one immediate transaction (it takes
 * the write lock before reading, so a second process waits for it instead of failing): either
 * all the rows of an edit are stored, or none are. An edit is conditional: each row it writes
 * says what it expects to find stored, and the whole edit is refused as a conflict when
 * another editor changed or deleted that row meanwhile; only the fields it changes are written.
 * How rows read as the model (./rowModel.ts) and the conditional write's rules (./conflicts.ts)
 * are shared with the team library on PostgreSQL (./pg/pgStore.ts).
 */
import { mapFields } from '../../shared/model/diff';
import { sameValue, type Table } from '../../shared/model/rows';
import type { MapChanges } from '../../shared/model/schema';
import type { Flow, MapDoc, MapSummary, Step, VersionSummary } from '../../shared/model/types';
import { EVENT_KINDS } from '../../shared/model/types';
import { alreadyGone, alreadyStored, checked, ConflictError, GONE, NotFoundError, ofAnotherMap, resetsApproval, type StoredState } from './conflicts';
import type { Db } from './database';
import {
  changesOfNewMap,
  fillDoc,
  fromJsonText,
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
} from './rowModel';

export { ConflictError, NotFoundError, type ConflictRow } from './conflicts';

/** A new map for `insertAll`, with the versions it brings (an imported file's, a copied map's). */
export interface NewMapEntry {
  doc: MapDoc;
  versions?: { version: Omit<VersionSummary, 'mapId' | 'stepCount'>; doc: MapDoc }[];
}

/** JSON columns are text here. */
const { stepOf, flowOf, phaseOf, roleOf, noteOf, commentOf, painOf, docFields } = rowModel(fromJsonText);

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
    roles: db.prepare('SELECT id, map_id, name, color, position FROM roles WHERE map_id = ?'),
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

  /** The stored row `id` of `table` in map `mapId`, or undefined; a row of another map is refused. */
  function storedRow(table: Table, mapId: string, id: string): AnyRow | undefined {
    let row: AnyRow | undefined;
    let owner: string | undefined;
    switch (table) {
      case 'roles': {
        const r = q.roleById.get(id) as RoleRow | undefined;
        if (r) [owner, row] = [r.map_id, roleOf(r)];
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
          for (const it of q.itemsOfStep.all(id) as { kind: 'input' | 'output' | 'resource'; label: string }[]) step[LIST_OF[it.kind]].push(it.label);
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
    if (row && owner !== mapId) throw ofAnotherMap(table, id);
    return row;
  }

  /**
   * What is stored of map `mapId`, read on demand inside the write's transaction; each row once
   * (the check and the write that follows it see the same rows).
   */
  function storedState(mapId: string): StoredState {
    const rows = new Map<string, AnyRow | undefined>();
    let fields: Record<string, unknown> | undefined;
    return {
      fields: () => (fields ??= mapFields(repo.read(mapId, { fieldsOnly: true }))),
      row(t, id) {
        const key = `${t}:${id}`;
        if (!rows.has(key)) rows.set(key, storedRow(t, mapId, id));
        return rows.get(key);
      },
      flowsOfStep: (stepId) => q.flowsOfStep.all(mapId, stepId, stepId) as FlowRow[],
      painsOfStep: (stepId) => q.painOfStep.all(mapId, stepId) as PainRow[],
      notesOfStep: (stepId) => q.notesOfStep.all(mapId, stepId) as NoteRow[],
      commentsOn: (kind, targetId) => q.commentsOn.all(mapId, kind, targetId) as CommentRow[],
      repliesTo: (threadId) => q.repliesTo.all(mapId, threadId) as CommentRow[],
    };
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

  /** Applies one change set (or throws ConflictError); returns the rows it was to delete that someone else had deleted already. */
  function applyOne(mapId: string, changes: MapChanges): { table: Table; id: string }[] {
    const stored = storedState(mapId);
    const merge = checked(sameValue, stored, mapId, changes);
    // an approved map whose content changes becomes a draft again (the approved version keeps what was approved)
    if (resetsApproval(changes) && (q.map.get(mapId) as MapRow).status === 'approved') q.setStatus.run('draft', mapId);
    writeRows(mapId, changes, merge);
    return alreadyGone(stored, changes);
  }

  const applyTx = db.transaction((mapId: string, changes: MapChanges, then: MapChanges[] | undefined, now: string) => {
    const before = q.revision.get(mapId) as { revision: number } | undefined;
    if (!before) throw new NotFoundError(GONE);
    const gone: { table: Table; id: string }[] = [];
    if (then === undefined) gone.push(...applyOne(mapId, changes));
    else if (!alreadyStored(sameValue, storedState(mapId), changes)) {
      // `changes` is a write still on its way: skipped when it has arrived, and when what is
      // stored has moved past it (later writes of the same page); `then` decides
      try {
        applyOne(mapId, changes);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    for (const next of then ?? []) gone.push(...applyOne(mapId, next));
    q.touch.run(now, mapId);
    return { previousRevision: before.revision, revision: before.revision + 1, ...(gone.length ? { alreadyGone: gone } : {}) };
  });

  function insertOne(doc: MapDoc) {
    q.insertMap.run(doc.id, doc.title, doc.description, doc.direction ?? 'right', doc.createdAt, doc.updatedAt);
    writeRows(doc.id, changesOfNewMap(doc), (_t, row) => ({ row, items: true }));
  }

  function insertVersionRows(mapId: string, list: { version: Omit<VersionSummary, 'mapId' | 'stepCount'>; doc: MapDoc }[]) {
    for (const { version, doc } of list) {
      q.insertVersion.run({ ...version, mapId, stepCount: Object.keys(doc.steps).length, doc: JSON.stringify(doc) });
    }
  }

  const insertTx = db.transaction(insertOne);

  /** Several new maps with their versions, all or none (a map id already in the library: ConflictError). */
  const insertAllTx = db.transaction((entries: NewMapEntry[]) => {
    const ids = entries.map((e) => e.doc.id);
    const there = ids.find((id, i) => q.mapExists.get(id) !== undefined || ids.indexOf(id) !== i);
    if (there !== undefined) throw new ConflictError(`There is already a map ${there} in the library.`);
    for (const { doc, versions } of entries) {
      insertOne(doc);
      if (versions?.length) insertVersionRows(doc.id, versions);
    }
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
      if (!row) throw new NotFoundError(GONE);
      return { ...row, partOf: q.linksTo.all(id, id) as { id: string; title: string }[] };
    },
    /**
     * The chain of maps above `id` through sub-process steps, outermost first (the first
     * parent at each level; stops at a cycle).
     */
    parents(id: string): { id: string; title: string }[] {
      if (!q.mapExists.get(id)) throw new NotFoundError(GONE);
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
      if (!m) throw new NotFoundError(GONE);
      const doc = docFields(m);
      keepSwotLinks(doc, (stepId) => q.stepInMap.get(id, stepId) !== undefined);
      if (opts.fieldsOnly) return doc;
      return fillDoc(doc, {
        roles: (q.roles.all(id) as RoleRow[]).map(roleOf),
        phases: (q.phases.all(id) as PhaseRow[]).map(phaseOf),
        steps: (q.steps.all(id) as StepRow[]).map(stepOf),
        items: q.items.all(id) as { step_id: string; kind: 'input' | 'output' | 'resource'; label: string }[],
        flows: (q.flows.all(id) as FlowRow[]).map(flowOf),
        comments: (q.comments.all(id) as CommentRow[]).map(commentOf),
        painPoints: (q.painPoints.all(id) as PainRow[]).map(painOf),
        notes: (q.notes.all(id) as NoteRow[]).map(noteOf),
      });
    },
    /** How many writes the map has had, to tell whether another editor wrote since. */
    state(id: string): { revision: number; updatedAt: string } {
      const row = q.revision.get(id) as { revision: number; updatedAt: string } | undefined;
      if (!row) throw new NotFoundError(GONE);
      return row;
    },
    versions(mapId: string): VersionSummary[] {
      if (!q.mapExists.get(mapId)) throw new NotFoundError(GONE);
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
      db.transaction(() => insertVersionRows(mapId, list)).immediate();
    },
    /** Inserts a whole new map (ids must be new). */
    insert(doc: MapDoc): void {
      insertTx.immediate(doc);
    },
    /** Inserts several new maps, each with the versions it brings, in one transaction: all of them or none. */
    insertAll(entries: NewMapEntry[]): void {
      insertAllTx.immediate(entries);
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
        if (q.setTitle.run(title, id).changes !== 1) throw new NotFoundError(GONE);
        q.touch.run(now, id);
      }).immediate();
    },
    remove(id: string): void {
      if (q.deleteMap.run(id).changes !== 1) throw new NotFoundError(GONE);
    },
  };
  return repo;
}

export type MapRepository = ReturnType<typeof createMapRepository>;
