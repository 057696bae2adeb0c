#!/usr/bin/env node
import 'reflect-metadata';

import { Command, Option } from 'commander';

import { defineBenchCommand, type BenchFlags } from '../bench/options.js';

import { serveCommand } from './serve-command.js';
import type { SubscriberBenchFlags } from './bench-subscribers-command.js';
import type { EvalFlags } from './eval-command.js';
import type { PullFlags } from './model-command.js';
import type { SchemaFlags } from './schema-command.js';
import type { DashboardFlags } from './dashboard/index.js';
import type { TrainFlags } from './train-command.js';

/**
 * The `hololoom` command. commander gives us parsing, help and errors for free; each
 * subcommand lives in its own file, imported when it runs: most of them load the whole app, which
 * `serve` (a small parent of the server process) and `--help` need not pay for.
 */
const program = new Command('hololoom').description('HoloLoom memory-and-decision engine');

program
  .command('serve')
  .description('start the GraphQL server (configured by HOLOLOOM_* environment variables)')
  .action(serveCommand);

defineBenchCommand(program.command('bench')).action(async (flags: BenchFlags) => {
  const { benchCommand } = await import('./bench-command.js');
  await benchCommand(flags);
});

program
  .command('bench-subscribers')
  .description('many `metrics` subscribers on the built server: RSS per connection, snapshots delivered, weave latency meanwhile')
  .option('--subscribers <n>', 'graphql-ws clients, one subscription each', '1000')
  .option('--interval-ms <ms>', 'the subscriptions\' intervalMs', '1000')
  .option('--hold <s>', 'seconds the subscribers stay connected', '10')
  .option('--weaves <n>', 'uncached FAST weaves timed before and while they are connected', '100')
  .option('--json <file>', 'also write the figures as JSON')
  .action(async (flags: SubscriberBenchFlags) => {
    const { benchSubscribersCommand } = await import('./bench-subscribers-command.js');
    await benchSubscribersCommand(flags);
  });

program
  .command('bench-embedder', { hidden: true })
  .option('--model-dir <dir>', 'ONNX model folder (default: HOLOLOOM_MODEL_DIR)')
  .option('--model-file <file>', 'model file inside the folder', 'model.onnx')
  .action(async (flags: { readonly modelDir?: string; readonly modelFile: string }) => {
    const { benchEmbedderCommand } = await import('./bench-command.js');
    await benchEmbedderCommand(flags);
  });

program
  .command('eval')
  .description('retrieval quality (recall@1/@5, MRR) of each embedder and Matryoshka projection')
  .option('--fixture <file>', 'evaluation set', 'test/fixtures/retrieval-eval.json')
  .option('--model-dir <dir>', 'ONNX model folder (default: HOLOLOOM_MODEL_DIR)')
  .option('--json <file>', 'also write the scores as JSON')
  .action(async (flags: EvalFlags) => {
    const { evalCommand } = await import('./eval-command.js');
    await evalCommand(flags);
  });

program
  .command('model')
  .description('manage the sentence-embedding model')
  .command('pull')
  .description('download the official all-MiniLM-L6-v2 ONNX export from the Hugging Face Hub (needs internet)')
  .option('--model-dir <dir>', 'target folder (default: HOLOLOOM_MODEL_DIR)')
  .action(async (flags: PullFlags) => {
    const { modelPullCommand } = await import('./model-command.js');
    await modelPullCommand(flags);
  });

program
  .command('train')
  .description('train PPO on CartPole-v1 or the tool-choice task: per-seed table, learning curve as SVG')
  .addOption(new Option('--env <name>', 'environment').choices(['toolchoice', 'cartpole']).makeOptionMandatory())
  .option('--seeds <list>', 'comma-separated seeds, trained one after another', '1')
  .option('--steps <n>', 'cartpole: environment steps per seed (default 100000)')
  .option('--episodes <n>', 'toolchoice: episodes (one query each) per seed (default 3000)')
  .addOption(
    new Option('--embedder <name>', 'toolchoice: query embedder (auto: MiniLM when the model is present)').choices(['auto', 'onnx', 'hashing']).default('auto'),
  )
  .addOption(
    new Option('--encoding <version>', 'toolchoice: observation encoding (auto: obs-v2 for MiniLM, obs-v1 for hashing)')
      .choices(['auto', 'obs-v1', 'obs-v2'])
      .default('auto'),
  )
  .addOption(
    new Option('--network <name>', 'toolchoice: policy network (latent-attention: the original design, sized down)')
      .choices(['mlp', 'latent-attention'])
      .default('mlp'),
  )
  .option('--fixture <file>', 'toolchoice: labelled query set (default test/fixtures/tool-choice.json)')
  .option('--out <file>', 'learning-curve SVG (default learning-curve-<env>.svg)')
  .option('--json <file>', 'also write the per-seed results and curves as JSON')
  .option('--checkpoint-dir <dir>', "save each seed's policy (and obs-v2 PCA) in <dir>/<env>-seed-<n>")
  // Imported on use: training loads tfjs, which the other commands do not need.
  .action(async (flags: TrainFlags) => {
    const { trainCommand } = await import('./train-command.js');
    await trainCommand(flags);
  });

program
  .command('dashboard')
  .description('live terminal dashboard of a running server: latency, QPS, CPU/RSS, caches, tools, training')
  .option('--url <url>', 'GraphQL WebSocket URL of the server', 'ws://127.0.0.1:4000/graphql')
  .option('--interval-ms <ms>', 'milliseconds between snapshots (100-60000)', '1000')
  .option('--once', 'print one frame after the first snapshot and exit')
  .option('--tenant <name>', 'send x-hololoom-tenant on the connection (metrics are server-wide)')
  // Imported on use: ink and React load only for this command.
  .action(async (flags: DashboardFlags) => {
    const { dashboardCommand } = await import('./dashboard/index.js');
    await dashboardCommand(flags);
  });

program
  .command('schema')
  .description('print the merged GraphQL schema, write it, or check a file for drift')
  .option('--out <file>', 'write the SDL to this file')
  .option('--check <file>', 'exit 1 when the file differs from the generated SDL')
  .action(async (flags: SchemaFlags) => {
    const { schemaCommand } = await import('./schema-command.js');
    await schemaCommand(flags);
  });

await program.parseAsync();
