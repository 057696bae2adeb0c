import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const connection = inject('neo4j');

describe.runIf(connection !== null)('the Neo4j test server', () => {
  let driver: Driver;

  beforeAll(() => {
    const { uri, user, password } = connection!;
    // Fail fast instead of the driver's default 30 s of retries when the server is gone.
    driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { maxTransactionRetryTime: 0, connectionTimeout: 5_000 });
  });

  afterAll(async () => {
    await driver.close();
  });

  it('answers over Bolt with the APOC core procedures installed', async () => {
    const { records } = await driver.executeQuery('RETURN apoc.version() AS version, 1 + 1 AS two');
    expect(records[0]?.get('version')).toMatch(/^5\.26\./);
    expect(records[0]?.get('two')).toEqual(neo4j.int(2));
  });

  it('serves cosine queries from a native vector index', async () => {
    const label = `Probe${Date.now()}`;
    await driver.executeQuery(
      `CREATE VECTOR INDEX ${label}_vec IF NOT EXISTS FOR (n:${label}) ON n.embedding
       OPTIONS { indexConfig: { \`vector.dimensions\`: 3, \`vector.similarity_function\`: 'cosine' } }`,
    );
    await driver.executeQuery('CALL db.awaitIndexes(60)');
    await driver.executeQuery(`UNWIND $rows AS row CREATE (:${label} { id: row.id, embedding: row.embedding })`, {
      rows: [
        { id: 'a', embedding: [1, 0, 0] },
        { id: 'b', embedding: [0, 1, 0] },
      ],
    });
    const { records } = await driver.executeQuery(
      `CALL db.index.vector.queryNodes('${label}_vec', 1, $query) YIELD node RETURN node.id AS id`,
      { query: [0.9, 0.1, 0] },
    );
    expect(records.map((record) => String(record.get('id')))).toEqual(['a']);
    await driver.executeQuery(`MATCH (n:${label}) DETACH DELETE n`);
    await driver.executeQuery(`DROP INDEX ${label}_vec`);
  });
});
