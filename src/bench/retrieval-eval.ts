import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  pcaProjection,
  seededOrthonormalProjection,
  truncation,
  type Embedder,
  type ScaleProjection,
} from '../embedding/index.js';
import { createEmbeddedMemoryStore, FUSION_PROFILES, type EmbeddedMemoryStoreOptions, type FusionProfile, type RecallScale } from '../memory/index.js';
import { createSeededRng, dot, type Vector } from '../shared/index.js';
import { PATTERN_CARDS } from '../shuttle/index.js';

/** The evaluation fixture: memories, and queries that paraphrase one target memory each. */
export interface RetrievalFixture {
  readonly memories: readonly { readonly id: string; readonly text: string }[];
  readonly queries: readonly { readonly id: string; readonly target: string; readonly text: string }[];
}

/** Ranking quality of one configuration. */
export interface RetrievalScore {
  readonly embedder: string;
  readonly method: string;
  readonly dims: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly mrr: number;
}

/** Loads and sanity-checks the fixture. */
export async function loadRetrievalFixture(path: string): Promise<RetrievalFixture> {
  const fixture = JSON.parse(await readFile(path, 'utf8')) as RetrievalFixture;
  const ids = new Set(fixture.memories.map((memory) => memory.id));
  const orphan = fixture.queries.find((query) => !ids.has(query.target));
  if (orphan !== undefined) {
    throw new Error(`Query ${orphan.id} targets unknown memory ${orphan.target}.`);
  }
  return fixture;
}

/** 1-based rank of the target in each query's ranking. */
function score(embedder: string, method: string, dims: number, ranks: readonly number[]): RetrievalScore {
  const share = (ok: (rank: number) => boolean): number => ranks.filter(ok).length / ranks.length;
  return {
    embedder,
    method,
    dims,
    recallAt1: share((rank) => rank === 1),
    recallAt5: share((rank) => rank <= 5),
    mrr: ranks.reduce((sum, rank) => sum + 1 / rank, 0) / ranks.length,
  };
}

function rankOf(query: Vector, memories: readonly Vector[], target: number): number {
  const targetScore = dot(query, memories[target] ?? query);
  return 1 + memories.filter((memory, i) => i !== target && dot(query, memory) > targetScore).length;
}

/** Exact cosine ranking of every memory for every query, at one scale and projection. */
function evaluateVectors(
  fixture: RetrievalFixture,
  memoryVectors: readonly Vector[],
  queryVectors: readonly Vector[],
  projection: ScaleProjection,
  dims: number,
): number[] {
  const memories = memoryVectors.map((vector) => projection.project(vector, dims));
  const index = new Map(fixture.memories.map((memory, i) => [memory.id, i]));
  return fixture.queries.map((query, q) =>
    rankOf(projection.project(queryVectors[q] ?? new Float32Array(dims), dims), memories, index.get(query.target) ?? 0),
  );
}

/** The embedded store's hybrid recall (vector + BM25 + graph, fused by `profile`) at FUSED scales. */
async function evaluateStore(fixture: RetrievalFixture, embedder: Embedder, setup: StoreSetup): Promise<number[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-eval-'));
  const store = await createEmbeddedMemoryStore({ dataDir, embed: (texts) => embedder.embed(texts), dimensions: embedder.dimensions, ...setup });
  try {
    const records = await store.remember('eval', fixture.memories.map((memory) => ({ text: memory.text })));
    await store.idle();
    const idOf = new Map(fixture.memories.map((memory, i) => [memory.id, records[i]?.id]));
    const ranks: number[] = [];
    for (const query of fixture.queries) {
      const hits = await store.recall({ tenant: 'eval', text: query.text, k: 50, scales: setup.scales ?? PATTERN_CARDS.FUSED.scales });
      const rank = hits.findIndex((hit) => hit.memory.id === idOf.get(query.target));
      ranks.push(rank === -1 ? Number.POSITIVE_INFINITY : rank + 1);
    }
    return ranks;
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

type StoreSetup = FusionProfile & Pick<EmbeddedMemoryStoreOptions, 'projection' | 'pcaMinMemories'> & { readonly scales?: readonly RecallScale[] };

/** Store configurations compared: fusion profile × Matryoshka projection (PCA fitted on the fixture). */
const STORE_SETUPS: readonly (readonly [string, StoreSetup])[] = [
  ['store lexical', { ...FUSION_PROFILES.lexical, projection: 'truncate' }],
  ['store lexical pca', { ...FUSION_PROFILES.lexical, projection: 'pca', pcaMinMemories: 100 }],
  ['store semantic', { ...FUSION_PROFILES.semantic, projection: 'truncate' }],
  ['store semantic pca', { ...FUSION_PROFILES.semantic, projection: 'pca', pcaMinMemories: 100 }],
  ['store BARE', { ...FUSION_PROFILES.semantic, projection: 'truncate', scales: PATTERN_CARDS.BARE.scales }],
  ['store BARE pca', { ...FUSION_PROFILES.semantic, projection: 'pca', pcaMinMemories: 100, scales: PATTERN_CARDS.BARE.scales }],
];

/** Every projection at 96 and 192 dims plus the full 384, and the store's hybrid recall. */
export async function evaluateEmbedder(fixture: RetrievalFixture, embedder: Embedder): Promise<RetrievalScore[]> {
  const memoryVectors = await embedder.embed(fixture.memories.map((memory) => memory.text));
  const queryVectors = await embedder.embed(fixture.queries.map((query) => query.text));
  const projections = [
    truncation,
    seededOrthonormalProjection(embedder.dimensions, createSeededRng(12_345)),
    pcaProjection(memoryVectors, 192, createSeededRng(7)),
  ];
  const scores = [score(embedder.name, 'full', embedder.dimensions, evaluateVectors(fixture, memoryVectors, queryVectors, truncation, embedder.dimensions))];
  for (const dims of [96, 192]) {
    for (const projection of projections) {
      scores.push(score(embedder.name, projection.name, dims, evaluateVectors(fixture, memoryVectors, queryVectors, projection, dims)));
    }
  }
  for (const [label, setup] of STORE_SETUPS) {
    scores.push(score(embedder.name, label, embedder.dimensions, await evaluateStore(fixture, embedder, setup)));
  }
  return scores;
}

/** A plain-text table of scores. */
export function formatRetrievalScores(scores: readonly RetrievalScore[]): string {
  const header = `${'embedder'.padEnd(28)}${'method'.padEnd(14)}${'dims'.padStart(5)}${'R@1'.padStart(8)}${'R@5'.padStart(8)}${'MRR'.padStart(8)}`;
  const rows = scores.map(
    (s) =>
      `${s.embedder.padEnd(28)}${s.method.padEnd(14)}${String(s.dims).padStart(5)}${s.recallAt1.toFixed(3).padStart(8)}${s.recallAt5.toFixed(3).padStart(8)}${s.mrr.toFixed(3).padStart(8)}`,
  );
  return [header, ...rows].join('\n');
}
