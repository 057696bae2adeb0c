import { MOTIF_NAMES, type MotifName } from '../shared/index.js';

import { MOTIF_RULES, type MotifRule } from './motif-rules.js';

/** A detected motif: which one, where its strongest cue sits in the text, how strong it is (0..1). */
export interface Motif {
  readonly name: MotifName;
  readonly span: [number, number];
  readonly score: number;
}

/** Texts up to this many words count as short (greetings, thanks). */
const SHORT_TEXT_WORDS = 6;
const LONG_TEXT_PENALTY = 0.5;

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => word.length > 0).length;
}

function applyRule(rule: MotifRule, text: string, isShort: boolean): Motif | undefined {
  const match = rule.pattern.exec(text);
  if (match === null) {
    return undefined;
  }
  // Rules anchor with `^\s*`; the span should start at the cue, not at the leading blanks.
  const lead = match[0].length - match[0].trimStart().length;
  const score = rule.shortOnly === true && !isShort ? rule.score * LONG_TEXT_PENALTY : rule.score;
  return { name: rule.name, span: [match.index + lead, match.index + match[0].length], score };
}

function strongestPerName(motifs: readonly Motif[]): Motif[] {
  const best = new Map<MotifName, Motif>();
  for (const motif of motifs) {
    const current = best.get(motif.name);
    if (current === undefined || motif.score > current.score) {
      best.set(motif.name, motif);
    }
  }
  return [...best.values()];
}

function bySpanThenVocabulary(a: Motif, b: Motif): number {
  return a.span[0] - b.span[0] || MOTIF_NAMES.indexOf(a.name) - MOTIF_NAMES.indexOf(b.name);
}

/** Rule-based motif detection: one motif per name (its strongest cue), ordered by position. */
export function detectMotifs(text: string): Motif[] {
  const isShort = wordCount(text) <= SHORT_TEXT_WORDS;
  const found = MOTIF_RULES.map((rule) => applyRule(rule, text, isShort)).filter(
    (motif): motif is Motif => motif !== undefined,
  );
  return strongestPerName(found).sort(bySpanThenVocabulary);
}

/** The names of detected motifs, in their order. */
export function motifNames(motifs: readonly Motif[]): MotifName[] {
  return motifs.map((motif) => motif.name);
}
