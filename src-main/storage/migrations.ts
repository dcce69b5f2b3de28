/**
 * Numbered schema migrations. Each runs in a transaction and sets `PRAGMA user_version`.
 * Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
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
];
