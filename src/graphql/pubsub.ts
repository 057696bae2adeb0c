import { createPubSub } from '@graphql-yoga/subscription';
import { type PubSub as SchemaPubSub } from 'type-graphql';

export type { SchemaPubSub };

/** Topic names of a topic map (`{ TOPIC: Payload }`). */
export type TopicName<Topics> = Extract<keyof Topics, string>;

/** An in-process event bus whose topics and payloads are checked by the compiler. */
export interface TypedPubSub<Topics extends object> {
  /** Delivers `payload` to every current subscriber of `topic`. */
  publish<K extends TopicName<Topics>>(topic: K, payload: Topics[K]): void;
  /** Events published on `topic` from now on; ends when the consumer calls `return()`. */
  subscribe<K extends TopicName<Topics>>(topic: K): AsyncIterableIterator<Topics[K]>;
}

/**
 * Creates the typed pubsub. Pass the same object to services (typed) and to
 * `buildGraphqlSchema({ pubSub })`, where type-graphql sees its untyped `PubSub`.
 */
export function createTypedPubSub<Topics extends object>(): TypedPubSub<Topics> {
  const pubSub = createPubSub<Record<string, [unknown]>>();
  return {
    publish: (topic, payload) => {
      pubSub.publish(topic, payload);
    },
    // Sound by construction: publish only accepts Topics[K] for topic K.
    subscribe: <K extends TopicName<Topics>>(topic: K) =>
      pubSub.subscribe(topic) as AsyncIterableIterator<Topics[K]>,
  };
}
