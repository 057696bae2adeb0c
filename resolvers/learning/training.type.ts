import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { DataType } from '../data-type.js';

@DataType('One PPO update of a training run.')
export class TrainingEvent {
  @Field(() => ID)
  runId!: string;

  @Field(() => Int, { description: '1-based index of this update in the run (0 when a run failed before its first).' })
  update!: number;

  @Field(() => Int, { description: 'Updates the run makes in all.' })
  updates!: number;

  @Field(() => Float)
  policyLoss!: number;

  @Field(() => Float)
  valueLoss!: number;

  @Field(() => Float)
  entropy!: number;

  @Field(() => Float, { description: 'Approximate KL between the policy before and after the update.' })
  approxKl!: number;

  @Field(() => Float, { description: 'Mean reward (−1..1) of the weaves trained on.' })
  meanReward!: number;

  @Field(() => Int, { description: 'Weaves with feedback in the batch.' })
  samples!: number;

  @Field(() => Boolean, { description: 'True on the run’s last event.' })
  done!: boolean;
}

@DataType('A PPO training run on the tenant’s weaves that received feedback.')
export class TrainingRun {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'RUNNING, DONE or FAILED.' })
  status!: string;

  @Field(() => String, { description: 'manual (the train mutation) or feedback (every N feedback events).' })
  reason!: string;

  @Field(() => Date)
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int)
  samples!: number;

  @Field(() => Int, { description: 'Updates applied so far.' })
  updates!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => TrainingEvent, { nullable: true, description: 'The latest update.' })
  last!: TrainingEvent | null;
}

@InputType({ description: 'Options of a training run over the newest 1,000 weaves with feedback.' })
export class TrainInput {
  @Field(() => Int, { nullable: true, description: 'PPO updates to make (1-50, default 8).' })
  updates?: number | null;
}
