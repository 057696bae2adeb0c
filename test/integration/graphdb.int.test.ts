import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createGraphDb, fromDate, toDate, toInteger, toNumber, type GraphDb } from '../../src/graphdb/index.js';
import { AppError } from '../../src/shared/index.js';
import { canStartNeo4jInstances, removeNeo4jInstance, startNeo4jInstance, stopNeo4jInstance } from '../support/neo4j-instance.js';

const connection = inject('neo4j');

const UNREACHABLE = 'bolt://127.0.0.1:1';

/** Nodes of this run only: other suites share the database. */
const tenant = `graphdb-${randomUUID()}`;
/** Schema names unique to this run, dropped afterwards. */
const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
const INDEX = `graphdb_probe_${suffix}`;

async function expectUnavailable(work: Promise<unknown>, uri: string): Promise<void> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', details: { backend: 'neo4j' } });
  expect((error as AppError).message).toContain(uri);
}

describe.runIf(connection !== null)('GraphDb against a real Neo4j', () => {
  let db: GraphDb;

  const countProbes = async (): Promise<number> => {
    const [count] = await db.read('MATCH (p:GraphDbProbe {tenant: $tenant}) RETURN count(p) AS n', { tenant }, (r) => toNumber(r.get('n')));
    return count ?? 0;
  };

  beforeAll(() => {
    db = createGraphDb(connection!);
  });

  afterAll(async () => {
    await db.writeTransaction((tx) => tx.run('MATCH (p:GraphDbProbe {tenant: $tenant}) DETACH DELETE p', { tenant }));
    await db.writeTransaction((tx) => tx.run(`DROP INDEX ${INDEX} IF EXISTS`));
    await db.close();
  });

  it('commits a write transaction and reads it back, mapping each record', async () => {
    await db.writeTransaction(async (tx) => {
      await tx.run('CREATE (:GraphDbProbe {tenant: $tenant, name: "a", rank: $rank})', { tenant, rank: toInteger(1) });
      await tx.run('CREATE (:GraphDbProbe {tenant: $tenant, name: "b", rank: $rank})', { tenant, rank: toInteger(2) });
    });
    const rows = await db.read(
      'MATCH (p:GraphDbProbe {tenant: $tenant}) RETURN p.name AS name, p.rank AS rank ORDER BY rank',
      { tenant },
      (r) => ({ name: String(r.get('name')), rank: toNumber(r.get('rank')) }),
    );
    expect(rows).toEqual([
      { name: 'a', rank: 1 },
      { name: 'b', rank: 2 },
    ]);
  });

  it('rolls the whole write transaction back when its work throws', async () => {
    const failing = db.writeTransaction(async (tx) => {
      await tx.run('CREATE (:GraphDbProbe {tenant: $tenant, name: "rolled back"})', { tenant });
      throw new Error('work failed half-way');
    });
    await expect(failing).rejects.toThrow('work failed half-way');
    expect(await countProbes()).toBe(2);
  });

  it('runs several queries in one read transaction', async () => {
    const [names, count] = await db.readTransaction(async (tx) => {
      const listed = await tx.run('MATCH (p:GraphDbProbe {tenant: $tenant}) RETURN p.name AS name ORDER BY name', { tenant });
      const counted = await tx.run('MATCH (p:GraphDbProbe {tenant: $tenant}) RETURN count(p) AS n', { tenant });
      return [listed.records.map((r) => String(r.get('name'))), toNumber(counted.records[0]?.get('n'))] as const;
    });
    expect(names).toEqual(['a', 'b']);
    expect(count).toBe(2);
  });

  it('counts one per round trip: read, transaction, ping', async () => {
    const start = db.queryCount();
    await db.read('RETURN 1 AS one', {}, (r) => r.get('one') as unknown);
    expect(db.queryCount()).toBe(start + 1);
    await db.readTransaction(async (tx) => {
      await tx.run('RETURN 1');
      await tx.run('RETURN 2');
    });
    expect(db.queryCount()).toBe(start + 2);
    await db.ping();
    expect(db.queryCount()).toBe(start + 3);
  });

  it('turns DATETIME values into Dates and back, zoned ones included', async () => {
    const when = new Date('2024-02-29T23:59:59.987Z');
    const rows = await db.read(
      "RETURN $when AS echoed, datetime({epochMillis: $ms, timezone: 'Europe/Paris'}) AS zoned",
      { when: fromDate(when), ms: toInteger(when.getTime()) },
      (r) => ({ echoed: toDate(r.get('echoed')), zoned: toDate(r.get('zoned')) }),
    );
    // A zoned value prints as `…+01:00[Europe/Paris]`; it must still become the same instant.
    expect(rows).toEqual([{ echoed: when, zoned: when }]);
  });

  it('runs a schema once per process, also when asked concurrently', async () => {
    const statements = [`CREATE INDEX ${INDEX} IF NOT EXISTS FOR (p:GraphDbProbe) ON (p.tenant, p.name)`];
    const before = db.queryCount();
    await Promise.all([db.ensureSchema('probe', statements), db.ensureSchema('probe', statements)]);
    expect(db.queryCount()).toBe(before + 1);
    await db.ensureSchema('probe', statements);
    expect(db.queryCount()).toBe(before + 1);
    const [found] = await db.read('SHOW INDEXES YIELD name WHERE name = $name RETURN count(*) AS n', { name: INDEX }, (r) => toNumber(r.get('n')));
    expect(found).toBe(1);
  });

  it('forgets a failed schema run, so the next call tries again', async () => {
    await expect(db.ensureSchema('retried', ['THIS IS NOT CYPHER'])).rejects.toThrow();
    const before = db.queryCount();
    await db.ensureSchema('retried', ['RETURN 1']);
    expect(db.queryCount()).toBe(before + 1);
    await db.ensureSchema('retried', ['THIS IS NOT CYPHER']);
    expect(db.queryCount()).toBe(before + 1);
  });

  it('passes a constraint violation or a bad query through as the driver’s error, not BACKEND_UNAVAILABLE', async () => {
    const constraint = `graphdb_probe_unique_${suffix}`;
    await db.ensureSchema('probe-unique', [`CREATE CONSTRAINT ${constraint} IF NOT EXISTS FOR (p:GraphDbProbe) REQUIRE (p.tenant, p.rank) IS UNIQUE`]);
    const createRanked = (): Promise<unknown> =>
      db.writeTransaction((tx) => tx.run('CREATE (:GraphDbProbe {tenant: $tenant, name: "ranked", rank: $rank})', { tenant, rank: toInteger(99) }));
    try {
      await createRanked();
      const before = await countProbes();
      await expect(createRanked()).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
      await expect(db.read('RETURN nonsense(', {}, () => 1)).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
      expect(await countProbes()).toBe(before);
    } finally {
      await db.writeTransaction((tx) => tx.run(`DROP CONSTRAINT ${constraint} IF EXISTS`));
    }
  });

  it('rejects with BACKEND_UNAVAILABLE after close', async () => {
    const own = createGraphDb(connection!);
    await own.ping();
    await own.close();
    await own.close();
    await expect(own.ping()).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(own.read('RETURN 1', {}, () => 1)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(own.writeTransaction(() => Promise.resolve())).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(own.ensureSchema('after-close', ['RETURN 1'])).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});

// Needs no server: nothing listens on port 1.
describe('GraphDb when Neo4j does not answer', () => {
  let down: GraphDb;

  beforeAll(() => {
    down = createGraphDb({ uri: UNREACHABLE, user: 'neo4j', password: 'unused' });
  });

  afterAll(async () => {
    await down.close();
  });

  const calls: readonly (readonly [string, (db: GraphDb) => Promise<unknown>])[] = [
    ['ping', (db) => db.ping()],
    ['read', (db) => db.read('RETURN 1', {}, () => 1)],
    ['readTransaction', (db) => db.readTransaction((tx) => tx.run('RETURN 1'))],
    ['writeTransaction', (db) => db.writeTransaction((tx) => tx.run('RETURN 1'))],
  ];

  it.each(calls)('fails %s within 5 s with BACKEND_UNAVAILABLE naming the URI', async (_name, call) => {
    const started = performance.now();
    await expectUnavailable(call(down), UNREACHABLE);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('fails with BACKEND_UNAVAILABLE when the server accepts connections but never answers', async () => {
    const silent = createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const uri = `bolt://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const frozen = createGraphDb({ uri, user: 'neo4j', password: 'unused', connectionTimeoutMs: 500 });
    try {
      await expectUnavailable(frozen.read('RETURN 1', {}, () => 1), uri);
    } finally {
      await frozen.close();
      silent.close();
    }
  });

  it('tries a schema again on the next call after the server was unreachable', async () => {
    await expectUnavailable(down.ensureSchema('late', ['RETURN 1']), UNREACHABLE);
    const before = down.queryCount();
    await expectUnavailable(down.ensureSchema('late', ['RETURN 1']), UNREACHABLE);
    expect(down.queryCount()).toBe(before + 1);
  });
});

// Its own server, beside the shared one, so that stopping it disturbs no other suite.
describe.runIf(connection !== null && canStartNeo4jInstances())('GraphDb across a Neo4j restart', () => {
  const instance = `graphdb-restart-${process.pid}`;

  afterAll(async () => {
    await removeNeo4jInstance(instance);
  });

  it('answers BACKEND_UNAVAILABLE while Neo4j is down and works again once it is back, data kept', async () => {
    const before = await startNeo4jInstance(instance);
    const db = createGraphDb(before);
    try {
      await db.writeTransaction((tx) => tx.run('CREATE (:GraphDbProbe {tenant: $tenant, name: "survivor"})', { tenant }));
      await stopNeo4jInstance(instance);
      const started = performance.now();
      await expectUnavailable(db.ping(), before.uri);
      expect(performance.now() - started).toBeLessThan(5_000);

      const after = await startNeo4jInstance(instance, { keepData: true });
      expect(after).toEqual(before);
      // The same GraphDb, with connections from before the restart in its pool.
      const names = await db.read('MATCH (p:GraphDbProbe {tenant: $tenant}) RETURN p.name AS name', { tenant }, (r) => String(r.get('name')));
      expect(names).toEqual(['survivor']);
    } finally {
      await db.close();
    }
  }, 300_000);
});
