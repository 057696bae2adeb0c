import { normalize, type Vector } from '../shared/index.js';

import { MATRYOSHKA_SCALES, type Embedder } from './types.js';

const DIMENSIONS = 384;
const CHAR_NGRAM = 3;
const CHAR_NGRAM_WEIGHT = 0.35;
const WORD_BIGRAM_WEIGHT = 0.5;
/** Each Matryoshka band hashes every feature with its own seed, so any prefix is an embedding. */
const BANDS = MATRYOSHKA_SCALES.map((end, i) => ({ start: i === 0 ? 0 : (MATRYOSHKA_SCALES[i - 1] ?? 0), end, seed: 0x9e37_79b9 * (i + 1) }));

/** 32-bit FNV-1a with a seed: stable across processes and platforms. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c_9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x0100_0193) >>> 0;
  }
  return hash;
}

/** Lower-cased word tokens (letters and digits, any script). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function features(text: string): [string, number][] {
  const words = wordTokens(text);
  const out: [string, number][] = words.map((w) => [`w:${w}`, 1]);
  for (let i = 0; i + 1 < words.length; i++) {
    out.push([`b:${words[i] ?? ''} ${words[i + 1] ?? ''}`, WORD_BIGRAM_WEIGHT]);
  }
  for (const word of words) {
    const padded = `<${word}>`;
    for (let i = 0; i + CHAR_NGRAM <= padded.length; i++) {
      out.push([`c:${padded.slice(i, i + CHAR_NGRAM)}`, CHAR_NGRAM_WEIGHT]);
    }
  }
  return out;
}

/** Signed feature hashing of one text into a 384-dim unit vector. */
export function hashEmbed(text: string): Vector {
  const vector = new Float32Array(DIMENSIONS);
  for (const [feature, weight] of features(text)) {
    for (const band of BANDS) {
      const hash = fnv1a(feature, band.seed);
      const slot = band.start + (hash % (band.end - band.start));
      vector[slot] = (vector[slot] ?? 0) + (hash & 0x8000_0000 ? -weight : weight);
    }
  }
  return normalize(vector);
}

/**
 * A deterministic embedder that needs no model: words, word bigrams and character trigrams
 * hashed into 384 dims. It matches shared words and spellings, not meaning; the ONNX model does
 * that. Because each Matryoshka band (0-96, 96-192, 192-384) hashes all features on its own,
 * the first 96 or 192 components are embeddings in their own right.
 */
export function createHashingEmbedder(): Embedder {
  return {
    name: 'hashing',
    dimensions: DIMENSIONS,
    kind: 'lexical',
    embed: (texts) => Promise.resolve(texts.map(hashEmbed)),
  };
}
