/**
 * Reads and writes maps as normalised rows. Every write is one transaction: either all the
 * rows of an edit are stored, or none are.
 */
import type { MapChanges } from '../../shared/model/schema';
import type { ItemKind, MapDoc, MapSummary, Point, Step } from '../../shared/model/types';
import type { Db } from './database';

export class NotFoundError extends Error {}
export class ConflictError extends Error {}

const ITEM_KIND_ROW: Record<ItemKind, 'input' | 'output' | 'resource'> = {
  inputs: 'input',
  outputs: 'output',
  resources: 'resource',
};

interface StepRow {
  id: string;
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
}

/** A stored route, or nothing if the column holds anything but a list of points. */
function parseRoute(json: string | null): Point[] | undefined {
  if (!json) return undefined;
  try {
    const pts = JSON.parse(json) as unknown;
    if (Array.isArray(pts) && pts.every((p) => p && typeof p.x === 'number' && typeof p.y === 'number')) {
      return pts.map((p: Point) => ({ x: p.x, y: p.y }));
    }
  } catch {
    // a damaged route is dropped: the canvas draws the flow itself
  }
  return undefined;
}

export function createMapRepository(db: Db) {
  const q = {
    list: db.prepare(`
      SELECT m.id, m.title, m.created_at AS createdAt, m.updated_at AS updatedAt,
             (SELECT COUNT(*) FROM steps s WHERE s.map_id = m.id) AS stepCount
      FROM maps m ORDER BY m.updated_at DESC, m.title`),
    summary: db.prepare(`
      SELECT m.id, m.title, m.created_at AS createdAt, m.updated_at AS updatedAt,
             (SELECT COUNT(*) FROM steps s WHERE s.map_id = m.id) AS stepCount
      FROM maps m WHERE m.id = ?`),
    map: db.prepare('SELECT id, title, description, direction, created_at, updated_at FROM maps WHERE id = ?'),
    roles: db.prepare('SELECT id, name, color, position FROM roles WHERE map_id = ?'),
    phases: db.prepare('SELECT id, name, position FROM phases WHERE map_id = ?'),
    steps: db.prepare('SELECT * FROM steps WHERE map_id = ?'),
    items: db.prepare(
      'SELECT i.step_id, i.kind, i.label FROM step_items i JOIN steps s ON s.id = i.step_id WHERE s.map_id = ? ORDER BY i.step_id, i.kind, i.position',
    ),
    flows: db.prepare('SELECT id, from_step_id, to_step_id, label, route FROM flows WHERE map_id = ?'),
    insertMap: db.prepare('INSERT INTO maps (id, title, description, direction, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    touch: db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?'),
    setTitle: db.prepare('UPDATE maps SET title = ? WHERE id = ?'),
    setDescription: db.prepare('UPDATE maps SET description = ? WHERE id = ?'),
    setDirection: db.prepare('UPDATE maps SET direction = ? WHERE id = ?'),
    deleteMap: db.prepare('DELETE FROM maps WHERE id = ?'),
    upsertRole: db.prepare(`
      INSERT INTO roles (id, map_id, name, color, position) VALUES (@id, @mapId, @name, @color, @order)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color, position = excluded.position
      WHERE roles.map_id = excluded.map_id`),
    upsertPhase: db.prepare(`
      INSERT INTO phases (id, map_id, name, position) VALUES (@id, @mapId, @name, @order)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position
      WHERE phases.map_id = excluded.map_id`),
    upsertStep: db.prepare(`
      INSERT INTO steps (id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned)
      VALUES (@id, @mapId, @roleId, @phaseId, @kind, @title, @description, @x, @y, @durationValue, @durationUnit, @pinned)
      ON CONFLICT (id) DO UPDATE SET role_id = excluded.role_id, phase_id = excluded.phase_id, kind = excluded.kind,
        title = excluded.title, description = excluded.description, x = excluded.x, y = excluded.y,
        duration_value = excluded.duration_value, duration_unit = excluded.duration_unit, pinned = excluded.pinned
      WHERE steps.map_id = excluded.map_id`),
    clearItems: db.prepare('DELETE FROM step_items WHERE step_id = ?'),
    insertItem: db.prepare('INSERT INTO step_items (step_id, kind, position, label) VALUES (?, ?, ?, ?)'),
    upsertFlow: db.prepare(`
      INSERT INTO flows (id, map_id, from_step_id, to_step_id, label, route) VALUES (@id, @mapId, @fromStepId, @toStepId, @label, @route)
      ON CONFLICT (id) DO UPDATE SET from_step_id = excluded.from_step_id, to_step_id = excluded.to_step_id, label = excluded.label,
        route = excluded.route
      WHERE flows.map_id = excluded.map_id`),
    removeRole: db.prepare('DELETE FROM roles WHERE id = ? AND map_id = ?'),
    removePhase: db.prepare('DELETE FROM phases WHERE id = ? AND map_id = ?'),
    removeStep: db.prepare('DELETE FROM steps WHERE id = ? AND map_id = ?'),
    removeFlow: db.prepare('DELETE FROM flows WHERE id = ? AND map_id = ?'),
  };

  function one(info: { changes: number }, what: string, id: string) {
    if (info.changes !== 1) throw new ConflictError(`The ${what} ${id} belongs to another map.`);
  }

  /** Writes `changes` to map `mapId` (which must exist). Not transactional on its own. */
  function writeChanges(mapId: string, changes: MapChanges, now: string) {
    if (changes.map?.title !== undefined) q.setTitle.run(changes.map.title, mapId);
    if (changes.map?.description !== undefined) q.setDescription.run(changes.map.description, mapId);
    if (changes.map?.direction !== undefined) q.setDirection.run(changes.map.direction, mapId);
    for (const r of changes.upsert.roles) one(q.upsertRole.run({ ...r, mapId }), 'role', r.id);
    for (const p of changes.upsert.phases) one(q.upsertPhase.run({ ...p, mapId }), 'phase', p.id);
    for (const s of changes.upsert.steps) {
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
        }),
        'step',
        s.id,
      );
      q.clearItems.run(s.id);
      for (const kind of ['inputs', 'outputs', 'resources'] as const) {
        s[kind].forEach((label, i) => q.insertItem.run(s.id, ITEM_KIND_ROW[kind], i, label));
      }
    }
    for (const id of changes.remove.flows) q.removeFlow.run(id, mapId);
    for (const f of changes.upsert.flows) {
      const row = { id: f.id, mapId, fromStepId: f.fromStepId, toStepId: f.toStepId, label: f.label, route: f.route ? JSON.stringify(f.route) : null };
      one(q.upsertFlow.run(row), 'flow', f.id);
    }
    for (const id of changes.remove.steps) q.removeStep.run(id, mapId);
    for (const id of changes.remove.phases) q.removePhase.run(id, mapId);
    for (const id of changes.remove.roles) q.removeRole.run(id, mapId);
    q.touch.run(now, mapId);
  }

  const applyTx = db.transaction((mapId: string, changes: MapChanges, now: string) => {
    if (!q.map.get(mapId)) throw new NotFoundError('This map no longer exists.');
    writeChanges(mapId, changes, now);
  });

  const insertTx = db.transaction((doc: MapDoc) => {
    q.insertMap.run(doc.id, doc.title, doc.description, doc.direction ?? 'right', doc.createdAt, doc.updatedAt);
    writeChanges(
      doc.id,
      {
        upsert: {
          roles: Object.values(doc.roles),
          phases: Object.values(doc.phases),
          steps: Object.values(doc.steps),
          flows: Object.values(doc.flows),
        },
        remove: { roles: [], phases: [], steps: [], flows: [] },
      },
      doc.updatedAt,
    );
  });

  return {
    list(): MapSummary[] {
      return q.list.all() as MapSummary[];
    },
    summary(id: string): MapSummary {
      const row = q.summary.get(id) as MapSummary | undefined;
      if (!row) throw new NotFoundError('This map no longer exists.');
      return row;
    },
    read(id: string): MapDoc {
      const m = q.map.get(id) as { id: string; title: string; description: string; direction: string; created_at: string; updated_at: string } | undefined;
      if (!m) throw new NotFoundError('This map no longer exists.');
      const doc: MapDoc = {
        id: m.id,
        title: m.title,
        description: m.description,
        ...(m.direction === 'down' ? { direction: 'down' as const } : {}),
        createdAt: m.created_at,
        updatedAt: m.updated_at,
        roles: {},
        phases: {},
        steps: {},
        flows: {},
      };
      for (const r of q.roles.all(id) as { id: string; name: string; color: string; position: number }[]) {
        doc.roles[r.id] = { id: r.id, name: r.name, color: r.color, order: r.position };
      }
      for (const p of q.phases.all(id) as { id: string; name: string; position: number }[]) {
        doc.phases[p.id] = { id: p.id, name: p.name, order: p.position };
      }
      for (const s of q.steps.all(id) as StepRow[]) {
        doc.steps[s.id] = {
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
          inputs: [],
          outputs: [],
          resources: [],
        };
      }
      const listOf = { input: 'inputs', output: 'outputs', resource: 'resources' } as const;
      for (const it of q.items.all(id) as { step_id: string; kind: 'input' | 'output' | 'resource'; label: string }[]) {
        doc.steps[it.step_id]?.[listOf[it.kind]].push(it.label);
      }
      for (const f of q.flows.all(id) as { id: string; from_step_id: string; to_step_id: string; label: string; route: string | null }[]) {
        const route = parseRoute(f.route);
        doc.flows[f.id] = { id: f.id, fromStepId: f.from_step_id, toStepId: f.to_step_id, label: f.label, ...(route ? { route } : {}) };
      }
      return doc;
    },
    /** Inserts a whole new map (ids must be new). */
    insert(doc: MapDoc): void {
      insertTx(doc);
    },
    apply(mapId: string, changes: MapChanges, now: string): void {
      applyTx(mapId, changes, now);
    },
    rename(id: string, title: string, now: string): void {
      db.transaction(() => {
        if (q.setTitle.run(title, id).changes !== 1) throw new NotFoundError('This map no longer exists.');
        q.touch.run(now, id);
      })();
    },
    remove(id: string): void {
      if (q.deleteMap.run(id).changes !== 1) throw new NotFoundError('This map no longer exists.');
    },
  };
}

export type MapRepository = ReturnType<typeof createMapRepository>;
