import { Field, Float, Int } from 'type-graphql';

import { DataType } from '../data-type.js';

@DataType('Counters of one LRU + TTL cache.')
export class CacheCounters {
  @Field(() => Int)
  size!: number;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Float)
  ttlMs!: number;

  @Field(() => Int)
  hits!: number;

  @Field(() => Int)
  misses!: number;

  @Field(() => Int)
  evictions!: number;

  @Field(() => Float, { description: 'hits / (hits + misses); 0 before the first lookup.' })
  hitRate!: number;
}

@DataType('The query cache (top-level fields) and the embedding cache.')
export class CacheStats {
  @Field(() => Int)
  size!: number;

  @Field(() => Int)
  hits!: number;

  @Field(() => Int)
  misses!: number;

  @Field(() => Float)
  hitRate!: number;

  @Field(() => CacheCounters, { description: 'Spacetime cache: 50 entries, 300 s.' })
  query!: CacheCounters;

  @Field(() => CacheCounters, { description: 'Embedding cache: 500 texts, 1 h.' })
  embedding!: CacheCounters;
}
