import { basename, join } from 'node:path';

import type { GraphQLSchema } from 'graphql';

import { createHoloContext, TOPICS, type HoloContext, type Services, type TopicPayloads } from '../../resolvers/index.js';
import { ConfigError, type Config } from '../config/index.js';
import {
  createBatchingEmbedder,
  createCachedEmbedder,
  createHashingEmbedder,
  createOnnxEmbedder,
  modelPresent,
  type CachedEmbedder,
  type Embedder,
} from '../embedding/index.js';
import { createContextFactory, createTypedPubSub, rootFieldNames, type ContextFactory } from '../graphql/index.js';
import type { GraphApiContext } from '../graphapi/index.js';
import type { GraphDb } from '../graphdb/index.js';
import { createFeedbackService, createReflectionBuffer, createSqliteTrainingRunLog, createTrainingService, type ReflectionBuffer, type TrainingService } from '../learning/index.js';
import type { MemoryStore } from '../memory/index.js';
import type { Logger } from '../observability/index.js';
import { createSqliteBanditStore, createThompsonPolicy, motifPrior } from '../policy/index.js';
import type { Readiness } from '../server/index.js';
import { mathRandomRng, systemClock, type Clock, type Rng, type ToolName } from '../shared/index.js';
import { createQueryCache, createShuttle, withChangeNotifications, type Shuttle } from '../shuttle/index.js';
import type { SpacetimeStore } from '../spacetime/index.js';
import { createToolbox, type Tool } from '../tools/index.js';

import { openBackends, type Backends } from './backends.js';
import { createMetricsFeed, type MetricsFeed } from './metrics-feed.js';
import { policyStatsOf } from './policy-stats.js';
import { trainOnFeedback } from './train-on-feedback.js';
import { createReflectionSink, networkProbabilities, observe } from './reflection-sink.js';
import { buildApiSchema } from './schema-file.js';
import { createTelemetry, type Telemetry } from './telemetry.js';
import { withWeaveMetrics } from './weave-metrics.js';
import { createTenantRateLimit } from './rate-limit.js';
import { tenantFrom } from './tenant.js';

/** The wired application: what the server needs, and how to take it down. */
export interface App {
  readonly schema: GraphQLSchema;
  /** Root fields of the generated graph API (none on the embedded backend): the server interprets their operations. */
  readonly interpretedRootFields: ReadonlySet<string>;
  readonly createContext: ContextFactory<HoloContext>;
  readonly services: Services;
  /** The Neo4j connection when HOLOLOOM_BACKEND=neo4j (for the bench's clean-up and query counts), else null. */
  readonly graphDb: GraphDb | null;
  /** Live metrics and /metrics; the server reports operations and connections to it. */
  readonly telemetry: Telemetry;
  readiness(): Promise<Readiness>;
  /** Loads lazily built parts (the CALC evaluator) so the first weave does not wait for them. */
  warmUp(): Promise<void>;
  /** Closes stores in reverse creation order. */
  dispose(): Promise<void>;
}

export interface CreateAppOptions {
  readonly logger: Logger;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Randomness of the Thompson sampler; tests pass a seeded one. @default Math.random */
  readonly rng?: Rng;
}

const VERSION = '0.1.0';

/** The parts createApp assembles, before they are exposed as services. */
interface Parts {
  readonly embedder: CachedEmbedder;
  readonly backends: Backends;
  readonly store: MemoryStore;
  readonly spacetimes: SpacetimeStore;
  readonly shuttle: Shuttle;
  readonly tools: ReadonlyMap<ToolName, Tool>;
  readonly feedback: Services['feedback'];
  readonly reflections: ReflectionBuffer;
  readonly training: TrainingService;
  readonly telemetry: Telemetry;
  readonly feed: MetricsFeed;
}

/** auto = the ONNX model when its folder holds one, else the hashing embedder. */
function chooseEmbedder(config: Config, logger: Logger): Embedder {
  const present = modelPresent(config.modelDir, config.modelFile);
  if (config.embedder === 'onnx' && !present) {
    throw new ConfigError(
      `HOLOLOOM_EMBEDDER=onnx but ${config.modelDir} has no ${config.modelFile} + tokenizer.json; run \`npm run model:setup\` or \`hololoom model pull\`.`,
    );
  }
  if (config.embedder === 'hashing' || !present) {
    logger.info({ modelDir: config.modelDir }, 'embedding with the hashing embedder');
    return createHashingEmbedder();
  }
  const quantized = config.modelFile === 'model.onnx' ? '' : `:${config.modelFile.replace(/\.onnx$/, '')}`;
  return createOnnxEmbedder({
    modelDir: config.modelDir,
    modelFile: config.modelFile,
    name: `onnx:${basename(config.modelDir)}${quantized}`,
  });
}

function createEmbedder(config: Config, logger: Logger): CachedEmbedder {
  return createCachedEmbedder(createBatchingEmbedder(chooseEmbedder(config, logger)));
}

async function assemble(config: Config, { logger, clock = systemClock, rng = mathRandomRng }: CreateAppOptions, pubSub: ReturnType<typeof createTypedPubSub<TopicPayloads>>): Promise<Parts> {
  const embedder = createEmbedder(config, logger);
  const telemetry = createTelemetry();
  telemetry.collector.registerCache('embedding', () => embedder.cacheStats());
  const backends = await openBackends({ config, embedder, logger });
  const { stateDb, spacetimes } = backends;
  const cache = createQueryCache();
  const store = withChangeNotifications(backends.store, (tenant) => cache.invalidateTenant(tenant));
  // Beside the bandit posteriors in state.db: experiences wait there for feedback and training.
  const reflections = createReflectionBuffer(stateDb);
  const tools = createToolbox();
  const learningLogger = logger.child({ module: 'learning' });
  const training = createTrainingService({
    reflections,
    runLog: createSqliteTrainingRunLog(stateDb, () => clock.now()),
    checkpointRoot: join(config.dataDir, 'policy'),
    publish: (event) => {
      telemetry.recordTraining(event);
      pubSub.publish(TOPICS.trainingProgress, event);
    },
    rng,
    clock,
    logger: learningLogger,
  });
  const policy = createThompsonPolicy({
    probabilities: motifPrior,
    store: createSqliteBanditStore(stateDb),
    rng,
    strategy: config.convergence,
    network: (tenant, features) => networkProbabilities(training.loadedNetwork(tenant), features),
  });
  const shuttle = withWeaveMetrics(createShuttle({
    deps: { store, embedder, policy, tools, experiences: createReflectionSink(reflections, learningLogger), observe, clock },
    cache,
    spacetimes,
    progress: (event) => pubSub.publish(TOPICS.weaveProgress, event),
    logger: logger.child({ module: 'shuttle' }),
  }), telemetry.collector);
  const feedback = trainOnFeedback(createFeedbackService({ spacetimes, policy, reflections }), training, config.trainEvery, learningLogger);
  const feed = createMetricsFeed(() => telemetry.collector.snapshot());
  return { embedder, backends, store, spacetimes, shuttle, tools, feedback, reflections, training, telemetry, feed };
}

async function failingBackends(store: MemoryStore): Promise<string[]> {
  return store.ping().then(
    () => [],
    () => [store.backend],
  );
}

function servicesOf(parts: Parts, clock: Clock): Services {
  const startedAt = clock.now();
  const { shuttle, store, spacetimes, feedback, embedder } = parts;
  return {
    shuttle,
    store,
    spacetimes,
    feedback,
    embeddingCacheStats: () => embedder.cacheStats(),
    policyStats: (tenant) => policyStatsOf(parts.reflections, tenant),
    training: parts.training,
    metrics: { snapshot: () => parts.telemetry.collector.snapshot(), subscribe: (intervalMs) => parts.feed.subscribe(intervalMs) },
    health: async (tenant) => {
      const failing = await failingBackends(store);
      return {
        status: failing.length === 0 ? 'ok' : 'degraded',
        backend: store.backend,
        embedder: embedder.name,
        memoryCount: failing.length === 0 ? await store.count(tenant) : 0,
        uptimeSeconds: (clock.now() - startedAt) / 1000,
        version: VERSION,
      };
    },
  };
}

/** The composition root: picks backends from config and wires every module. */
export async function createApp(config: Config, options: CreateAppOptions): Promise<App> {
  const pubSub = createTypedPubSub<TopicPayloads>();
  const parts = await assemble(config, options, pubSub);
  const services = servicesOf(parts, options.clock ?? systemClock);
  const rateLimit = createTenantRateLimit(config.rateLimitPerSecond);
  const { graphDb } = parts.backends;
  // @neo4j/graphql takes ~0.45 s to import: only a Neo4j backend pays for it.
  const graphModule = graphDb === null ? null : await import('../graphapi/index.js');
  const graphApi = graphModule === null || graphDb === null ? [] : [await graphModule.buildGraphApiSchema({ graphDb, logger: options.logger.child({ module: 'graphapi' }) })];
  const database = config.neo4j?.database;
  const graphContext = (tenant: string): GraphApiContext | null => graphModule?.graphApiContext(tenant, database) ?? null;
  return {
    schema: await buildApiSchema(pubSub, graphApi),
    // @neo4j/graphql's resolvers read `info` deeply, and each costs a Neo4j round trip anyway.
    interpretedRootFields: new Set(graphApi.flatMap(rootFieldNames)),
    services,
    graphDb: parts.backends.graphDb,
    telemetry: parts.telemetry,
    createContext: createContextFactory(async (request) => {
      const tenant = tenantFrom(request.headers, config.defaultTenant);
      await rateLimit(tenant);
      const holo = createHoloContext(services, tenant);
      // Not frozen: @neo4j/graphql writes its execution context into it. Assigned rather than
      // spread, which would read (and so build) the context's lazy loaders.
      const graph = graphContext(tenant);
      return graph === null ? holo : Object.assign(holo, graph);
    }),
    async readiness() {
      const failing = await failingBackends(parts.store);
      parts.telemetry.prometheus.setBackendStatus(parts.store.backend, failing.length === 0);
      return { ready: failing.length === 0, failing };
    },
    async warmUp() {
      await Promise.all([...parts.tools.values()].flatMap((tool) => (tool.prepare === undefined ? [] : [tool.prepare()])));
    },
    async dispose() {
      parts.feed.close();
      parts.telemetry.close();
      // A run in progress writes its checkpoint and reads the reflection buffer: let it finish first.
      await parts.training.close();
      await parts.backends.close();
      await parts.embedder.close?.();
    },
  };
}
