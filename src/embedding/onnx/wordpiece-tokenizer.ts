import * as tokenizersJs from '@huggingface/tokenizers';

import type { ModelFiles } from './model-files.js';

/** Turns a text into the model's input ids, [CLS] … [SEP], truncated to the model's limit. */
export interface TextTokenizer {
  encode(text: string): number[];
}

/** The slice of tokenizers.js we use. */
interface HfTokenizer {
  encode(text: string): { readonly ids: number[] };
}
type HfTokenizerClass = new (tokenizerJson: object, tokenizerConfig: object) => HfTokenizer;

// The package's .d.ts files import each other without file extensions, which NodeNext cannot
// resolve, so its types arrive broken; we state the one constructor we call.
const Tokenizer = (tokenizersJs as unknown as { readonly Tokenizer: HfTokenizerClass }).Tokenizer;

/**
 * The model's own tokenizer.json run by Hugging Face's tokenizers.js (pure JS, no native
 * build). tokenizers.js does not apply the file's truncation settings, so we truncate as the
 * Rust library does for one sequence: keep the first `max − 1` ids and end with the last ([SEP]).
 */
export function createWordPieceTokenizer(files: ModelFiles): TextTokenizer {
  const tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
  const max = files.maxSequenceLength;
  return {
    encode(text) {
      const { ids } = tokenizer.encode(text);
      if (ids.length <= max) {
        return ids;
      }
      const last = ids[ids.length - 1] ?? 0;
      return [...ids.slice(0, max - 1), last];
    },
  };
}
