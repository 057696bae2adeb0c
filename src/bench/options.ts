import { InvalidArgumentError, Option, type Command } from 'commander';

import type { BenchMode, CacheChoice } from './results.js';

/** Rounds a paired HTTP comparison is split into (see runHttpBench's alternating rounds). */
export const DEFAULT_ROUNDS = 6;

/** Flags as commander hands them to the action (numbers already parsed and checked). */
export interface BenchFlags {
  readonly memories: number;
  readonly queries: number;
  readonly modes: 'all' | 'bare' | 'fast' | 'fused';
  readonly cache: CacheChoice;
  readonly embedder: 'auto' | 'onnx' | 'hashing';
  readonly projection: 'truncate' | 'pca';
  readonly backend: 'embedded' | 'neo4j';
  readonly starts: number;
  readonly json: string;
  readonly http?: boolean;
  readonly duration: number;
  readonly connections: number;
  readonly rounds: number;
  readonly baseline?: string;
  readonly threshold: number;
  /** commander sets it false for --no-fail-on-regression. */
  readonly failOnRegression?: boolean;
}

/** What a bench run does, in the bench's own terms. */
export interface BenchOptions {
  readonly memories: number;
  readonly queries: number;
  readonly modes: readonly BenchMode[];
  readonly cache: CacheChoice;
  readonly embedder: BenchFlags['embedder'];
  readonly projection: BenchFlags['projection'];
  readonly backend: BenchFlags['backend'];
  readonly starts: number;
  readonly jsonFile: string;
  /** The HTTP load test instead of the in-process suite. */
  readonly http: boolean;
  readonly durationS: number;
  readonly connections: number;
  /** --http: alternating rounds of the bare and cached scenarios. */
  readonly rounds: number;
  readonly baselineFile: string | null;
  /** Fraction, e.g. 0.2 for --threshold 20. */
  readonly threshold: number;
  readonly failOnRegression: boolean;
}

const MODES: Readonly<Record<BenchFlags['modes'], readonly BenchMode[]>> = { all: ['BARE', 'FAST', 'FUSED'], bare: ['BARE'], fast: ['FAST'], fused: ['FUSED'] };

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}.`);
    }
    return n;
  };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('expected a number greater than 0.');
  }
  return n;
}

/** Adds the bench flags to `command`; commander parses, checks and documents them (`hololoom bench --help`). */
export function defineBenchCommand(command: Command): Command {
  return command
    .description('benchmark ingest, weaves per mode (cached and not), recall and server start; or, with --http, a live server under load')
    .addOption(new Option('--memories <n>', 'memories to ingest first (1000, 10000, 100000, …)').argParser(integer(1)).default(10_000))
    .addOption(new Option('--queries <n>', 'weaves per row').argParser(integer(1)).default(200))
    .addOption(new Option('--modes <modes>', 'modes to time').choices(['all', 'bare', 'fast', 'fused']).default('all'))
    .addOption(new Option('--cache <which>', 'uncached rows (off), cached rows (on) or both').choices(['off', 'on', 'both']).default('both'))
    .addOption(new Option('--embedder <name>', 'embedder').choices(['auto', 'onnx', 'hashing']).default('hashing'))
    .addOption(new Option('--projection <kind>', 'Matryoshka projection of the store').choices(['truncate', 'pca']).default('pca'))
    .addOption(
      new Option('--backend <name>', 'memory backend (neo4j: NEO4J_* from the environment or `npm run neo4j:start`)').choices(['embedded', 'neo4j']).default('embedded'),
    )
    .addOption(new Option('--starts <n>', 'server cold starts to time (0 skips)').argParser(integer(0)).default(5))
    .option('--json <file>', 'where to write the results as JSON', 'bench-results.json')
    .option('--http', 'load a live server with autocannon instead of the in-process suite (needs `npm run build`)')
    .addOption(new Option('--duration <s>', '--http: seconds of load per scenario').argParser(positiveNumber).default(10))
    .addOption(new Option('--connections <n>', '--http: concurrent connections').argParser(integer(1)).default(10))
    .addOption(new Option('--rounds <n>', '--http: alternating rounds the bare and cached scenarios share their seconds in').argParser(integer(1)).default(DEFAULT_ROUNDS))
    .option('--baseline <file>', 'compare with an earlier --json file; exit 1 when a figure is slower by more than --threshold')
    .addOption(new Option('--threshold <percent>', 'slowdown that counts as a regression').argParser(positiveNumber).default(20))
    .option('--no-fail-on-regression', 'with --baseline: print the comparison but exit 0');
}

/** Turns parsed flags into options: modes spelled out, the threshold as a fraction. */
export function toBenchOptions(flags: BenchFlags): BenchOptions {
  return {
    memories: flags.memories,
    queries: flags.queries,
    modes: MODES[flags.modes],
    cache: flags.cache,
    embedder: flags.embedder,
    projection: flags.projection,
    backend: flags.backend,
    starts: flags.starts,
    jsonFile: flags.json,
    http: flags.http === true,
    durationS: flags.duration,
    connections: flags.connections,
    rounds: flags.rounds,
    baselineFile: flags.baseline ?? null,
    threshold: flags.threshold / 100,
    failOnRegression: flags.failOnRegression !== false,
  };
}
