import { join } from 'node:path';

import type { GraphQLSchema } from 'graphql';

import { createHoloContext, TOPICS, type HoloContext, type Services, type TopicPayloads } from '../../resolvers/index.js';
import type { Config } from '../config/index.js';
import { createBatchingEmbedder, createCachedEmbedder, createHashingEmbedder, type CachedEmbedder } from '../embedding/index.js';
import { createContextFactory, createTypedPubSub, type ContextFactory } from '../graphql/index.js';
import { createEmbeddedMemoryStore, type MemoryStore } from '../memory/index.js';
import { createFeedbackService } from '../learning/index.js';
import type { Logger } from '../observability/index.js';
import { createSqliteBanditStore, createThompsonPolicy, motifPrior } from '../policy/index.js';
import type { Readiness } from '../server/index.js';
import { mathRandomRng, systemClock, type Clock } from '../shared/index.js';
import { createQueryCache, createShuttle, withChangeNotifications } from '../shuttle/index.js';
import { createSqliteSpacetimeStore } from '../spacetime/index.js';
import { openSqlite } from '../storage/index.js';
import { createToolbox } from '../tools/index.js';

import { createExperienceLog } from './experience-log.js';
import { buildApiSchema } from './schema-file.js';
import { tenantFrom } from './tenant.js';

/** The wired application: what the server needs, and how to take it down. */
export interface App {
  readonly schema: GraphQLSchema;
  readonly createContext: ContextFactory<HoloContext>;
  readonly services: Services;
  readiness(): Promise<Readiness>;
  /** Closes stores in reverse creation order. */
  dispose(): Promise<void>;
}

export interface CreateAppOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
}

const VERSION = '0.1.0';

function createEmbedder(config: Config, logger: Logger): CachedEmbedder {
  if (config.embedder === 'onnx') {
    logger.warn('HOLOLOOM_EMBEDDER=onnx is not available in this build; using the hashing embedder.');
  }
  return createCachedEmbedder(createBatchingEmbedder(createHashingEmbedder()));
}

async function createStore(config: Config, embedder: CachedEmbedder, logger: Logger): Promise<MemoryStore> {
  return createEmbeddedMemoryStore({
    dataDir: config.dataDir,
    embed: (texts) => embedder.embed(texts),
    dimensions: embedder.dimensions,
    logger: logger.child({ module: 'memory' }),
  });
}

/** The composition root: picks backends from config and wires every module. */
export async function createApp(config: Config, { logger, clock = systemClock }: CreateAppOptions): Promise<App> {
  const startedAt = clock.now();
  const embedder = createEmbedder(config, logger);
  const baseStore = await createStore(config, embedder, logger);
  const stateDb = openSqlite(join(config.dataDir, 'state.db'), { synchronous: 'NORMAL' });
  const cache = createQueryCache();
  const store = withChangeNotifications(baseStore, (tenant) => cache.invalidateTenant(tenant));
  const spacetimes = createSqliteSpacetimeStore(stateDb);
  const policy = createThompsonPolicy({ probabilities: motifPrior, store: createSqliteBanditStore(stateDb), rng: mathRandomRng });
  const pubSub = createTypedPubSub<TopicPayloads>();
  const shuttle = createShuttle({
    deps: { store, embedder, policy, tools: createToolbox(), experiences: createExperienceLog(), clock },
    cache,
    spacetimes,
    progress: (event) => pubSub.publish(TOPICS.weaveProgress, event),
    logger: logger.child({ module: 'shuttle' }),
  });
  const services: Services = {
    shuttle,
    store,
    spacetimes,
    feedback: createFeedbackService({ spacetimes, policy }),
    embeddingCacheStats: () => embedder.cacheStats(),
    health: async (tenant) => ({
      status: 'ok',
      backend: store.backend,
      embedder: embedder.name,
      memoryCount: await store.count(tenant),
      uptimeSeconds: (clock.now() - startedAt) / 1000,
      version: VERSION,
    }),
  };
  const schema = await buildApiSchema(pubSub);
  return {
    schema,
    services,
    createContext: createContextFactory((request) => createHoloContext(services, tenantFrom(request.headers, config.defaultTenant))),
    async readiness() {
      const failing = await store.ping().then(() => [], () => [store.backend]);
      return { ready: failing.length === 0, failing };
    },
    async dispose() {
      await spacetimes.close();
      stateDb.close();
      await store.close();
      await embedder.close?.();
    },
  };
}
