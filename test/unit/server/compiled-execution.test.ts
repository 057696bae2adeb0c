import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';

import { createFormatError } from '../../../src/graphql/index.js';
import { createSilentLogger } from '../../../src/observability/index.js';
import { compiledExecutionGateway } from '../../../src/server/index.js';
import { NotFoundError } from '../../../src/shared/index.js';

const typeDefs = /* GraphQL */ `
  enum Mode { FAST FUSED }
  input Ask { text: String!, mode: Mode = FAST, k: Int }
  type Hit { id: ID!, score: Float!, tags: [String!]! }
  type Answer { text: String!, mode: Mode!, hits: [Hit!]!, missing: String }
  type Query { answer(ask: Ask!): Answer!, graph: String, version: String }
  type Mutation { bump(waitMs: Int = 0): Int! }
`;

function probe() {
  let bumps = 0;
  const resolvers = {
    Query: {
      answer: async (_: unknown, { ask }: { ask: { text: string; mode: string; k?: number | null } }) => {
        await Promise.resolve();
        const hits = Array.from({ length: ask.k ?? 2 }, (_unused, i) => ({ id: `m${i}`, score: 1 / (i + 1), tags: [ask.text] }));
        return { text: ask.text.toUpperCase(), mode: ask.mode, hits };
      },
      graph: () => 'interpreted',
      version: () => '1',
    },
    Answer: {
      missing: () => {
        throw new NotFoundError('memory', 'm-42');
      },
    },
    Mutation: {
      // Counts when it finishes: run concurrently, a slow first bump would finish last.
      bump: async (_: unknown, { waitMs }: { waitMs: number }) => {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        return ++bumps;
      },
    },
  };
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  const gateway = compiledExecutionGateway(schema, { interpretedRootFields: new Set(['graph']) });
  const server = new ApolloServer({ gateway, formatError: createFormatError({ production: true, logger: createSilentLogger() }) });
  return { server, gateway };
}

type Probe = ReturnType<typeof probe>;

async function run(server: ApolloServer, query: string, variables?: Record<string, unknown>, operationName?: string) {
  const response = await server.executeOperation({ query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) });
  if (response.body.kind !== 'single') {
    throw new Error('expected a single result');
  }
  const { data, errors } = response.body.singleResult;
  return { status: response.http.status, data, errors };
}

const ANSWER = 'query A($ask: Ask!) { answer(ask: $ask) { text mode hits { id score tags } } }';

async function started<T>(work: (probe: Probe) => Promise<T>): Promise<T> {
  const each = probe();
  await each.server.start();
  try {
    return await work(each);
  } finally {
    await each.server.stop();
  }
}

describe('compiledExecutionGateway', () => {
  it('interprets a document once, then runs it compiled with the same answers', () =>
    started(async ({ server, gateway }) => {
      const first = await run(server, ANSWER, { ask: { text: 'who', k: 3 } });
      expect(gateway.stats()).toEqual({ compiled: 0, interpreted: 1 });
      const second = await run(server, ANSWER, { ask: { text: 'who', k: 3 } });
      const third = await run(server, ANSWER, { ask: { text: 'else', mode: 'FUSED' } });
      expect(gateway.stats()).toEqual({ compiled: 2, interpreted: 1 });
      expect(second).toEqual(first);
      expect(first.data).toEqual({ answer: { text: 'WHO', mode: 'FAST', hits: [0, 1, 2].map((i) => ({ id: `m${i}`, score: 1 / (i + 1), tags: ['who'] })) } });
      expect(third.data).toEqual({ answer: { text: 'ELSE', mode: 'FUSED', hits: [0, 1].map((i) => ({ id: `m${i}`, score: 1 / (i + 1), tags: ['else'] })) } });
    }));

  it('formats a compiled resolver error as the interpreter does: code, message, path and locations', () =>
    started(async ({ server, gateway }) => {
      const query = 'query M { answer(ask: { text: "x", k: 0 }) { text missing } }';
      const interpreted = await run(server, query);
      const compiled = await run(server, query);
      expect(gateway.stats().compiled).toBe(1);
      expect(compiled).toEqual(interpreted);
      expect(compiled.data).toEqual({ answer: { text: 'X', missing: null } });
      expect(compiled.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, path: ['answer', 'missing'], locations: [{ line: 1, column: 51 }] });
    }));

  it('rejects bad variables on the compiled path with BAD_USER_INPUT, as the interpreter does', () =>
    started(async ({ server, gateway }) => {
      await run(server, ANSWER, { ask: { text: 'ok' } });
      const wrongEnum = await run(server, ANSWER, { ask: { text: 'x', mode: 'SLOW' } });
      const missing = await run(server, ANSWER, {});
      expect(gateway.stats()).toEqual({ compiled: 2, interpreted: 1 });
      for (const bad of [wrongEnum, missing]) {
        expect(bad.status).toBe(400);
        expect(bad.data).toBeUndefined();
        expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      }
      expect(wrongEnum.errors?.[0]?.message).toContain('Variable "$ask" got invalid value "SLOW" at "ask.mode"');
    }));

  it('keeps interpreted root fields, introspection and fragments at the root off the compiled path', () =>
    started(async ({ server, gateway }) => {
      for (const query of ['{ graph version }', '{ __typename version }', '{ ...V } fragment V on Query { version }']) {
        const answers = [await run(server, query), await run(server, query), await run(server, query)];
        expect(answers[2]).toEqual(answers[0]);
      }
      expect(gateway.stats()).toEqual({ compiled: 0, interpreted: 9 });
    }));

  it('compiles each operation of a document on its own, and runs mutations compiled too', () =>
    started(async ({ server, gateway }) => {
      const document = 'query V { version } mutation B { bump }';
      const bumps: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        expect((await run(server, document, undefined, 'V')).data).toEqual({ version: '1' });
        bumps.push((await run(server, document, undefined, 'B')).data);
      }
      expect(bumps).toEqual([{ bump: 1 }, { bump: 2 }, { bump: 3 }]);
      // Each operation's first run is interpreted, every later one compiled.
      expect(gateway.stats()).toEqual({ compiled: 4, interpreted: 2 });
    }));

  it('runs a compiled mutation’s root fields one after another, as the spec asks', () =>
    started(async ({ server, gateway }) => {
      const serial = 'mutation S { first: bump(waitMs: 30) second: bump(waitMs: 0) }';
      const interpreted = await run(server, serial);
      const compiled = await run(server, serial);
      expect(gateway.stats()).toEqual({ compiled: 1, interpreted: 1 });
      expect(interpreted.data).toEqual({ first: 1, second: 2 });
      expect(compiled.data).toEqual({ first: 3, second: 4 });
    }));
});
