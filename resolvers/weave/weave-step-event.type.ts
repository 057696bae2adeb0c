import { JSONObjectResolver } from 'graphql-scalars';
import { Field, Float, ID, Int } from 'type-graphql';

import { DataType } from '../data-type.js';

@DataType('A weave step as it finishes.')
export class WeaveStepEvent {
  @Field(() => ID)
  weaveId!: string;

  @Field(() => String)
  step!: string;

  @Field(() => Int)
  index!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => Float)
  durationMs!: number;

  @Field(() => JSONObjectResolver, { nullable: true })
  detail!: Record<string, unknown>;

  @Field(() => Boolean, { description: 'True on the last event of a weave.' })
  done!: boolean;

  @Field(() => String, { nullable: true })
  error!: string | null;
}
