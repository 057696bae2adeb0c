import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';

import { defineBenchCommand, toBenchOptions, type BenchFlags, type BenchOptions } from '../../../src/bench/options.js';

/** Parses `args` as `hololoom bench` would and returns what the action would run with. */
async function parse(args: readonly string[]): Promise<BenchOptions> {
  let flags: BenchFlags | undefined;
  const command = defineBenchCommand(new Command('bench'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .action((parsed: BenchFlags) => {
      flags = parsed;
    });
  await command.parseAsync([...args], { from: 'user' });
  return toBenchOptions(flags!);
}

describe('bench flags', () => {
  it('defaults to all modes, cached and uncached, the embedded store and bench-results.json', async () => {
    expect(await parse([])).toEqual({
      memories: 10_000,
      queries: 200,
      modes: ['BARE', 'FAST', 'FUSED'],
      cache: 'both',
      embedder: 'hashing',
      projection: 'pca',
      backend: 'embedded',
      starts: 5,
      jsonFile: 'bench-results.json',
      http: false,
      durationS: 10,
      connections: 10,
      rounds: 6,
      baselineFile: null,
      threshold: 0.2,
      failOnRegression: true,
    });
  });

  it('reads every flag', async () => {
    const options = await parse([
      '--memories', '100000', '--queries', '50', '--modes', 'fast', '--cache', 'off', '--backend', 'neo4j', '--starts', '0',
      '--json', '/tmp/x.json', '--http', '--duration', '2.5', '--connections', '4', '--rounds', '3', '--baseline', 'base.json', '--threshold', '10',
      '--no-fail-on-regression',
    ]);
    expect(options).toMatchObject({
      memories: 100_000,
      queries: 50,
      modes: ['FAST'],
      cache: 'off',
      backend: 'neo4j',
      starts: 0,
      jsonFile: '/tmp/x.json',
      http: true,
      durationS: 2.5,
      connections: 4,
      rounds: 3,
      baselineFile: 'base.json',
      threshold: 0.1,
      failOnRegression: false,
    });
  });

  it('fails on a baseline by default', async () => {
    expect((await parse(['--baseline', 'b.json'])).failOnRegression).toBe(true);
  });

  it.each([
    [['--memories', '0']],
    [['--memories', '1e3']],
    [['--memories', '-5']],
    [['--queries', 'many']],
    [['--starts', '-1']],
    [['--duration', '0']],
    [['--connections', '1.5']],
    [['--cache', 'sometimes']],
    [['--backend', 'qdrant']],
    [['--modes', 'slow']],
  ])('rejects %j', async (args) => {
    await expect(parse(args)).rejects.toBeInstanceOf(CommanderError);
  });
});
