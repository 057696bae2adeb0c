import type { GraphDb } from '../../../graphdb/index.js';

import { LOCK_TENANT } from './tenant-lock.js';

/**
 * Forgets one memory in one statement. Locking the Tenant node first makes this wait for the
 * tenant's other writers and then read the memory as they left it (two forgets of one id cannot
 * both count). Then: the NEXT_IN_TIME neighbours are joined, the memory goes with its links,
 * entities none of the tenant's memories mentions any more go too, and the count drops by one.
 * Every neighbour is matched with the tenant, so a stray edge to another tenant's node is never
 * followed: nothing outside the tenant is relinked or deleted.
 */
const FORGET = `
MATCH (t:Tenant {id: $tenant})
${LOCK_TENANT}
WITH t
MATCH (m:Memory {tenant: $tenant, id: $id})
SET t.memoryCount = t.memoryCount - 1
WITH m,
  [(previous:Memory {tenant: $tenant})-[:NEXT_IN_TIME]->(m) | previous][0] AS previous,
  [(m)-[:NEXT_IN_TIME]->(next:Memory {tenant: $tenant}) | next][0] AS next,
  [(m)-[:MENTIONS]->(e:Entity {tenant: $tenant}) | e] AS mentioned
DETACH DELETE m
WITH previous, next, mentioned
CALL (previous, next) {
  WITH previous, next WHERE previous IS NOT NULL AND next IS NOT NULL
  CREATE (previous)-[:NEXT_IN_TIME]->(next)
}
CALL (mentioned) {
  UNWIND mentioned AS e
  WITH e WHERE NOT EXISTS { (e)<-[:MENTIONS]-(:Memory {tenant: $tenant}) }
  DETACH DELETE e
}
RETURN true AS forgotten`;

/** Removes the memory and its links; false when the tenant has no memory with that id. */
export async function forgetMemory(db: GraphDb, tenant: string, id: string): Promise<boolean> {
  return db.writeTransaction(async (tx) => {
    const result = await tx.run(FORGET, { tenant, id });
    return result.records.length > 0;
  });
}
