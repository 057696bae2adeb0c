import type { GraphEdge } from './graph-edge.js';

function findRoot(parent: Int32Array, node: number): number {
  let root = node;
  while ((parent[root] ?? root) !== root) {
    root = parent[root] ?? root;
  }
  // Path compression keeps later look-ups near O(1).
  let current = node;
  while (current !== root) {
    const next = parent[current] ?? root;
    parent[current] = root;
    current = next;
  }
  return root;
}

/** Number of connected components (isolated nodes count); zero-weight edges do not connect. */
export function countComponents(nodeCount: number, edges: readonly GraphEdge[]): number {
  const parent = Int32Array.from({ length: nodeCount }, (_, i) => i);
  let components = nodeCount;
  for (const { a, b, weight } of edges) {
    const rootA = findRoot(parent, a);
    const rootB = findRoot(parent, b);
    if (weight > 0 && rootA !== rootB) {
      parent[rootA] = rootB;
      components--;
    }
  }
  return components;
}
