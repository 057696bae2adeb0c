import { Field, Float, Int } from 'type-graphql';

import { DataType } from '../data-type.js';
import { Tool } from '../weave/enums.js';

/** Outcomes of one group of weaves in the reflection buffer. */
@DataType('Outcomes of a group of weaves kept for learning.')
export class OutcomeSummary {
  @Field(() => Int, { description: 'Weaves recorded (with or without feedback).' })
  count!: number;

  @Field(() => Int, { description: 'Weaves that received feedback.' })
  rewarded!: number;

  @Field(() => Float, { nullable: true, description: 'Mean reward (−1..1) of the rewarded ones.' })
  meanReward!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of rewarded weaves with a positive reward.' })
  successRate!: number | null;
}

@DataType("One tool's outcomes and its bandit posterior mean over the tenant's buckets.")
export class ToolOutcome extends OutcomeSummary {
  @Field(() => Tool)
  tool!: string;

  @Field(() => Float, { description: "The original's recommendation score: 0.5·success + 0.3·confidence + 0.2·usage." })
  recommendation!: number;
}

@DataType('What the policy has learned from so far, per tool (reflection buffer, FIFO 1,000 per tenant).')
export class PolicyStats {
  @Field(() => String, { description: 'Layout of the stored observations, e.g. obs-v1.' })
  encodingVersion!: string;

  @Field(() => OutcomeSummary)
  total!: OutcomeSummary;

  @Field(() => [ToolOutcome])
  tools!: ToolOutcome[];
}
