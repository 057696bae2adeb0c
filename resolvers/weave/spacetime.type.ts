import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, Float, ID } from 'type-graphql';

import { DataType } from '../data-type.js';
import { RecallHit } from '../memory/memory.type.js';

import { Tool, WeaveMode } from './enums.js';

@DataType('One step of the weave cycle.')
export class WeaveStep {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  durationMs!: number;

  @Field(() => JSONObjectResolver, { nullable: true })
  detail!: Record<string, unknown>;

  @Field(() => Float, { nullable: true, description: "RSS change over the step's profiler span, in bytes (page-grained: a hint)." })
  memoryDeltaBytes?: number;
}

@DataType('Policy probability and bandit posterior mean for one tool.')
export class ToolScore {
  @Field(() => Tool)
  tool!: Tool;

  @Field(() => Float)
  probability!: number;

  @Field(() => Float)
  banditMean!: number;
}

@DataType('One woven answer with full provenance.')
export class Spacetime {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  query!: string;

  @Field(() => WeaveMode, { description: 'The mode actually used (never AUTO).' })
  mode!: WeaveMode;

  @Field(() => Tool)
  tool!: Tool;

  @Field(() => String)
  response!: string;

  @Field(() => Float, { description: '0..1' })
  confidence!: number;

  @Field(() => Boolean)
  cacheHit!: boolean;

  @Field(() => Float)
  durationMs!: number;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => ID, { nullable: true })
  sessionId!: string | null;

  @Field(() => [String])
  motifs!: string[];

  @Field(() => [RecallHit], { description: 'Memories the answer used, best first.' })
  context!: RecallHit[];

  @Field(() => [ToolScore])
  toolScores!: ToolScore[];

  @Field(() => [WeaveStep], { description: 'One entry per step of the cycle, in order.' })
  trace!: WeaveStep[];

  @Field(() => Float, { nullable: true, description: 'Set once feedback arrives.' })
  reward!: number | null;

  @Field(() => String, { nullable: true, description: 'Set when the weave failed; never cached.' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'Error code when the weave failed, e.g. TIMEOUT.' })
  errorCode!: string | null;
}
