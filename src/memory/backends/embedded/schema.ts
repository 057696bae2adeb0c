/**
 * Schema steps for `memories.db`, applied once each by `migrate` (append, never edit a shipped
 * step). `seq` is the integer rowid every other table and the vector index refer to; `id` is
 * the public `mem_…` id.
 */
export const MEMORY_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE memories (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    tenant     TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    tags       TEXT    NOT NULL DEFAULT '[]',
    -- Entity names as extracted from this text, in order: records need no join to show them.
    entities   TEXT    NOT NULL DEFAULT '[]',
    source     TEXT,
    session_id TEXT,
    -- Full-size Float32 embedding, little-endian as the platform writes it.
    vector     BLOB    NOT NULL
  );
  -- Index entries end with the rowid, so this also lists a tenant's memories in insertion order.
  CREATE INDEX memories_tenant ON memories (tenant);
  CREATE INDEX memories_tenant_session ON memories (tenant, session_id, created_at);

  -- External-content FTS5 over memories.text; triggers keep it in step with the table.
  CREATE VIRTUAL TABLE memories_fts USING fts5(
    text,
    content = 'memories',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, text) VALUES (new.seq, new.text);
  END;
  CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.seq, old.text);
  END;

  -- Per-term document counts, read once at open to estimate keyword query cost.
  CREATE VIRTUAL TABLE memories_vocab USING fts5vocab(memories_fts, row);

  CREATE TABLE entities (
    eid       INTEGER PRIMARY KEY,
    tenant    TEXT NOT NULL,
    name      TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    UNIQUE (tenant, norm_name)
  );

  -- (Memory)-[:MENTIONS]->(Entity)
  CREATE TABLE mentions (
    memory_seq INTEGER NOT NULL REFERENCES memories (seq) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities (eid),
    PRIMARY KEY (memory_seq, entity_id)
  ) WITHOUT ROWID;
  CREATE INDEX mentions_by_entity ON mentions (entity_id, memory_seq);

  -- (prev:Memory)-[:NEXT_IN_TIME]->(next:Memory), per tenant in insertion order.
  CREATE TABLE next_in_time (
    prev_seq INTEGER PRIMARY KEY REFERENCES memories (seq) ON DELETE CASCADE,
    next_seq INTEGER NOT NULL UNIQUE REFERENCES memories (seq) ON DELETE CASCADE
  );
  `,
  // The PCA basis the store projects its Matryoshka scales with (see projection-fit.ts).
  `
  CREATE TABLE projection (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    n         INTEGER NOT NULL,
    k         INTEGER NOT NULL,
    basis     BLOB    NOT NULL,
    mean      BLOB    NOT NULL,
    fitted_on INTEGER NOT NULL
  );
  `,
  // Each memory's 192-dim projection under the stored PCA basis (NULL under truncation), so
  // neither the re-rank nor opening the store has to project vectors again.
  'ALTER TABLE memories ADD COLUMN projected BLOB;',
  // Facts about the file itself, e.g. which embedder wrote its vectors.
  'CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);',
  // A refit's projections, written page by page while it runs and moved into `projected` at its
  // swap, so a refit never holds every row's projection in memory.
  'ALTER TABLE memories ADD COLUMN projected_next BLOB;',
];
