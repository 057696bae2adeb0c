/** The original's "3-5-7-9" complexity levels. */
export type Complexity = 'LITE' | 'FAST' | 'FULL' | 'RESEARCH';

const ANALYSIS_VERBS = new Set(['analyze', 'analyse', 'compare', 'evaluate', 'assess', 'investigate', 'examine']);
const RESEARCH_WORDS = new Set(['research', 'deep', 'comprehensive', 'detailed', 'thorough', 'in-depth', 'extensive']);
const QUESTION_WORDS = new Set(['what', 'why', 'how', 'when', 'where', 'who', 'which', 'whose', 'whom']);
const KNOWLEDGE_VERBS = new Set(['explain', 'describe', 'tell', 'define', 'clarify', 'elaborate']);
const GREETINGS = new Set(['hi', 'hello', 'hey', 'thanks', 'thank', 'bye', 'goodbye']);

/**
 * The original's rules, with whole-word matching (its substring matching made "this" a
 * greeting and "deeply" a research keyword).
 */
export function assessComplexity(query: string): Complexity {
  const words = query.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? [];
  const has = (set: ReadonlySet<string>): boolean => words.some((word) => set.has(word));
  if (has(ANALYSIS_VERBS) || has(RESEARCH_WORDS) || words.length > 50) {
    return 'RESEARCH';
  }
  if (words.length >= 20) {
    return 'FULL';
  }
  const asks = has(QUESTION_WORDS) || query.includes('?');
  if (asks || has(KNOWLEDGE_VERBS) || words.length > 2) {
    return has(GREETINGS) && words.length <= 5 && !asks ? 'LITE' : 'FAST';
  }
  return 'LITE';
}
