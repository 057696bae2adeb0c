import { buildEntityGraph, detectMotifs, encodeFeatures, graphSpectrum } from '../../features/index.js';
import { truncateNormalize } from '../../shared/index.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

const NO_SPECTRUM = { eigenvalues: [] as number[], fiedler: 0, components: 0 };

/**
 * 4. Features: motifs of the query, Laplacian spectrum of the retrieved subgraph (memories
 * linked by shared entities), and the observation vector the policy consumes.
 */
export const extractFeatures: WeaveStepDefinition = {
  name: 'features',
  run(state) {
    const card = need(state, 'card');
    const hits = need(state, 'hits');
    const queryVector = need(state, 'queryVector');
    const motifs = detectMotifs(state.request.query);
    const spectral =
      card.spectralK === 0 || hits.length < 2
        ? NO_SPECTRUM
        : graphSpectrum(hits.length, buildEntityGraph(hits.map((hit) => hit.memory)), card.spectralK);
    const scores = hits.map((hit) => hit.score);
    const features = encodeFeatures({
      queryVector96: truncateNormalize(queryVector, 96),
      motifs,
      retrieval: {
        hitCount: hits.length,
        topScore: scores[0] ?? 0,
        meanScore: scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length,
      },
      spectral,
      pattern: card.name,
    });
    return {
      patch: { motifs: motifs.map(({ name, score }) => ({ name, score })), features, spectrum: spectral === NO_SPECTRUM ? null : spectral },
      detail: {
        motifs: motifs.map((motif) => motif.name),
        eigenvalues: spectral.eigenvalues,
        fiedler: spectral.fiedler,
        featureLength: features.length,
      },
    };
  },
};
