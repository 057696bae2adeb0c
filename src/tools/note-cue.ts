/** "Remember that", "Please note that", "Note:", "Don't forget that", "Keep in mind that", … */
const CUE_VERBS = [
  'remember', 'note', String.raw`don'?t\s+forget`, String.raw`do\s+not\s+forget`,
  String.raw`keep\s+in\s+mind`, String.raw`make\s+a\s+note`, String.raw`write\s+down`, 'save',
  'store', 'record',
].join('|');
const NOTE_CUE = new RegExp(
  String.raw`^\s*(?:(?:please|pls)\s*,?\s+)?(?:${CUE_VERBS})\b(?:\s+(?:that|this|of))?\s*[:,-]?\s*`,
  'iu',
);

/** The fact to store: the message without its leading cue, trimmed; "" when only the cue was there. */
export function stripNoteCue(text: string): string {
  return text.replace(NOTE_CUE, '').trim();
}
