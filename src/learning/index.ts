/** Learning from outcomes: rewards from feedback, bandit updates (PPO arrives here next). */
export { createFeedbackService, type FeedbackService, type FeedbackServiceOptions } from './feedback-service.js';
export { computeReward, REWARD, rewardToUnit, type Feedback } from './rewards.js';
