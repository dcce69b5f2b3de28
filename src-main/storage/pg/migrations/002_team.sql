-- The team library's accounts (issue 16): users and their rights, sessions, the sign-in rate
-- limit every server on the database shares, and who made each write. Used by
-- src-main/team/accounts.ts. Never edit a released migration: add the next file.

-- login_key is the login as compared (NFC, lower case: computed by accounts.ts, so the
-- comparison does not depend on the database's locale); login keeps what the admin typed.
CREATE TABLE users (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  login text NOT NULL CHECK (char_length(login) BETWEEN 1 AND 100),
  login_key text NOT NULL UNIQUE CHECK (char_length(login_key) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('viewer', 'commenter', 'editor', 'admin')),
  -- scrypt$N$r$p$salt$hash (base64url); never the password
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- only the SHA-256 of a token is kept: a copy of the database does not sign anyone in
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- failed sign-ins, per login ('login:<login_key>') and per address ('address:<ip>'):
-- after 5 failures a wait, each one longer; shared by every server on this database
CREATE TABLE sign_in_limits (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz
);
CREATE INDEX sign_in_limits_last ON sign_in_limits (last_failure_at);

-- who made each write (the map's row may be gone: no foreign key on map_id); a removed
-- user's writes keep the name they were made under
CREATE TABLE map_writes (
  id bigserial PRIMARY KEY,
  map_id text NOT NULL,
  revision integer,
  kind text NOT NULL CHECK (kind IN ('insert', 'apply', 'rename', 'remove', 'version')),
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  user_name text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX map_writes_map ON map_writes (map_id, id);
