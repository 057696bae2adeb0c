import { type GraphQLSchema } from 'graphql';
import {
  Arg,
  Ctx,
  Field,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';

import { buildGraphqlSchema, createTypedPubSub } from '../../../src/graphql/index.js';
import { NotFoundError } from '../../../src/shared/index.js';

/** What the test context builder makes of each request. */
export interface ProbeContext {
  readonly transport: 'http' | 'ws';
  readonly user: string | undefined;
}

// Named apart from anything the real schema defines.
@ObjectType('TransportProbe')
class Probe {
  @Field(() => ID) id!: string;
  @Field(() => String) text!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Probe, { nullable: true }) child?: Probe | undefined;
}

function makeProbe(fields: Pick<Probe, 'id' | 'text' | 'createdAt'> & { child?: Probe }): Probe {
  return Object.assign(new Probe(), fields);
}

interface ProbeTopics {
  PROBE_ADDED: Probe;
}

/** A tiny schema with a query, a publishing mutation and a subscription. */
export async function buildProbeSchema(): Promise<{
  schema: GraphQLSchema;
  /** Resolves when the next subscriber has attached to the pubsub (no sleeping in tests). */
  nextSubscriber: () => Promise<void>;
}> {
  const pubSub = createTypedPubSub<ProbeTopics>();
  const waiting: (() => void)[] = [];

  @Resolver(() => Probe)
  class ProbeResolver {
    @Query(() => Probe)
    probe(@Arg('id', () => ID) id: string): Probe {
      if (id !== 'p-1') {
        throw new NotFoundError('probe', id);
      }
      const createdAt = new Date('2026-01-02T03:04:05.000Z');
      const child = makeProbe({ id: 'p-2', text: 'second', createdAt });
      return makeProbe({ id, text: 'first', createdAt, child });
    }

    @Query(() => String)
    whoami(@Ctx() context: ProbeContext): string {
      return `${context.transport}:${context.user ?? 'anonymous'}`;
    }

    @Mutation(() => Probe)
    addProbe(@Arg('text', () => String) text: string): Probe {
      const probe = makeProbe({ id: `p-${text}`, text, createdAt: new Date() });
      pubSub.publish('PROBE_ADDED', probe);
      return probe;
    }

    @Subscription(() => Probe, {
      subscribe: () => {
        const events = pubSub.subscribe('PROBE_ADDED');
        waiting.splice(0).forEach((resolve) => {
          resolve();
        });
        return events;
      },
    })
    probeAdded(@Root() probe: Probe): Probe {
      return probe;
    }
  }

  const schema = await buildGraphqlSchema({ resolvers: [ProbeResolver], pubSub });
  const nextSubscriber = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
    });
  return { schema, nextSubscriber };
}
