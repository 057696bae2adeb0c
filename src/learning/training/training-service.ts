import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from '../../observability/index.js';
import { BadInputError, newId, systemClock, type Clock, type Rng } from '../../shared/index.js';
import { ACTION_COUNT, ENCODING_VERSION, OBSERVATION_SIZE } from '../encoding/index.js';
import { CHECKPOINT_FILE } from '../ppo/checkpoint-file.js';
import type * as PpoModule from '../ppo/index.js';
import type { ActorCritic, PpoConfig } from '../ppo/index.js';
import type { ReflectionBuffer } from '../reflection/index.js';

import { rolloutFromReflections } from './reflection-rollout.js';
import type { TrainingRunLog } from './run-log.js';
import type { TrainingEvent, TrainingReason, TrainingRun } from './types.js';

/**
 * Weaves are one-step episodes and feedback is scarce: small minibatches and more passes per
 * batch (as CartPole's tuning found, 1e-3 and 10 epochs learn far faster than the defaults), with
 * the KL early stop keeping each update near the policy that chose.
 */
export const SERVER_PPO_CONFIG: Partial<PpoConfig> = { minibatchSize: 32, epochs: 10, learningRate: 1e-3, targetKl: 0.02 };

export interface TrainingServiceOptions {
  readonly reflections: ReflectionBuffer;
  /** Where runs are recorded (each update's progress included), so they outlive the process. */
  readonly runLog: TrainingRunLog;
  /** Checkpoints go to `<checkpointRoot>/<tenant folder>/`. */
  readonly checkpointRoot: string;
  readonly publish: (event: TrainingEvent) => void;
  readonly rng: Rng;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** The newest rewarded weaves a run trains on. @default 1000 */
  readonly batchLimit?: number;
  /** PPO updates per run. @default 8 */
  readonly updatesPerRun?: number;
  /** A run needs at least this many rewarded weaves. @default 4 */
  readonly minSamples?: number;
  readonly config?: Partial<PpoConfig>;
}

export interface TrainingService {
  /**
   * Starts a run in the background and returns it (RUNNING); one run per tenant at a time, so
   * asking again while one runs returns that run. `updates` defaults to the service's.
   */
  train(tenant: string, reason: TrainingReason, updates?: number): TrainingRun;
  /** Newest first. */
  runs(tenant: string, limit: number): TrainingRun[];
  /** The tenant's trained network, loaded from its checkpoint on first use; undefined before any training. */
  network(tenant: string): Promise<ActorCritic | undefined>;
  /**
   * The network if it is already in memory, for a decision that cannot wait; the first call for a
   * tenant starts loading its checkpoint, and decisions use the prior until it is there.
   */
  loadedNetwork(tenant: string): ActorCritic | undefined;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A tenant name as a folder: letters, digits, `_ . -` only (the tenant header's alphabet), never `.` or `..`. */
const folderOf = (tenant: string): string => `t-${tenant}`;

type Ppo = typeof PpoModule;

/** tfjs loads on the first run, not when the server starts. */
let ppoModule: Promise<Ppo> | undefined;
const loadPpo = (): Promise<Ppo> => (ppoModule ??= import('../ppo/index.js'));

/** What a run works with, from the service that started it. */
interface RunContext {
  readonly options: TrainingServiceOptions;
  readonly clock: Clock;
  readonly remember: (run: TrainingRun) => TrainingRun;
  readonly networks: Map<string, Promise<ActorCritic | undefined>>;
  readonly network: (tenant: string) => Promise<ActorCritic | undefined>;
  readonly ready: Map<string, ActorCritic>;
}

/** The tenant's checkpointed network, when there is one of the current encoding. */
async function loadNetwork(options: TrainingServiceOptions, tenant: string): Promise<ActorCritic | undefined> {
  // Most tenants never train: look for the file before loading tfjs for it (a weave asks on its first decision).
  if (!existsSync(join(options.checkpointRoot, folderOf(tenant), CHECKPOINT_FILE))) {
    return undefined;
  }
  const ppo = await loadPpo();
  try {
    const { policy, info } = await ppo.loadCheckpoint(join(options.checkpointRoot, folderOf(tenant)));
    if (info.encodingVersion === ENCODING_VERSION) {
      return policy;
    }
    options.logger?.warn({ tenant, stored: info.encodingVersion, current: ENCODING_VERSION }, 'ignoring a policy checkpoint of another encoding');
    policy.dispose();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      options.logger?.warn({ err: error, tenant }, 'could not load the policy checkpoint');
    }
  }
  return undefined;
}

/** The run's PPO updates over the tenant's rewarded weaves, then the checkpoint; returns the run as it ended. */
async function execute(ctx: RunContext, run: TrainingRun, updates: number): Promise<TrainingRun> {
  const { options, clock, remember, networks } = ctx;
  const ppo = await loadPpo();
  const config = ppo.resolvePpoConfig({ ...SERVER_PPO_CONFIG, ...options.config });
  const policy =
    (await ctx.network(run.tenant)) ??
    ppo.createMlpActorCritic({ observationSize: OBSERVATION_SIZE, actionCount: ACTION_COUNT, hiddenSizes: config.hiddenSizes, rng: options.rng });
  const experiences = options.reflections.rewarded(run.tenant, options.batchLimit ?? 1_000);
  const optimizer = ppo.createPpoOptimizer(config.learningRate);
  let current = run;
  try {
    for (let update = 1; update <= updates; update++) {
      const rollout = rolloutFromReflections(experiences, OBSERVATION_SIZE, (observation) => policy.predict(observation));
      const stats = ppo.ppoUpdate(policy, rollout, config, options.rng, optimizer);
      const meanReward = rollout.rewards.reduce((sum, reward) => sum + reward, 0) / rollout.rewards.length;
      const last: TrainingEvent = { runId: run.id, tenant: run.tenant, update, updates, ...pick(stats), meanReward, samples: rollout.actions.length, done: false };
      current = remember({ ...current, updates: update, samples: rollout.actions.length, last });
      options.publish(last);
      // Off the request path: let queued requests run between updates.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    optimizer.dispose();
  }
  await ppo.saveCheckpoint(join(options.checkpointRoot, folderOf(run.tenant)), policy, { encodingVersion: ENCODING_VERSION, config }, clock);
  networks.set(run.tenant, Promise.resolve(policy));
  ctx.ready.set(run.tenant, policy);
  return current;
}

/** Records how a run ended and publishes its last event (done: true), failed runs included. */
function finish({ options, clock, remember }: RunContext, run: TrainingRun, outcome: Promise<TrainingRun>): Promise<void> {
  return outcome.then(
    (last) => {
      const done = remember({ ...last, status: 'DONE', finishedAt: new Date(clock.now()) });
      if (done.last !== null) {
        options.publish({ ...done.last, done: true });
      }
    },
    (error: unknown) => {
      options.logger?.error({ err: error, runId: run.id }, 'training run failed');
      const failed = remember({ ...run, status: 'FAILED', finishedAt: new Date(clock.now()), error: error instanceof Error ? error.message : String(error) });
      options.publish({ ...(failed.last ?? emptyEvent(failed)), done: true });
    },
  );
}

export function createTrainingService(options: TrainingServiceOptions): TrainingService {
  const clock = options.clock ?? systemClock;
  // Runs of this process still going, by tenant: a run lives and dies with the process that started it.
  const active = new Map<string, TrainingRun>();
  const networks = new Map<string, Promise<ActorCritic | undefined>>();
  const running = new Map<string, Promise<void>>();

  const remember = (run: TrainingRun): TrainingRun => {
    options.runLog.save(run);
    if (run.status === 'RUNNING') {
      active.set(run.tenant, run);
    } else if (active.get(run.tenant)?.id === run.id) {
      active.delete(run.tenant);
    }
    return run;
  };

  const ready = new Map<string, ActorCritic>();
  const network = (tenant: string): Promise<ActorCritic | undefined> => {
    const known = networks.get(tenant) ?? loadNetwork(options, tenant);
    if (!networks.has(tenant)) {
      networks.set(tenant, known);
      void known.then((policy) => policy !== undefined && ready.set(tenant, policy));
    }
    return known;
  };

  return {
    train(tenant, reason, updates = options.updatesPerRun ?? 8) {
      const current = active.get(tenant);
      if (current !== undefined) {
        return current;
      }
      const available = options.reflections.rewarded(tenant, options.batchLimit ?? 1_000).length;
      const minSamples = options.minSamples ?? 4;
      if (available < minSamples) {
        throw new BadInputError(`Training needs at least ${minSamples} weaves with feedback; this tenant has ${available}. Send feedback on more weaves first.`);
      }
      const run = remember({ id: newId('run'), tenant, reason, status: 'RUNNING', startedAt: new Date(clock.now()), finishedAt: null, samples: available, updates: 0, error: null, last: null });
      const ctx = { options, clock, remember, networks, network, ready };
      const work = finish(ctx, run, execute(ctx, run, updates)).finally(() => running.delete(run.id));
      running.set(run.id, work);
      return run;
    },
    runs: (tenant, limit) => options.runLog.list(tenant, limit),
    network,
    loadedNetwork(tenant) {
      void network(tenant);
      return ready.get(tenant);
    },
    idle: async () => {
      await Promise.all([...running.values()]);
    },
    async close() {
      await Promise.all([...running.values()]);
      const loaded = await Promise.all([...networks.values()]);
      loaded.forEach((policy) => policy?.dispose());
      networks.clear();
      ready.clear();
    },
  };
}

function pick({ policyLoss, valueLoss, entropy, approxKl }: PpoModule.PpoUpdateStats) {
  return { policyLoss, valueLoss, entropy, approxKl };
}

function emptyEvent(run: TrainingRun): TrainingEvent {
  return { runId: run.id, tenant: run.tenant, update: 0, updates: 0, policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, meanReward: 0, samples: run.samples, done: true };
}
