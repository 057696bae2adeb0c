import { ACTION_COUNT, ENCODING_VERSION, OBSERVATION_SIZE, PATTERN_SLOT } from '../encoding/index.js';

import type { ReflectionExperience } from './types.js';

const finite = (values: ArrayLike<number>): boolean => Array.from(values).every(Number.isFinite);

/** The problem with an experience, or undefined when it can be stored. */
function problem(experience: ReflectionExperience): string | undefined {
  const { observation, actionProbabilities: probabilities, toolIndex } = experience;
  if (experience.id === '' || experience.tenant === '') {
    return 'id and tenant must be non-empty';
  }
  if (Number.isNaN(experience.createdAt.getTime())) {
    return 'createdAt is not a valid date';
  }
  if (experience.encodingVersion === ENCODING_VERSION && observation.length !== OBSERVATION_SIZE) {
    return `an ${ENCODING_VERSION} observation has ${OBSERVATION_SIZE} values, not ${observation.length}`;
  }
  if (!finite(observation)) {
    return 'the observation holds a non-finite value';
  }
  if (!Number.isInteger(toolIndex) || toolIndex < 0 || toolIndex >= ACTION_COUNT) {
    return `toolIndex ${toolIndex} is not an action (0..${ACTION_COUNT - 1})`;
  }
  if (probabilities.length !== ACTION_COUNT || !Array.from(probabilities).every((p) => p >= 0 && p <= 1)) {
    return `actionProbabilities must be ${ACTION_COUNT} values in [0, 1]`;
  }
  if (!finite([experience.logProb, experience.confidence, experience.durationMs, experience.value ?? 0])) {
    return 'logProb, value, confidence and durationMs must be finite';
  }
  if (!Object.hasOwn(PATTERN_SLOT, experience.pattern)) {
    return `unknown pattern "${experience.pattern}"`;
  }
  return undefined;
}

/** Throws RangeError naming what is wrong; a malformed experience is a caller bug, not user input. */
export function validateExperience(experience: ReflectionExperience): void {
  const found = problem(experience);
  if (found !== undefined) {
    throw new RangeError(`Experience ${experience.id} cannot be recorded: ${found}.`);
  }
}
