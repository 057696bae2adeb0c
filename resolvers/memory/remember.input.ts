import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A memory to store. Text up to 10,000 characters, at most 32 tags.' })
export class RememberInput {
  @Field(() => String)
  text!: string;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => ID, { nullable: true })
  sessionId?: string | null;
}
