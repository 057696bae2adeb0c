import type { Vector } from '../shared/index.js';

/** The Matryoshka scales the pattern cards use, smallest first. */
export const MATRYOSHKA_SCALES = [96, 192, 384] as const;
export type MatryoshkaScale = (typeof MATRYOSHKA_SCALES)[number];

/** Turns texts into unit-length vectors of `dimensions` components. */
export interface Embedder {
  /** Short name for health output, e.g. `hashing` or `onnx:all-MiniLM-L6-v2`. */
  readonly name: string;
  /** Length of every vector it returns. */
  readonly dimensions: number;
  /** lexical: matches surface words (hashing); semantic: matches meaning (a trained model). */
  readonly kind: 'lexical' | 'semantic';
  /** Embeds texts in order; one output per input. */
  embed(texts: readonly string[]): Promise<Vector[]>;
  /** Releases native resources, if any. */
  close?(): Promise<void>;
}
