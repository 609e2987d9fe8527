import GRDB

/// The store's schema, as named migrations applied in order; a migration once shipped never changes.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tenant-and-resources") { db in
            try db.execute(sql: """
                CREATE TABLE tenant (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  revision INTEGER NOT NULL,
                  created_at REAL NOT NULL,
                  mfa_required INTEGER NOT NULL,
                  default_role TEXT NOT NULL,
                  notification_channels TEXT NOT NULL,
                  prune INTEGER NOT NULL,
                  settings_revision INTEGER NOT NULL,
                  settings_updated_at REAL NOT NULL
                );
                CREATE TABLE environment (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  slug TEXT NOT NULL UNIQUE,
                  name TEXT NOT NULL,
                  description TEXT,
                  is_production INTEGER NOT NULL,
                  enforcement_mode TEXT NOT NULL,
                  labels TEXT NOT NULL,
                  is_default INTEGER NOT NULL,
                  revision INTEGER NOT NULL,
                  created_at REAL NOT NULL,
                  updated_at REAL NOT NULL
                );
                CREATE TABLE agent (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
                  name TEXT NOT NULL,
                  description TEXT,
                  mission_scope TEXT,
                  status TEXT NOT NULL,
                  labels TEXT NOT NULL,
                  revision INTEGER NOT NULL,
                  created_at REAL NOT NULL,
                  updated_at REAL NOT NULL,
                  UNIQUE (environment_id, name)
                );
                CREATE TABLE policy (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
                  name TEXT NOT NULL,
                  type TEXT NOT NULL,
                  action_pattern TEXT NOT NULL,
                  priority INTEGER NOT NULL,
                  constraints TEXT NOT NULL,
                  description TEXT,
                  labels TEXT NOT NULL,
                  revision INTEGER NOT NULL,
                  created_at REAL NOT NULL,
                  updated_at REAL NOT NULL,
                  UNIQUE (environment_id, name)
                );
                CREATE TABLE api_key (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  environment_id INTEGER REFERENCES environment(id) ON DELETE CASCADE,
                  name TEXT NOT NULL,
                  role TEXT NOT NULL,
                  prefix TEXT NOT NULL,
                  secret_hash BLOB NOT NULL,
                  labels TEXT NOT NULL,
                  revoked_at REAL,
                  revision INTEGER NOT NULL,
                  created_at REAL NOT NULL,
                  updated_at REAL NOT NULL
                );
                -- A name is taken only by a live key: a revoked key's name may be reused.
                CREATE UNIQUE INDEX api_key_name ON api_key (ifnull(environment_id, 0), name) WHERE revoked_at IS NULL;
                CREATE INDEX api_key_prefix ON api_key (prefix);
                CREATE TABLE credential (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  environment_id INTEGER REFERENCES environment(id) ON DELETE CASCADE,
                  name TEXT NOT NULL,
                  type TEXT NOT NULL,
                  sealed_value BLOB NOT NULL,
                  fingerprint TEXT NOT NULL,
                  labels TEXT NOT NULL,
                  revision INTEGER NOT NULL,
                  created_at REAL NOT NULL,
                  updated_at REAL NOT NULL
                );
                CREATE UNIQUE INDEX credential_name ON credential (ifnull(environment_id, 0), name);
                CREATE TABLE credential_grant (
                  credential_id INTEGER NOT NULL REFERENCES credential(id) ON DELETE CASCADE,
                  agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
                  created_at REAL NOT NULL,
                  PRIMARY KEY (credential_id, agent_id)
                );
                CREATE INDEX credential_grant_agent ON credential_grant (agent_id);
                -- No foreign key to environment: events outlive their environment by 90 days.
                CREATE TABLE audit_event (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  time REAL NOT NULL,
                  principal TEXT NOT NULL,
                  action TEXT NOT NULL,
                  resource TEXT NOT NULL,
                  environment_id INTEGER,
                  environment TEXT,
                  before TEXT,
                  after TEXT,
                  environment_deleted_at REAL
                );
                CREATE INDEX audit_event_environment ON audit_event (environment_id, time);
                CREATE INDEX audit_event_time ON audit_event (time);
                """)
        }
        // Retention follows the flag when the event was written as well as now: removing the flag later must not
        // cut a production year to 90 days. NULL for events written before this migration.
        migrator.registerMigration("v2-audit-production-at-write") { db in
            try db.execute(sql: "ALTER TABLE audit_event ADD COLUMN production INTEGER")
        }
        return migrator
    }
}
