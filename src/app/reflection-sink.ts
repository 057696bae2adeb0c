import {
  ACTIONS,
  encodeObservation,
  ENCODING_VERSION,
  summarizeRetrieval,
  TOOL_INDEX,
  type ReflectionBuffer,
  type ReflectionExperience,
} from '../learning/index.js';
import type { ActorCritic } from '../learning/ppo/index.js';
import type { Logger } from '../observability/index.js';
import type { ToolName } from '../shared/index.js';
import type { Experience, ExperienceSink, ObservationParts } from '../shuttle/index.js';

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

/** A trained network's tool probabilities for an observation it was trained on the layout of. */
export function networkProbabilities(network: ActorCritic | undefined, features: Float32Array): Record<ToolName, number> | undefined {
  if (network?.shape.observationSize !== features.length) {
    return undefined;
  }
  const { probabilities } = network.predict(features);
  return Object.fromEntries(ACTIONS.map((tool, i) => [tool, probabilities[i] ?? 0])) as Record<ToolName, number>;
}

/** The policy's observation in the learning layout: what decisions and stored experiences share. */
export function observe(parts: ObservationParts): Float32Array {
  return encodeObservation({
    queryEmbedding: Float32Array.from(parts.queryVector),
    motifs: parts.motifs.map((motif) => motif.name),
    retrieval: summarizeRetrieval(parts.hits),
    spectral: parts.spectrum,
    pattern: parts.pattern,
  });
}

function toReflection(experience: Experience): ReflectionExperience {
  const probabilities = ACTIONS.map((tool) => experience.probabilities[tool]);
  const chosen = experience.probabilities[experience.tool];
  return {
    id: experience.spacetimeId,
    tenant: experience.tenant,
    createdAt: new Date(),
    encodingVersion: ENCODING_VERSION,
    observation: experience.features,
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
