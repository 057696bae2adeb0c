import { Field, ID, InputType } from 'type-graphql';

import { Tool, WeaveMode } from './enums.js';

@InputType({ description: 'A question or instruction to weave. Query up to 2,000 characters.' })
export class WeaveInput {
  @Field(() => String)
  query!: string;

  @Field(() => WeaveMode, { nullable: true, defaultValue: WeaveMode.AUTO })
  mode?: WeaveMode | null;

  @Field(() => ID, { nullable: true, description: 'Client-chosen id, so weaveProgress can be subscribed first.' })
  id?: string | null;

  @Field(() => ID, { nullable: true, description: 'Groups weaves and memories into one conversation.' })
  sessionId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  useCache?: boolean | null;

  @Field(() => Tool, { nullable: true, description: 'Forces a tool, skipping the policy.' })
  tool?: Tool | null;
}
