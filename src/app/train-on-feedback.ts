import type { FeedbackService, TrainingService } from '../learning/index.js';
import type { Logger } from '../observability/index.js';
import { AppError } from '../shared/index.js';

/**
 * Feedback that also starts a training run after every `every` feedback events of a tenant (0 =
 * never). The run is started, not awaited: the feedback answers at once.
 */
export function trainOnFeedback(feedback: FeedbackService, training: Pick<TrainingService, 'train'>, every: number, logger: Logger): FeedbackService {
  if (every === 0) {
    return feedback;
  }
  const counts = new Map<string, number>();
  return {
    async give(tenant, spacetimeId, given) {
      const reward = await feedback.give(tenant, spacetimeId, given);
      const count = (counts.get(tenant) ?? 0) + 1;
      counts.set(tenant, count);
      if (count % every === 0) {
        try {
          const run = training.train(tenant, 'feedback');
          logger.info({ tenant, runId: run.id, feedbackEvents: count }, 'training after feedback');
        } catch (error) {
          // Too few rewarded weaves yet (some feedback lands on cache hits, which keep no experience).
          if (!(error instanceof AppError && error.code === 'BAD_USER_INPUT')) {
            throw error;
          }
        }
      }
      return reward;
    },
  };
}
