import {
  ACTIONS,
  encodeObservation,
  ENCODING_VERSION,
  summarizeRetrieval,
  TOOL_INDEX,
  type ReflectionBuffer,
  type ReflectionExperience,
} from '../learning/index.js';
import type { Logger } from '../observability/index.js';
import type { Experience, ExperienceSink } from '../shuttle/index.js';

/** The shuttle's experiences, encoded (obs-v1) and kept in the reflection buffer for feedback and PPO. */
export function createReflectionSink(buffer: ReflectionBuffer, logger: Logger): ExperienceSink {
  return {
    record(experience: Experience) {
      try {
        buffer.record(toReflection(experience));
      } catch (error) {
        // Learning data is best effort: losing one experience must not fail the weave that made it.
        logger.warn({ err: error, weaveId: experience.spacetimeId }, 'could not record the weave in the reflection buffer');
      }
    },
  };
}

function toReflection(experience: Experience): ReflectionExperience {
  const observation = encodeObservation({
    queryEmbedding: Float32Array.from(experience.queryVector),
    motifs: experience.motifs.map((motif) => motif.name),
    retrieval: summarizeRetrieval(experience.hits),
    spectral: experience.spectrum,
    pattern: experience.pattern,
  });
  const probabilities = ACTIONS.map((tool) => experience.probabilities[tool]);
  const chosen = experience.probabilities[experience.tool];
  return {
    id: experience.spacetimeId,
    tenant: experience.tenant,
    createdAt: new Date(),
    encodingVersion: ENCODING_VERSION,
    observation,
    toolIndex: TOOL_INDEX[experience.tool],
    actionProbabilities: probabilities,
    // A forced or prior-only decision can give the chosen tool ~0; keep the log finite.
    logProb: Math.log(Math.max(chosen, 1e-8)),
    value: null,
    pattern: experience.pattern,
    confidence: experience.confidence,
    durationMs: experience.durationMs,
    errorCode: experience.errorCode,
  };
}
