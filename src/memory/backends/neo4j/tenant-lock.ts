/**
 * Cypher that takes the write lock of the Tenant node bound to `t` before the statement reads
 * anything else, and holds it until commit, so one tenant's remembers and forgets run one after
 * the other. It writes a property that is not there and removes it again (Neo4j's documented
 * explicit-lock idiom). Measured on Neo4j 5.26, the obvious alternatives fail under concurrency:
 * `SET t.memoryCount = t.memoryCount` reads the count before it locks and keeps that stale value
 * (concurrent forgets lost their decrements), and a remember that locked only through
 * `SET t.lastSeq = t.lastSeq + n` deadlocked with a forget waiting for the same tenant.
 */
export const LOCK_TENANT = `SET t._lock = true
REMOVE t._lock`;
