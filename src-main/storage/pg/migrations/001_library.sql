-- The team library: the same maps as the local SQLite library (src-main/storage/migrations.ts,
-- as of its migration 9), in PostgreSQL. Applied by migrate.ts in one transaction, under an
-- advisory lock, and recorded in schema_migrations. Never edit a released migration: add the
-- next file. Timestamps stay ISO-8601 text, as the documents carry them (read back exactly as
-- written); JSON fields are jsonb.

CREATE TABLE maps (
  id text PRIMARY KEY,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  direction text NOT NULL DEFAULT 'right' CHECK (direction IN ('right', 'down')),
  purpose text CHECK (purpose IN ('training', 'optimisation', 'monitoring', 'other')),
  owner text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved')),
  approved_by text,
  approved_at text,
  -- lists; NULL: none
  dismissed jsonb,
  rules_off jsonb,
  swot jsonb,
  -- NULL: the default cycle; 0: no regular review
  review_months integer CHECK (review_months IS NULL OR (review_months >= 0 AND review_months <= 120)),
  -- YYYY-MM-DD; NULL: none planned
  next_review text,
  -- counts the writes to the map, so an editor can tell that another one wrote meanwhile
  revision integer NOT NULL DEFAULT 0,
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX maps_updated ON maps (updated_at DESC, title);

CREATE TABLE roles (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  name text NOT NULL,
  color text NOT NULL,
  position integer NOT NULL,
  UNIQUE (map_id, id)
);

CREATE TABLE phases (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL,
  kpis jsonb,
  UNIQUE (map_id, id)
);

-- composite keys keep every reference inside one map
CREATE TABLE steps (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  role_id text NOT NULL,
  phase_id text,
  kind text NOT NULL CHECK (kind IN ('start', 'task', 'subprocess', 'decision', 'parallel', 'event', 'end')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  x double precision NOT NULL,
  y double precision NOT NULL,
  duration_value double precision,
  duration_unit text CHECK (duration_unit IN ('min', 'h', 'd')),
  pinned boolean NOT NULL DEFAULT false,
  -- the map a sub-process step opens; deleting that map leaves the step unlinked
  linked_map_id text REFERENCES maps (id) ON DELETE SET NULL,
  wait_value double precision,
  wait_unit text CHECK (wait_unit IN ('min', 'h', 'd')),
  -- role id -> 'A' | 'C' | 'I'
  raci jsonb,
  -- [{ kind, item, party }]
  parties jsonb,
  kpis jsonb,
  automation text CHECK (automation IN ('partial', 'auto')),
  automation_system text,
  width double precision,
  trigger text CHECK (trigger IN ('message', 'timer', 'conditional', 'signal', 'error', 'escalation', 'compensation', 'link', 'terminate', 'cancel', 'multiple')),
  throwing boolean NOT NULL DEFAULT false,
  UNIQUE (map_id, id),
  FOREIGN KEY (map_id, role_id) REFERENCES roles (map_id, id),
  FOREIGN KEY (map_id, phase_id) REFERENCES phases (map_id, id)
);
CREATE INDEX steps_map ON steps (map_id);
CREATE INDEX steps_role ON steps (map_id, role_id);
CREATE INDEX steps_phase ON steps (map_id, phase_id);
CREATE INDEX steps_linked ON steps (linked_map_id) WHERE linked_map_id IS NOT NULL;

CREATE TABLE step_items (
  step_id text NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('input', 'output', 'resource')),
  position integer NOT NULL,
  label text NOT NULL,
  PRIMARY KEY (step_id, kind, position)
);

CREATE TABLE flows (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  from_step_id text NOT NULL,
  to_step_id text NOT NULL,
  label text NOT NULL DEFAULT '',
  -- [{ x, y }] from tidy-up; NULL: drawn by the canvas
  route jsonb,
  share double precision CHECK (share IS NULL OR (share >= 0 AND share <= 100)),
  message boolean NOT NULL DEFAULT false,
  FOREIGN KEY (map_id, from_step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE,
  FOREIGN KEY (map_id, to_step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE
);
CREATE INDEX flows_from ON flows (map_id, from_step_id);
CREATE INDEX flows_to ON flows (map_id, to_step_id);

CREATE TABLE comments (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  target_kind text NOT NULL CHECK (target_kind IN ('map', 'step', 'flow')),
  target_id text,
  parent_id text,
  author text NOT NULL DEFAULT '',
  text text NOT NULL,
  created_at text NOT NULL,
  resolved_at text,
  resolved_by text,
  UNIQUE (map_id, id)
);
CREATE INDEX comments_map ON comments (map_id);
CREATE INDEX comments_target ON comments (map_id, target_kind, target_id);
CREATE INDEX comments_parent ON comments (map_id, parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE pain_points (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  step_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bottleneck', 'redundant', 'idea',
    'waiting', 'defects', 'overprocessing', 'motion', 'inventory', 'overproduction', 'transport', 'talent')),
  votes integer NOT NULL CHECK (votes >= 1),
  created_at text NOT NULL,
  UNIQUE (map_id, id),
  FOREIGN KEY (map_id, step_id) REFERENCES steps (map_id, id) ON DELETE CASCADE
);
CREATE INDEX pain_points_map ON pain_points (map_id);
CREATE INDEX pain_points_step ON pain_points (map_id, step_id);

-- sticky notes and annotations; step_id has no foreign key: a note of a deleted step stands free
CREATE TABLE notes (
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  text text NOT NULL DEFAULT '',
  x double precision NOT NULL,
  y double precision NOT NULL,
  width double precision,
  step_id text,
  UNIQUE (map_id, id)
);
CREATE INDEX notes_map ON notes (map_id);
CREATE INDEX notes_step ON notes (map_id, step_id) WHERE step_id IS NOT NULL;

-- a version keeps the whole map as it was, never changed afterwards
CREATE TABLE versions (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  map_id text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  name text NOT NULL,
  note text NOT NULL DEFAULT '',
  author text NOT NULL DEFAULT '',
  kind text NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'approved')),
  created_at text NOT NULL,
  step_count integer NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX versions_map ON versions (map_id, created_at);

-- a comment is on this map, or on one of its steps or flows, and replies to a thread of it
CREATE FUNCTION comments_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (
    (NEW.target_kind = 'map' AND NEW.target_id IS NULL)
    OR (NEW.target_kind = 'step' AND EXISTS (SELECT 1 FROM steps s WHERE s.map_id = NEW.map_id AND s.id = NEW.target_id))
    OR (NEW.target_kind = 'flow' AND EXISTS (SELECT 1 FROM flows f WHERE f.map_id = NEW.map_id AND f.id = NEW.target_id))
  ) THEN
    RAISE EXCEPTION 'A comment is on a step or flow that is not in this map.' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW.parent_id IS NOT NULL AND (
    NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = NEW.parent_id AND p.map_id = NEW.map_id AND p.parent_id IS NULL AND p.id <> NEW.id)
    OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = NEW.id))
  ) THEN
    RAISE EXCEPTION 'A reply answers a thread that is not in this map (or answers a reply).' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER comments_check BEFORE INSERT OR UPDATE ON comments FOR EACH ROW EXECUTE FUNCTION comments_check();

-- what hangs on a step, a flow or a thread goes with it, in the same transaction
CREATE FUNCTION steps_delete_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comments WHERE map_id = OLD.map_id AND target_kind = 'step' AND target_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER steps_delete_comments AFTER DELETE ON steps FOR EACH ROW EXECUTE FUNCTION steps_delete_comments();

CREATE FUNCTION flows_delete_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comments WHERE map_id = OLD.map_id AND target_kind = 'flow' AND target_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER flows_delete_comments AFTER DELETE ON flows FOR EACH ROW EXECUTE FUNCTION flows_delete_comments();

CREATE FUNCTION comments_delete_replies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.parent_id IS NULL THEN
    DELETE FROM comments WHERE map_id = OLD.map_id AND parent_id = OLD.id;
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER comments_delete_replies AFTER DELETE ON comments FOR EACH ROW EXECUTE FUNCTION comments_delete_replies();
