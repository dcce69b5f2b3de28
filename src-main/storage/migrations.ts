/**
 * Numbered schema migrations. Each runs in a transaction and sets `PRAGMA user_version`.
 * Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
  /**
   * Rebuilds a table (SQLite cannot change a CHECK constraint in place): foreign keys are
   * switched off around the transaction, as SQLite's documented procedure says, and checked
   * before it commits.
   */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'maps, roles, phases, steps, step items, flows, settings',
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE roles (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        position INTEGER NOT NULL,
        UNIQUE (map_id, id)
      );
      CREATE TABLE phases (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        UNIQUE (map_id, id)
      );
      -- composite keys keep every reference inside one map
      CREATE TABLE steps (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        role_id TEXT NOT NULL,
        phase_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'task', 'decision', 'end')),
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        x REAL NOT NULL,
        y REAL NOT NULL,
        duration_value REAL,
        duration_unit TEXT CHECK (duration_unit IN ('min', 'h', 'd')),
        UNIQUE (map_id, id),
        FOREIGN KEY (map_id, role_id) REFERENCES roles (map_id, id),
        FOREIGN KEY (map_id, phase_id) REFERENCES phases (map_id, id)
      );
      CREATE INDEX steps_role ON steps (map_id, role_id);
      CREATE INDEX steps_phase ON steps (map_id, phase_id);
      CREATE TABLE step_items (
        step_id TEXT NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('input', 'output', 'resource')),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (step_id, kind, position)
      );
      CREATE TABLE flows (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        from_step_id TEXT NOT NULL,
        to_step_id TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        FOREIGN KEY (map_id, from_step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE,
        FOREIGN KEY (map_id, to_step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE
      );
      CREATE INDEX flows_from ON flows (map_id, from_step_id);
      CREATE INDEX flows_to ON flows (map_id, to_step_id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'flow routes from tidy-up, pinned steps, map direction',
    sql: `
      ALTER TABLE maps ADD COLUMN direction TEXT NOT NULL DEFAULT 'right' CHECK (direction IN ('right', 'down'));
      ALTER TABLE flows ADD COLUMN route TEXT;
      ALTER TABLE steps ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 3,
    description: 'sub-process steps linked to maps, map properties and status, comments, pain points, versions',
    rebuildsTables: true,
    sql: `
      CREATE TABLE steps_v3 (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        role_id TEXT NOT NULL,
        phase_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'task', 'subprocess', 'decision', 'end')),
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        x REAL NOT NULL,
        y REAL NOT NULL,
        duration_value REAL,
        duration_unit TEXT CHECK (duration_unit IN ('min', 'h', 'd')),
        pinned INTEGER NOT NULL DEFAULT 0,
        -- the map a sub-process step opens; deleting that map leaves the step unlinked
        linked_map_id TEXT REFERENCES maps(id) ON DELETE SET NULL,
        UNIQUE (map_id, id),
        FOREIGN KEY (map_id, role_id) REFERENCES roles (map_id, id),
        FOREIGN KEY (map_id, phase_id) REFERENCES phases (map_id, id)
      );
      INSERT INTO steps_v3 (id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned)
        SELECT id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned FROM steps;
      DROP TABLE steps;
      ALTER TABLE steps_v3 RENAME TO steps;
      CREATE INDEX steps_role ON steps (map_id, role_id);
      CREATE INDEX steps_phase ON steps (map_id, phase_id);
      CREATE INDEX steps_linked ON steps (linked_map_id) WHERE linked_map_id IS NOT NULL;

      ALTER TABLE maps ADD COLUMN purpose TEXT CHECK (purpose IN ('training', 'optimisation', 'monitoring', 'other'));
      ALTER TABLE maps ADD COLUMN owner TEXT NOT NULL DEFAULT '';
      ALTER TABLE maps ADD COLUMN status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved'));
      ALTER TABLE maps ADD COLUMN approved_by TEXT;
      ALTER TABLE maps ADD COLUMN approved_at TEXT;

      -- a comment's target (map, step or flow) is kept by the editor's commands, which delete
      -- the comments of a deleted step or flow in the same edit (so undo brings them back)
      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('map', 'step', 'flow')),
        target_id TEXT,
        parent_id TEXT,
        author TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        UNIQUE (map_id, id)
      );
      CREATE INDEX comments_map ON comments (map_id);
      CREATE TABLE pain_points (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bottleneck', 'redundant', 'idea')),
        votes INTEGER NOT NULL CHECK (votes >= 1),
        created_at TEXT NOT NULL,
        UNIQUE (map_id, id),
        FOREIGN KEY (map_id, step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE
      );
      CREATE INDEX pain_points_map ON pain_points (map_id);
      -- a version keeps the whole map as it was (JSON of the document), never changed afterwards
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'approved')),
        created_at TEXT NOT NULL,
        step_count INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX versions_map ON versions (map_id, created_at);
    `,
  },
  {
    version: 4,
    description: 'map revisions for conditional writes; comments kept consistent with their steps, flows and threads',
    sql: `
      -- counts the writes to a map, so an editor can tell that another one wrote meanwhile
      ALTER TABLE maps ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

      -- comments left behind by earlier versions: on a deleted step or flow, replies to replies
      DELETE FROM comments WHERE target_kind = 'step'
        AND NOT EXISTS (SELECT 1 FROM steps s WHERE s.map_id = comments.map_id AND s.id = comments.target_id);
      DELETE FROM comments WHERE target_kind = 'flow'
        AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.map_id = comments.map_id AND f.id = comments.target_id);
      DELETE FROM comments WHERE target_kind = 'map' AND target_id IS NOT NULL;
      UPDATE comments SET parent_id = (SELECT p.parent_id FROM comments p WHERE p.id = comments.parent_id AND p.map_id = comments.map_id)
        WHERE parent_id IS NOT NULL
          AND (SELECT p.parent_id FROM comments p WHERE p.id = comments.parent_id AND p.map_id = comments.map_id) IS NOT NULL;
      DELETE FROM comments WHERE parent_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = comments.parent_id AND p.map_id = comments.map_id AND p.parent_id IS NULL);

      -- a comment is on this map, or on one of its steps or flows, and replies to a thread of it
      CREATE TRIGGER comments_target_insert BEFORE INSERT ON comments
      WHEN NOT (
        (NEW.target_kind = 'map' AND NEW.target_id IS NULL)
        OR (NEW.target_kind = 'step' AND EXISTS (SELECT 1 FROM steps s WHERE s.map_id = NEW.map_id AND s.id = NEW.target_id))
        OR (NEW.target_kind = 'flow' AND EXISTS (SELECT 1 FROM flows f WHERE f.map_id = NEW.map_id AND f.id = NEW.target_id))
      )
      BEGIN SELECT RAISE(ABORT, 'A comment is on a step or flow that is not in this map.'); END;
      CREATE TRIGGER comments_target_update BEFORE UPDATE OF target_kind, target_id, map_id ON comments
      WHEN NOT (
        (NEW.target_kind = 'map' AND NEW.target_id IS NULL)
        OR (NEW.target_kind = 'step' AND EXISTS (SELECT 1 FROM steps s WHERE s.map_id = NEW.map_id AND s.id = NEW.target_id))
        OR (NEW.target_kind = 'flow' AND EXISTS (SELECT 1 FROM flows f WHERE f.map_id = NEW.map_id AND f.id = NEW.target_id))
      )
      BEGIN SELECT RAISE(ABORT, 'A comment is on a step or flow that is not in this map.'); END;
      CREATE TRIGGER comments_parent_insert BEFORE INSERT ON comments
      WHEN NEW.parent_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = NEW.parent_id AND p.map_id = NEW.map_id AND p.parent_id IS NULL)
      BEGIN SELECT RAISE(ABORT, 'A reply answers a thread that is not in this map (or answers a reply).'); END;
      CREATE TRIGGER comments_parent_update BEFORE UPDATE OF parent_id, map_id ON comments
      WHEN (NEW.parent_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = NEW.parent_id AND p.map_id = NEW.map_id AND p.parent_id IS NULL AND p.id <> NEW.id))
        OR (NEW.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = NEW.id))
      BEGIN SELECT RAISE(ABORT, 'A reply answers a thread that is not in this map (or answers a reply).'); END;

      -- what hangs on a step, a flow or a thread goes with it, in the same transaction
      CREATE TRIGGER steps_delete_comments AFTER DELETE ON steps
      BEGIN DELETE FROM comments WHERE map_id = OLD.map_id AND target_kind = 'step' AND target_id = OLD.id; END;
      CREATE TRIGGER flows_delete_comments AFTER DELETE ON flows
      BEGIN DELETE FROM comments WHERE map_id = OLD.map_id AND target_kind = 'flow' AND target_id = OLD.id; END;
      CREATE TRIGGER comments_delete_replies AFTER DELETE ON comments WHEN OLD.parent_id IS NULL
      BEGIN DELETE FROM comments WHERE map_id = OLD.map_id AND parent_id = OLD.id; END;
    `,
  },
  {
    version: 5,
    description: 'analysis: wait times, RACI and outside parties on steps; findings set aside and rules switched off per map',
    sql: `
      -- how long work waits before a step starts (NULL: not said)
      ALTER TABLE steps ADD COLUMN wait_value REAL;
      ALTER TABLE steps ADD COLUMN wait_unit TEXT CHECK (wait_unit IN ('min', 'h', 'd'));
      -- JSON: role id -> 'A' | 'C' | 'I' (R is the step's role); NULL: none
      ALTER TABLE steps ADD COLUMN raci TEXT;
      -- JSON: [{ kind: 'inputs' | 'outputs', item, party }]; NULL: none
      ALTER TABLE steps ADD COLUMN parties TEXT;
      -- JSON lists; NULL: none
      ALTER TABLE maps ADD COLUMN dismissed TEXT;
      ALTER TABLE maps ADD COLUMN rules_off TEXT;
    `,
  },
  {
    version: 6,
    description: 'optimisation: KPIs on phases and steps, automation of steps, decision shares on flows, Lean wastes, a SWOT board and a review cycle per map',
    // pain_points is rebuilt: its CHECK on kind gains the eight Lean wastes
    rebuildsTables: true,
    sql: `
      -- JSON: [{ id, name, unit, target, current, better }]; NULL: none
      ALTER TABLE phases ADD COLUMN kpis TEXT;
      ALTER TABLE steps ADD COLUMN kpis TEXT;
      -- NULL: done by hand
      ALTER TABLE steps ADD COLUMN automation TEXT CHECK (automation IN ('partial', 'auto'));
      ALTER TABLE steps ADD COLUMN automation_system TEXT;
      -- percentage of the cases leaving a decision that take this flow; NULL: not said
      ALTER TABLE flows ADD COLUMN share REAL CHECK (share IS NULL OR (share >= 0 AND share <= 100));
      -- JSON: [{ id, quadrant, text, stepIds }]; NULL: an empty board
      ALTER TABLE maps ADD COLUMN swot TEXT;
      -- NULL: the default cycle; 0: no regular review
      ALTER TABLE maps ADD COLUMN review_months INTEGER CHECK (review_months IS NULL OR (review_months >= 0 AND review_months <= 120));
      -- YYYY-MM-DD; NULL: none planned
      ALTER TABLE maps ADD COLUMN next_review TEXT;

      CREATE TABLE pain_points_v6 (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bottleneck', 'redundant', 'idea',
          'waiting', 'defects', 'overprocessing', 'motion', 'inventory', 'overproduction', 'transport', 'talent')),
        votes INTEGER NOT NULL CHECK (votes >= 1),
        created_at TEXT NOT NULL,
        UNIQUE (map_id, id),
        FOREIGN KEY (map_id, step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE
      );
      INSERT INTO pain_points_v6 (id, map_id, step_id, kind, votes, created_at)
        SELECT id, map_id, step_id, kind, votes, created_at FROM pain_points;
      DROP TABLE pain_points;
      ALTER TABLE pain_points_v6 RENAME TO pain_points;
      CREATE INDEX pain_points_map ON pain_points (map_id);
    `,
  },
  {
    version: 7,
    description: 'library thumbnails: a small picture of each map, kept with the revision it was drawn from',
    sql: `
      -- a cache (src-main/storage/thumbnails.ts): drawn again when the map's revision or the
      -- drawing's style differs; goes with its map
      CREATE TABLE map_thumbnails (
        map_id TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        style INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        png BLOB NOT NULL
      );
    `,
  },
  {
    version: 8,
    description: 'notes on the canvas (sticky notes and annotations of steps); a width set by the user on steps',
    sql: `
      -- one row per note, so two windows adding or editing different notes both keep theirs
      -- (see shared/model/rebase.ts); x, y in the map's frame, relative to the step for an
      -- annotation. step_id has no foreign key: deleting a step makes its annotations sticky
      -- notes in the same edit (an undo attaches them again), and a note read with a step
      -- that is gone stands free.
      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        text TEXT NOT NULL DEFAULT '',
        x REAL NOT NULL,
        y REAL NOT NULL,
        width REAL,
        step_id TEXT,
        UNIQUE (map_id, id)
      );
      CREATE INDEX notes_map ON notes (map_id);
      CREATE INDEX notes_step ON notes (map_id, step_id) WHERE step_id IS NOT NULL;
      -- the card's width set by the user ("same width"); NULL: its natural width
      ALTER TABLE steps ADD COLUMN width REAL;
    `,
  },
{
    version: 9,
    description: 'BPMN exchange: parallel split/join and event steps, what an event waits for or sends, message flows between parties',
    // steps is rebuilt: its CHECK on kind gains 'parallel' and 'event'
    rebuildsTables: true,
    sql: `
      -- the triggers of comments name steps: dropped while the table is replaced, then made again
      DROP TRIGGER comments_target_insert;
      DROP TRIGGER comments_target_update;
      CREATE TABLE steps_v9 (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        role_id TEXT NOT NULL,
        phase_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'task', 'subprocess', 'decision', 'parallel', 'event', 'end')),
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        x REAL NOT NULL,
        y REAL NOT NULL,
        duration_value REAL,
        duration_unit TEXT CHECK (duration_unit IN ('min', 'h', 'd')),
        pinned INTEGER NOT NULL DEFAULT 0,
        -- the map a sub-process step opens; deleting that map leaves the step unlinked
        linked_map_id TEXT REFERENCES maps(id) ON DELETE SET NULL,
        wait_value REAL,
        wait_unit TEXT CHECK (wait_unit IN ('min', 'h', 'd')),
        raci TEXT,
        parties TEXT,
        kpis TEXT,
        automation TEXT CHECK (automation IN ('partial', 'auto')),
        automation_system TEXT,
        width REAL,
        -- what a start, event or end step waits for or sends (BPMN's event definition); NULL: a plain event
        trigger TEXT CHECK (trigger IN ('message', 'timer', 'conditional', 'signal', 'error', 'escalation', 'compensation', 'link', 'terminate', 'cancel', 'multiple')),
        -- 1: an event step that sends rather than waits
        throwing INTEGER NOT NULL DEFAULT 0,
        UNIQUE (map_id, id),
        FOREIGN KEY (map_id, role_id) REFERENCES roles (map_id, id),
        FOREIGN KEY (map_id, phase_id) REFERENCES phases (map_id, id)
      );
      INSERT INTO steps_v9 (id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned, linked_map_id,
          wait_value, wait_unit, raci, parties, kpis, automation, automation_system, width)
        SELECT id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned, linked_map_id,
          wait_value, wait_unit, raci, parties, kpis, automation, automation_system, width FROM steps;
      DROP TABLE steps;
      ALTER TABLE steps_v9 RENAME TO steps;
      CREATE INDEX steps_role ON steps (map_id, role_id);
      CREATE INDEX steps_phase ON steps (map_id, phase_id);
      CREATE INDEX steps_linked ON steps (linked_map_id) WHERE linked_map_id IS NOT NULL;
      CREATE TRIGGER steps_delete_comments AFTER DELETE ON steps
        BEGIN DELETE FROM comments WHERE map_id = OLD.map_id AND target_kind = 'step' AND target_id = OLD.id; END;
      CREATE TRIGGER comments_target_insert BEFORE INSERT ON comments
      WHEN NOT (
        (NEW.target_kind = 'map' AND NEW.target_id IS NULL)
        OR (NEW.target_kind = 'step' AND EXISTS (SELECT 1 FROM steps s WHERE s.map_id = NEW.map_id AND s.id = NEW.target_id))
        OR (NEW.target_kind = 'flow' AND EXISTS (SELECT 1 FROM flows f WHERE f.map_id = NEW.map_id AND f.id = NEW.target_id))
      )
      BEGIN SELECT RAISE(ABORT, 'A comment is on a step or flow that is not in this map.'); END;
      CREATE TRIGGER comments_target_update BEFORE UPDATE OF target_kind, target_id, map_id ON comments
      WHEN NOT (
        (NEW.target_kind = 'map' AND NEW.target_id IS NULL)
        OR (NEW.target_kind = 'step' AND EXISTS (SELECT 1 FROM steps s WHERE s.map_id = NEW.map_id AND s.id = NEW.target_id))
        OR (NEW.target_kind = 'flow' AND EXISTS (SELECT 1 FROM flows f WHERE f.map_id = NEW.map_id AND f.id = NEW.target_id))
      )
      BEGIN SELECT RAISE(ABORT, 'A comment is on a step or flow that is not in this map.'); END;

      -- 1: a message between two parties (BPMN's message flow), drawn dashed
      ALTER TABLE flows ADD COLUMN message INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
