import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadConfig } from '../config/index.js';
import { createHashingEmbedder, createOnnxEmbedder, modelPresent, type Embedder } from '../embedding/index.js';
import { saveEmbeddingReduction, type EncodingVersion } from '../learning/encoding/index.js';
import { createCartPole, type Environment } from '../learning/index.js';
import {
  CARTPOLE_PPO_CONFIG,
  createLatentAttentionActorCritic,
  resolvePpoConfig,
  saveCheckpoint,
  TOOL_CHOICE_PPO_CONFIG, type ActorCritic, type PpoConfig } from '../learning/ppo/index.js';
import { BadInputError, createSeededRng } from '../shared/index.js';

import { createTrainingProgress } from './train-progress.js';
import { formatFamilyTable, formatMetric, formatSeedTable, renderReportSvg, reportJson, type SeedReport, type TrainEnvName, type TrainReport } from './train-report.js';
import { trainSeed, type TrainingGoal } from './train-seed.js';
import { prepareToolChoice, scoreToolChoice, TOOL_CHOICE_GOAL, type ToolChoiceSetup } from './train-toolchoice.js';

/** What commander hands the action (see the `train` command in main.ts). */
export interface TrainFlags {
  readonly env: TrainEnvName;
  readonly seeds: string;
  readonly steps?: string;
  readonly episodes?: string;
  readonly embedder: 'auto' | 'onnx' | 'hashing';
  readonly encoding: 'auto' | EncodingVersion;
  readonly network: NetworkName;
  readonly fixture?: string;
  readonly out?: string;
  readonly json?: string;
  readonly checkpointDir?: string;
}

/** The policy networks `--network` offers (see docs/learning-encoding.md for the comparison). */
export type NetworkName = 'mlp' | 'latent-attention';

const DEFAULT_BUDGET: Readonly<Record<TrainEnvName, number>> = { cartpole: 100_000, toolchoice: 3_000 };

/** CartPole-v1 is solved at a mean return of 475 over 100 consecutive episodes. */
const CARTPOLE_GOAL = Object.freeze<TrainingGoal>({
  window: 100,
  target: 475,
  episodeMetric: (episode) => episode.return,
  progressOf: (update) => update.samples,
});

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BadInputError(`${flag} must be a positive integer; got "${text}".`);
  }
  return value;
}

export function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((part) => Number(part.trim()));
  if (seeds.length === 0 || !seeds.every((seed) => Number.isSafeInteger(seed) && seed >= 0)) {
    throw new BadInputError(`--seeds takes non-negative integers separated by commas, e.g. 1,2,3; got "${text}".`);
  }
  return seeds;
}

/** --steps belongs to CartPole and --episodes to tool choice; the other one is a mistake. */
export function parseBudget(flags: Pick<TrainFlags, 'env' | 'steps' | 'episodes'>): number {
  const [own, other] = flags.env === 'cartpole' ? (['steps', 'episodes'] as const) : (['episodes', 'steps'] as const);
  if (flags[other] !== undefined) {
    throw new BadInputError(`--${other} does not apply to --env ${flags.env}; use --${own}.`);
  }
  const text = flags[own];
  return text === undefined ? DEFAULT_BUDGET[flags.env] : positiveInteger(`--${own}`, text);
}

/** auto: MiniLM when `npm run model:setup` has put it in place, else the hashing embedder. */
function chooseEmbedder(choice: TrainFlags['embedder']): Embedder {
  const { modelDir, modelFile } = loadConfig();
  const present = modelPresent(modelDir, modelFile);
  if (choice === 'onnx' && !present) {
    throw new BadInputError(`--embedder onnx needs the model in ${modelDir}; run \`npm run model:setup\`.`);
  }
  return choice === 'hashing' || !present ? createHashingEmbedder() : createOnnxEmbedder({ modelDir, modelFile });
}

/** auto: obs-v2's PCA for a semantic model (not Matryoshka-trained), obs-v1's prefix for hashing. */
function chooseEncoding(choice: TrainFlags['encoding'], embedder: Embedder): EncodingVersion {
  return choice !== 'auto' ? choice : embedder.kind === 'semantic' ? 'obs-v2' : 'obs-v1';
}

interface EnvPlan {
  readonly env: Environment;
  readonly config: Partial<PpoConfig>;
  readonly goal: TrainingGoal;
  readonly description: string;
  readonly encodingVersion: string;
  readonly toolChoice?: ToolChoiceSetup;
  /** A fresh network for a seed; absent: the trainer's MLP. */
  readonly createPolicy?: (seed: number) => ActorCritic;
}

async function planToolChoice(flags: TrainFlags): Promise<EnvPlan> {
  const embedder = chooseEmbedder(flags.embedder);
  const encoding = chooseEncoding(flags.encoding, embedder);
  try {
    const setup = await prepareToolChoice({ embedder, encoding, ...(flags.fixture === undefined ? {} : { fixture: flags.fixture }) });
    process.stderr.write(
      `Encoded ${setup.train.examples.length} training and ${setup.test.examples.length} held-out queries with ${embedder.name} (${encoding}) in ${setup.encodeSeconds.toFixed(1)} s.\n`,
    );
    const description = `tool choice · ${embedder.name} · ${encoding}${flags.network === 'mlp' ? '' : ` · ${flags.network}`}`;
    const plan = { env: setup.train, config: TOOL_CHOICE_PPO_CONFIG, goal: TOOL_CHOICE_GOAL, description, encodingVersion: encoding, toolChoice: setup };
    return flags.network === 'mlp' ? plan : { ...plan, createPolicy: latentAttentionFor(setup.train) };
  } finally {
    await embedder.close?.();
  }
}

function latentAttentionFor(env: Environment): (seed: number) => ActorCritic {
  return (seed) => createLatentAttentionActorCritic({ observationSize: env.observationSize, actionCount: env.actionCount, rng: createSeededRng(seed) });
}

function planCartPole(flags: TrainFlags): EnvPlan {
  if (flags.network !== 'mlp') {
    throw new BadInputError(`--network ${flags.network} reads the tool-choice observation (embedding, motif and statistics blocks); CartPole trains the MLP.`);
  }
  const env = createCartPole();
  return { env, config: CARTPOLE_PPO_CONFIG, goal: CARTPOLE_GOAL, description: env.name, encodingVersion: env.name };
}

async function saveSeedCheckpoint(dir: string, plan: EnvPlan, policy: ActorCritic, seed: SeedReport, envName: TrainEnvName): Promise<void> {
  const seedDir = join(dir, `${envName}-seed-${seed.seed}`);
  await saveCheckpoint(seedDir, policy, {
    encodingVersion: plan.encodingVersion,
    config: resolvePpoConfig(plan.config),
    extra: { env: plan.description, seed: seed.seed, steps: seed.steps, episodes: seed.episodes },
  });
  const pca = plan.toolChoice?.pca;
  if (pca !== undefined && pca !== null) {
    await saveEmbeddingReduction(seedDir, pca);
  }
}

async function runSeeds(flags: TrainFlags, plan: EnvPlan, seeds: readonly number[], budget: number): Promise<SeedReport[]> {
  const progress = createTrainingProgress({
    unit: flags.env === 'cartpole' ? 'steps' : 'episodes',
    metricLabel: flags.env === 'cartpole' ? `mean return (last ${plan.goal.window})` : `success (last ${plan.goal.window})`,
    formatMetric: (value) => formatMetric(flags.env, value),
  });
  const reports: SeedReport[] = [];
  // One seed after another, so their wall-clock figures do not share the CPU.
  for (const seed of seeds) {
    progress.startSeed(seed, budget);
    const { policy, ...result } = await trainSeed({
      env: plan.env,
      seed,
      maxSteps: budget,
      config: plan.config,
      goal: plan.goal,
      ...(plan.createPolicy === undefined ? {} : { policy: plan.createPolicy(seed) }),
      onSample: (sample) => progress.sample(sample),
    });
    progress.endSeed();
    try {
      const report: SeedReport = plan.toolChoice === undefined ? result : { ...result, scores: scoreToolChoice(plan.toolChoice, policy) };
      if (flags.checkpointDir !== undefined) {
        await saveSeedCheckpoint(flags.checkpointDir, plan, policy, report, flags.env);
      }
      reports.push(report);
    } finally {
      policy.dispose();
    }
  }
  return reports;
}

/** `hololoom train`: trains each seed, prints the per-seed (and per-family) tables, writes the SVG curve and optional JSON. */
export async function trainCommand(flags: TrainFlags): Promise<void> {
  const seeds = parseSeeds(flags.seeds);
  const budget = parseBudget(flags);
  const plan = flags.env === 'cartpole' ? planCartPole(flags) : await planToolChoice(flags);
  const reports = await runSeeds(flags, plan, seeds, budget);
  const report: TrainReport = {
    env: flags.env,
    description: plan.description,
    unit: flags.env === 'cartpole' ? 'steps' : 'episodes',
    budget,
    window: plan.goal.window,
    target: plan.goal.target,
    config: resolvePpoConfig(plan.config),
    seeds: reports,
    ...(plan.toolChoice === undefined ? {} : { families: plan.toolChoice.dataset.families }),
  };
  const families = formatFamilyTable(report);
  process.stdout.write(`${formatSeedTable(report)}\n${families === '' ? '' : `\n${families}\n`}`);
  const out = flags.out ?? `learning-curve-${flags.env}.svg`;
  await writeFile(out, renderReportSvg(report));
  process.stdout.write(`Learning curve written to ${out}\n`);
  if (flags.json !== undefined) {
    await writeFile(flags.json, `${JSON.stringify(reportJson(report), null, 2)}\n`);
  }
}
