import { BadInputError } from '../shared/index.js';

/** An undirected weighted edge between node indices `a` and `b`. */
export interface GraphEdge {
  readonly a: number;
  readonly b: number;
  readonly weight: number;
}

function isNodeIndex(index: number, nodeCount: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < nodeCount;
}

/** Rejects edges that point outside the graph or carry a negative or non-finite weight. */
export function assertValidEdges(nodeCount: number, edges: readonly GraphEdge[]): void {
  for (const edge of edges) {
    if (!isNodeIndex(edge.a, nodeCount) || !isNodeIndex(edge.b, nodeCount)) {
      const message = `Edge ${edge.a}-${edge.b} refers to a node outside 0..${nodeCount - 1}.`;
      throw new BadInputError(message, { edge });
    }
    if (!Number.isFinite(edge.weight) || edge.weight < 0) {
      const message = `Edge ${edge.a}-${edge.b} has weight ${edge.weight}; weights must be finite and >= 0.`;
      throw new BadInputError(message, { edge });
    }
  }
}
