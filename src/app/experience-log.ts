import type { Experience, ExperienceSink } from '../shuttle/index.js';

/** Experiences kept for learning; the original's reflection buffer held 1,000. */
export const EXPERIENCE_CAPACITY = 1_000;

/** A bounded FIFO of recent experiences, kept for the PPO learning loop to train on. */
export interface ExperienceLog extends ExperienceSink {
  recent(): readonly Experience[];
}

/** Creates the in-process experience log. */
export function createExperienceLog(capacity = EXPERIENCE_CAPACITY): ExperienceLog {
  const items: Experience[] = [];
  return {
    record(experience) {
      items.push(experience);
      if (items.length > capacity) {
        items.shift();
      }
    },
    recent: () => items,
  };
}
