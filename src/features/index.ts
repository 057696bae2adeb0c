/** Query features for the policy: motifs and spectral graph features (learning encodes them into its observation). */
/** Rule-based motif detection and the names of what it found. */
export { detectMotifs, motifNames, type Motif } from './motifs.js';
/** Laplacian spectrum (k smallest eigenvalues, Fiedler value, components) of a small graph. */
export { DEFAULT_EIGENVALUE_COUNT, graphSpectrum, type GraphSpectrum } from './spectral.js';
/** Edges between memories that share entities, weighted by the count shared. */
export { buildEntityGraph, type EntityBearer } from './entity-graph.js';
/** An undirected weighted edge between node indices. */
export type { GraphEdge } from './graph-edge.js';
