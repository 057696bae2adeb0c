import { Neo4jError, type Record as Neo4jRecord } from 'neo4j-driver';

import { fromDate, toInteger, toNumber, type GraphDb } from '../graphdb/index.js';
import { AppError } from '../shared/index.js';

import type { Spacetime, SpacetimeStore } from './types.js';
import { fromWeaveBody, toWeaveBody, usedMemories } from './weave-body.js';

/** The Weave part of docs/graph-model.md; idempotent, run by GraphDb once per process. */
const SCHEMA = [
  'CREATE CONSTRAINT weave_tenant_id IF NOT EXISTS FOR (w:Weave) REQUIRE (w.tenant, w.id) IS UNIQUE',
  'CREATE RANGE INDEX weave_tenant_created IF NOT EXISTS FOR (w:Weave) ON (w.tenant, w.createdAt)',
];

/**
 * The Weave and its USED links in one statement. The increment reads `accessCount` inside the SET,
 * so Neo4j takes the memory's write lock before reading it and concurrent weaves lose no counts.
 * A memory forgotten before the save matches nothing and is simply not linked; one forgotten while
 * the save waits for its lock fails the statement (see saveWeave).
 */
const SAVE = `
CREATE (w:Weave $weave)
WITH w
UNWIND $used AS use
MATCH (m:Memory {tenant: $tenant, id: use.id})
CREATE (w)-[:USED {score: use.score, rank: use.rank}]->(m)
SET m.accessCount = coalesce(m.accessCount, 0) + 1`;

const BY_ID = 'MATCH (w:Weave {tenant: $tenant, id: $id}) RETURN w.body AS body, w.reward AS reward';

// Ids are random, so the tiebreak only makes equal timestamps come back in one fixed order.
const PAGE = `
MATCH (w:Weave {tenant: $tenant})
RETURN w.body AS body, w.reward AS reward
ORDER BY w.createdAt DESC, w.id DESC
SKIP $offset LIMIT $limit`;

const SET_REWARD = `
MATCH (w:Weave {tenant: $tenant, id: $id})
SET w.reward = $reward, w.feedback = $feedback
RETURN count(w) AS updated`;

export interface Neo4jSpacetimeStoreOptions {
  /** The shared connection; the composition root owns it and closes it. */
  readonly db: GraphDb;
}

/** The Weave node's properties; null ones are simply not stored. */
function weaveProperties(spacetime: Spacetime): Record<string, unknown> {
  return {
    id: spacetime.id,
    tenant: spacetime.tenant,
    query: spacetime.query,
    tool: spacetime.tool,
    mode: spacetime.mode,
    response: spacetime.response,
    confidence: spacetime.confidence,
    reward: spacetime.reward,
    durationMs: spacetime.durationMs,
    createdAt: fromDate(spacetime.createdAt),
    cacheHit: spacetime.cacheHit,
    sessionId: spacetime.sessionId,
    errorCode: spacetime.errorCode,
    body: toWeaveBody(spacetime),
  };
}

function toSpacetime(record: Neo4jRecord): Spacetime {
  const reward: unknown = record.get('reward');
  return fromWeaveBody(String(record.get('body')), reward === null ? null : toNumber(reward));
}

/** What Neo4j answers when a node the statement matched was deleted before it could lock it. */
const MATCHED_NODE_DELETED = 'Neo.ClientError.Statement.EntityNotFound';
/** Runs of one save: each retry follows a forget that committed while the save waited. */
const SAVE_ATTEMPTS = 3;

/**
 * Saves in one transaction. A used memory forgotten while this save waited for its lock makes
 * Neo4j fail the whole statement (the driver does not retry a client error); run again, the save
 * no longer matches that memory, so the weave is kept instead of lost.
 */
async function saveWeave(db: GraphDb, spacetime: Spacetime): Promise<void> {
  const used = usedMemories(spacetime).map((use) => ({ ...use, rank: toInteger(use.rank) }));
  const params = { weave: weaveProperties(spacetime), tenant: spacetime.tenant, used };
  for (let attempt = 1; ; attempt++) {
    try {
      await db.writeTransaction((tx) => tx.run(SAVE, params));
      return;
    } catch (error) {
      if (!(error instanceof Neo4jError && error.code === MATCHED_NODE_DELETED) || attempt >= SAVE_ATTEMPTS) {
        throw error;
      }
    }
  }
}

/** A page bound Cypher accepts: a whole, non-negative INTEGER. */
function pageBound(value: number): ReturnType<typeof toInteger> {
  return toInteger(Math.max(0, value));
}

/** Spacetimes as `Weave` nodes linked to the memories they used (HOLOLOOM_BACKEND=neo4j). */
export function createNeo4jSpacetimeStore({ db }: Neo4jSpacetimeStoreOptions): SpacetimeStore {
  let closed = false;

  /** Every call first makes sure the schema exists: a Neo4j that was down at start gets it later. */
  async function ready(): Promise<void> {
    if (closed) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The Neo4j spacetime store is closed.', { details: { backend: 'neo4j' } });
    }
    await db.ensureSchema('spacetime', SCHEMA);
  }

  return {
    async save(spacetime) {
      await ready();
      await saveWeave(db, spacetime);
    },
    async get(tenant, id) {
      await ready();
      const [found] = await db.read(BY_ID, { tenant, id }, toSpacetime);
      return found;
    },
    async list(tenant, limit, offset) {
      await ready();
      return db.read(PAGE, { tenant, limit: pageBound(limit), offset: pageBound(offset) }, toSpacetime);
    },
    async setReward(tenant, id, reward, feedback = {}) {
      await ready();
      return db.writeTransaction(async (tx) => {
        const result = await tx.run(SET_REWARD, { tenant, id, reward, feedback: JSON.stringify(feedback) });
        return toNumber(result.records[0]?.get('updated') ?? 0) > 0;
      });
    },
    close() {
      // The GraphDb is shared with the memory store and the generated API; only this handle closes.
      closed = true;
      return Promise.resolve();
    },
  };
}
