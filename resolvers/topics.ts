import type { TrainingEvent } from '../src/learning/index.js';
import type { WeaveProgressEvent } from '../src/shuttle/index.js';

/** Pubsub topics and their payloads; one typed map for publishers and subscriptions. */
export const TOPICS = { weaveProgress: 'WEAVE_PROGRESS', trainingProgress: 'TRAINING_PROGRESS' } as const;

export interface TopicPayloads {
  readonly [TOPICS.weaveProgress]: WeaveProgressEvent;
  readonly [TOPICS.trainingProgress]: TrainingEvent;
}
