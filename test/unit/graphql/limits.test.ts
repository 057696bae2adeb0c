import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

import { createDepthLimitRule } from '../../../src/graphql/index.js';
import { createSilentLogger } from '../../../src/observability/index.js';
import { createErrorProbeServer, errorsOf } from './error-probe-server.js';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID, child: Node }
`);

function depthErrors(query: string, maxDepth: number): string[] {
  const rules = [...specifiedRules, createDepthLimitRule(maxDepth)];
  return validate(schema, parse(query), rules).map((error) => error.message);
}

describe('createDepthLimitRule', () => {
  it('accepts an operation exactly at the limit', () => {
    expect(depthErrors('{ node { child { id } } }', 3)).toEqual([]);
  });

  it('rejects an operation one level too deep, naming both numbers', () => {
    expect(depthErrors('{ node { child { child { id } } } }', 3)).toEqual([
      'Query depth 4 exceeds the limit of 3',
    ]);
  });

  it('counts through fragment spreads and inline fragments', () => {
    const query = `
      { node { ...Deep } }
      fragment Deep on Node { child { ... on Node { child { id } } } }
    `;
    expect(depthErrors(query, 3)).toEqual(['Query depth 4 exceeds the limit of 3']);
  });

  it('terminates on fragment cycles (reported by the standard rules instead)', () => {
    const query = `
      { node { ...A } }
      fragment A on Node { child { ...B } }
      fragment B on Node { child { ...A } }
    `;
    expect(
      depthErrors(query, 10).some((message) => message.includes('Cannot spread fragment')),
    ).toBe(true);
  });

  it('stays fast when fragments fan out exponentially', () => {
    const levels = Array.from({ length: 30 }, (_, i) => i);
    const fragments = levels.map(
      (i) => `fragment F${i} on Node { a: child { ...F${i + 1} } b: child { ...F${i + 1} } }`,
    );
    const query = `{ node { ...F0 } } ${fragments.join(' ')} fragment F30 on Node { id }`;
    const started = performance.now();
    expect(depthErrors(query, 100)).toEqual([]);
    expect(depthErrors(query, 10)).toEqual(['Query depth 32 exceeds the limit of 10']);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('ignores introspection fields so tools like Sandbox still load the schema', () => {
    const query = '{ __schema { types { fields { type { ofType { ofType { name } } } } } } }';
    expect(depthErrors(query, 1)).toEqual([]);
  });

  it('reaches the client as BAD_USER_INPUT through Apollo, which re-codes validation errors', async () => {
    const server = createErrorProbeServer({
      production: true,
      logger: createSilentLogger(),
      validationRules: [createDepthLimitRule(2)],
    });
    const [error] = await errorsOf(server, '{ nested { nested { value } } }');
    expect(error?.message).toBe('Query depth 3 exceeds the limit of 2');
    expect(error?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      details: { depth: 3, maxDepth: 2 },
    });
  });
});
