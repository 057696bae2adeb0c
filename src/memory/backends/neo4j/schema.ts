import type { GraphDb } from '../../../graphdb/index.js';
import { AppError } from '../../../shared/index.js';

import { TEXT_INDEX, VECTOR_INDEX } from './memory-node.js';

/** How long the first start waits for new indexes to come online. */
const AWAIT_INDEXES_SECONDS = 300;

/**
 * Constraints and indexes of docs/graph-model.md for memories, entities and tenants. Every
 * statement is idempotent; the last one waits until new indexes are populated, so the first
 * recall does not race an index still being built.
 */
export function memorySchemaStatements(dimensions: number): string[] {
  return [
    'CREATE CONSTRAINT memory_tenant_id IF NOT EXISTS FOR (m:Memory) REQUIRE (m.tenant, m.id) IS UNIQUE',
    'CREATE CONSTRAINT entity_tenant_key IF NOT EXISTS FOR (e:Entity) REQUIRE (e.tenant, e.key) IS UNIQUE',
    'CREATE CONSTRAINT tenant_id IF NOT EXISTS FOR (t:Tenant) REQUIRE t.id IS UNIQUE',
    'CREATE INDEX memory_tenant_seq IF NOT EXISTS FOR (m:Memory) ON (m.tenant, m.seq)',
    'CREATE INDEX memory_tenant_created IF NOT EXISTS FOR (m:Memory) ON (m.tenant, m.createdAt)',
    'CREATE INDEX memory_tenant_session IF NOT EXISTS FOR (m:Memory) ON (m.tenant, m.sessionId)',
    `CREATE VECTOR INDEX ${VECTOR_INDEX} IF NOT EXISTS FOR (m:Memory) ON m.embedding
     OPTIONS { indexConfig: { \`vector.dimensions\`: ${dimensions}, \`vector.similarity_function\`: 'cosine' } }`,
    `CREATE FULLTEXT INDEX ${TEXT_INDEX} IF NOT EXISTS FOR (m:Memory) ON EACH [m.text, m.tenantKey]`,
    `CALL db.awaitIndexes(${AWAIT_INDEXES_SECONDS})`,
  ];
}

interface IndexInfo {
  readonly name: string;
  readonly type: string;
  readonly properties: readonly string[];
  readonly dimensions: number | null;
  readonly similarity: string | null;
}

async function memoryIndexes(db: GraphDb): Promise<IndexInfo[]> {
  return db.read(
    `SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options
     WHERE type IN ['VECTOR', 'FULLTEXT'] AND 'Memory' IN labelsOrTypes
     RETURN name, type, properties, options.indexConfig['vector.dimensions'] AS dimensions,
       options.indexConfig['vector.similarity_function'] AS similarity`,
    {},
    (record) => {
      const dimensions: unknown = record.get('dimensions');
      const similarity: unknown = record.get('similarity');
      return {
        name: String(record.get('name')),
        type: String(record.get('type')),
        properties: (record.get('properties') as unknown[]).map(String),
        dimensions: dimensions === null ? null : Number(dimensions),
        similarity: typeof similarity === 'string' ? similarity : null,
      };
    },
  );
}

function schemaError(message: string, details: Readonly<Record<string, unknown>>): AppError {
  return new AppError('INTERNAL_SERVER_ERROR', message, { details: { backend: 'neo4j', ...details } });
}

/** `CREATE … IF NOT EXISTS` is silent when an equivalent index has another name: say which one is in the way. */
function missingIndexError(indexes: readonly IndexInfo[], name: string, type: string, properties: readonly string[]): AppError {
  const twin = indexes.find((index) => index.type === type && index.properties.join() === properties.join());
  const hint = twin === undefined ? 'check that the Neo4j user may create indexes' : `an equivalent index "${twin.name}" blocks it; drop it with \`DROP INDEX ${twin.name}\``;
  return schemaError(`Neo4j has no ${type.toLowerCase()} index "${name}" on :Memory: ${hint}, then restart.`, { index: name });
}

/**
 * Fails with a message that says how to fix it when the database's memory indexes do not fit
 * this store: a vector index of another size (another embedder wrote it) or a missing index.
 */
export async function checkMemoryIndexes(db: GraphDb, dimensions: number): Promise<void> {
  const indexes = await memoryIndexes(db);
  const vector = indexes.find((index) => index.name === VECTOR_INDEX);
  if (vector === undefined) {
    throw missingIndexError(indexes, VECTOR_INDEX, 'VECTOR', ['embedding']);
  }
  if (vector.dimensions !== dimensions || vector.similarity?.toLowerCase() !== 'cosine') {
    throw schemaError(
      `The Neo4j vector index "${VECTOR_INDEX}" holds ${vector.dimensions ?? '?'}-dim ${vector.similarity ?? '?'} vectors, ` +
        `but the embedder makes ${dimensions}-dim ones. Configure the embedder that wrote these memories; or, to switch ` +
        `embedders, run \`DROP INDEX ${VECTOR_INDEX}\`, delete or re-embed the stored memories (their \`embedding\` ` +
        `property), and restart: the index is then created for ${dimensions} dimensions.`,
      { index: VECTOR_INDEX, expected: dimensions, found: vector.dimensions },
    );
  }
  if (!indexes.some((index) => index.name === TEXT_INDEX)) {
    throw missingIndexError(indexes, TEXT_INDEX, 'FULLTEXT', ['text', 'tenantKey']);
  }
}

/**
 * Resolves once the schema is in place and fits this store. Cheap after the first success
 * (the settled promise is kept); a failure is forgotten, so the next call tries again: a
 * server that was down when the store was made gets its schema on the first call that reaches it.
 */
export function createSchemaGate(db: GraphDb, dimensions: number): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    if (ready === undefined) {
      const attempt = db.ensureSchema('memory', memorySchemaStatements(dimensions)).then(() => checkMemoryIndexes(db, dimensions));
      attempt.catch(() => {
        if (ready === attempt) {
          ready = undefined;
        }
      });
      ready = attempt;
    }
    return ready;
  };
}
