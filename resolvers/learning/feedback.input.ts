import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Feedback on one spacetime: a 1-5 rating, or whether it succeeded.' })
export class FeedbackInput {
  @Field(() => ID)
  spacetimeId!: string;

  @Field(() => Int, { nullable: true, description: '1..5; decides the reward alone when given.' })
  rating?: number | null;

  @Field(() => Boolean, { nullable: true })
  success?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Free text, up to 2,000 characters.' })
  comment?: string | null;
}
