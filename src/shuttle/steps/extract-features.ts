import { buildEntityGraph, detectMotifs, graphSpectrum } from '../../features/index.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

const NO_SPECTRUM = { eigenvalues: [] as number[], fiedler: 0, components: 0 };

/**
 * 4. Features: motifs of the query, Laplacian spectrum of the retrieved subgraph (memories
 * linked by shared entities), and the observation vector the policy consumes (encoded by the
 * injected `observe`).
 */
export const extractFeatures: WeaveStepDefinition = {
  name: 'features',
  run(state, deps) {
    const card = need(state, 'card');
    const hits = need(state, 'hits');
    const queryVector = need(state, 'queryVector');
    const motifs = detectMotifs(state.request.query);
    const spectral =
      card.spectralK === 0 || hits.length < 2
        ? NO_SPECTRUM
        : graphSpectrum(hits.length, buildEntityGraph(hits.map((hit) => hit.memory)), card.spectralK);
    const scored = motifs.map(({ name, score }) => ({ name, score }));
    const features = deps.observe({
      queryVector,
      motifs: scored,
      hits,
      spectrum: spectral === NO_SPECTRUM ? null : spectral,
      pattern: card.name,
    });
    return {
      patch: { motifs: scored, features },
      detail: {
        motifs: motifs.map((motif) => motif.name),
        eigenvalues: spectral.eigenvalues,
        fiedler: spectral.fiedler,
        featureLength: features.length,
      },
    };
  },
};
