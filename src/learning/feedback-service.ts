import type { Policy } from '../policy/index.js';
import { BadInputError, NotFoundError } from '../shared/index.js';
import type { SpacetimeStore } from '../spacetime/index.js';

import type { ReflectionBuffer } from './reflection/index.js';
import { computeReward, rewardToUnit, type Feedback } from './rewards.js';

/** Turns feedback into a stored reward and a bandit update. */
export interface FeedbackService {
  /** Returns the reward it stored. */
  give(tenant: string, spacetimeId: string, feedback: Feedback): Promise<number>;
}

export interface FeedbackServiceOptions {
  readonly spacetimes: SpacetimeStore;
  readonly policy: Policy;
  /** Where the weave's experience waits for its reward (absent: only the bandit learns). */
  readonly reflections?: Pick<ReflectionBuffer, 'setReward'>;
}

function validate(feedback: Feedback): void {
  const { rating } = feedback;
  if (rating !== undefined && rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) {
    throw new BadInputError(`rating must be an integer from 1 to 5; got ${rating}.`, { field: 'rating' });
  }
}

/** Creates the feedback service. */
export function createFeedbackService({ spacetimes, policy, reflections }: FeedbackServiceOptions): FeedbackService {
  return {
    async give(tenant, spacetimeId, feedback) {
      validate(feedback);
      const spacetime = await spacetimes.get(tenant, spacetimeId);
      if (spacetime === undefined) {
        throw new NotFoundError('spacetime', spacetimeId);
      }
      if (spacetime.reward !== null) {
        // One outcome per weave: a second rating would count the same decision twice.
        throw new BadInputError(`Spacetime "${spacetimeId}" already has feedback (reward ${spacetime.reward.toFixed(3)}).`);
      }
      const reward = computeReward(spacetime, feedback);
      await spacetimes.setReward(tenant, spacetimeId, reward, { ...feedback });
      policy.recordOutcome(tenant, spacetime.bucket, spacetime.tool, rewardToUnit(reward));
      // False when the experience was evicted (FIFO) or never recorded (a cache hit): the bandit still learned.
      reflections?.setReward(tenant, spacetimeId, reward);
      return reward;
    },
  };
}
