import { resolve } from 'node:path';

import { z } from 'zod';

import { MAX_HEAP_GROWTH_PERCENT } from '../shared/index.js';

/** The convergence strategies by the policy module's names (config depends on nothing it could import them from). */
export type ConvergenceName = 'EPSILON_GREEDY' | 'BAYESIAN_BLEND' | 'PURE_THOMPSON';

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
  .transform(Number)
  .pipe(z.number().max(65_535, 'must be a port number from 0 to 65535'));
/** Same shape as the x-hololoom-tenant header accepts. */
const tenant = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 characters of letters, digits, "_", "." or "-"');
const optionalText = z.string().trim().min(1).optional();
const HEAP_GROWTH_MESSAGE = `must be a whole percent from 0 to ${MAX_HEAP_GROWTH_PERCENT} (0 leaves V8 its own heap growth)`;

/** Every setting the server reads, with defaults; see README "Configuration". */
const ConfigSchema = z.object({
  HOLOLOOM_PORT: port.default(4000),
  HOLOLOOM_HOST: z.string().trim().min(1).default('127.0.0.1'),
  HOLOLOOM_DATA_DIR: z.string().trim().min(1).default('./data'),
  HOLOLOOM_BACKEND: z.enum(['embedded', 'neo4j', 'neo4j+qdrant']).default('embedded'),
  HOLOLOOM_EMBEDDER: z.enum(['auto', 'onnx', 'hashing']).default('auto'),
  HOLOLOOM_MODEL_DIR: z.string().trim().min(1).default('./models/all-MiniLM-L6-v2'),
  HOLOLOOM_PROJECTION: z.enum(['truncate', 'pca']).default('pca'),
  HOLOLOOM_MODEL_FILE: z.string().regex(/^[\w.-]+\.onnx$/, 'must be an .onnx file name inside HOLOLOOM_MODEL_DIR').default('model.onnx'),
  HOLOLOOM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOLOLOOM_TENANT: tenant.default('default'),
  HOLOLOOM_RATE_LIMIT: z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number of operations per second (0 turns the limit off)')
    .transform(Number)
    .default(500),
  HOLOLOOM_TRAIN_EVERY: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number of feedback events (0 turns automatic training off)')
    .transform(Number)
    .default(50),
  HOLOLOOM_HEAP_GROWTH: z
    .string()
    .regex(/^\d{1,3}$/, HEAP_GROWTH_MESSAGE)
    .transform(Number)
    .pipe(z.number().max(MAX_HEAP_GROWTH_PERCENT, HEAP_GROWTH_MESSAGE))
    .default(30),
  HOLOLOOM_CONVERGENCE: z
    .enum(['epsilon-greedy', 'bayesian-blend', 'pure-thompson'])
    .default('epsilon-greedy')
    .transform((name) => name.toUpperCase().replace('-', '_') as ConvergenceName),
  NEO4J_URI: z
    .string()
    .trim()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, 'must be a Bolt address such as bolt://localhost:7687 or neo4j://host:7687')
    .optional(),
  NEO4J_USER: z.string().trim().min(1).default('neo4j'),
  NEO4J_PASSWORD: optionalText,
  NEO4J_DATABASE: optionalText,
  QDRANT_URL: optionalText,
  QDRANT_API_KEY: optionalText,
  NODE_ENV: z.string().default('development'),
});

/** The validated, frozen configuration every module's options are derived from. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly backend: 'embedded' | 'neo4j' | 'neo4j+qdrant';
  readonly embedder: 'auto' | 'onnx' | 'hashing';
  readonly modelDir: string;
  /** The graph inside modelDir: model.onnx (fp32) or model_int8.onnx. */
  readonly modelFile: string;
  /** How the store makes its 96/192-dim Matryoshka scales. */
  readonly projection: 'truncate' | 'pca';
  readonly logLevel: string;
  readonly defaultTenant: string;
  /** GraphQL operations per second per tenant; 0 = unlimited. */
  readonly rateLimitPerSecond: number;
  /** A tenant's policy trains after every this many feedback events; 0 = only on `train`. */
  readonly trainEvery: number;
  /**
   * How far (percent) the V8 heap may grow past its live size before a full collection;
   * 0 = V8's own heuristic (up to 4×). Bounds RSS under sustained load.
   */
  readonly heapGrowthPercent: number;
  /** How a trained network and the bandit decide together (see the policy module's convergence). */
  readonly convergence: ConvergenceName;
  readonly production: boolean;
  /** Where the graph lives; set exactly when `backend` is `neo4j`. */
  readonly neo4j: Neo4jSettings | null;
  readonly qdrant: { readonly url?: string; readonly apiKey?: string };
}

/** How to reach Neo4j. */
export interface Neo4jSettings {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  /** Omitted: the server's default database. */
  readonly database?: string;
}

/** Thrown when the environment holds a value the server cannot run with. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
}

type Env = z.infer<typeof ConfigSchema>;

function neo4jSettings(e: Env): Neo4jSettings {
  if (e.NEO4J_URI === undefined || e.NEO4J_PASSWORD === undefined) {
    throw new ConfigError(
      'HOLOLOOM_BACKEND=neo4j needs NEO4J_URI and NEO4J_PASSWORD (and NEO4J_USER unless it is neo4j); `npm run neo4j:start` prints a local server\'s settings.',
    );
  }
  return { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, ...(e.NEO4J_DATABASE === undefined ? {} : { database: e.NEO4J_DATABASE }) };
}

/** Reads and validates the environment once; the only reader of process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${describeIssues(parsed.error)}`);
  }
  const e = parsed.data;
  if (e.HOLOLOOM_BACKEND === 'neo4j+qdrant') {
    // Refuse rather than silently serve another backend under this label.
    throw new ConfigError(
      'HOLOLOOM_BACKEND=neo4j+qdrant is not available in this build; use neo4j (vectors in Neo4j\'s native index) or embedded.',
    );
  }
  return Object.freeze({
    port: e.HOLOLOOM_PORT,
    host: e.HOLOLOOM_HOST,
    dataDir: resolve(e.HOLOLOOM_DATA_DIR),
    backend: e.HOLOLOOM_BACKEND,
    embedder: e.HOLOLOOM_EMBEDDER,
    modelDir: resolve(e.HOLOLOOM_MODEL_DIR),
    modelFile: e.HOLOLOOM_MODEL_FILE,
    projection: e.HOLOLOOM_PROJECTION,
    logLevel: e.HOLOLOOM_LOG_LEVEL,
    defaultTenant: e.HOLOLOOM_TENANT,
    rateLimitPerSecond: e.HOLOLOOM_RATE_LIMIT,
    trainEvery: e.HOLOLOOM_TRAIN_EVERY,
    convergence: e.HOLOLOOM_CONVERGENCE,
    heapGrowthPercent: e.HOLOLOOM_HEAP_GROWTH,
    production: e.NODE_ENV === 'production',
    neo4j: e.HOLOLOOM_BACKEND === 'neo4j' ? neo4jSettings(e) : null,
    qdrant: { url: e.QDRANT_URL, apiKey: e.QDRANT_API_KEY },
  });
}
