const ELLIPSIS = '…';
/** A cut may back up this far to end on a word boundary. */
const WORD_BOUNDARY_SLACK = 40;

// Never leave half of a surrogate pair (an emoji, say) at the cut.
function sliceWhole(text: string, length: number): string {
  const head = text.slice(0, length);
  return /[\uD800-\uDBFF]$/u.test(head) ? head.slice(0, -1) : head;
}

/** Shortens text to at most `maxChars` UTF-16 units (ellipsis included), preferring a word break. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) {
    return text;
  }
  const head = sliceWhole(text, maxChars - ELLIPSIS.length);
  const space = head.lastIndexOf(' ');
  const cut = space > 0 && space >= head.length - WORD_BOUNDARY_SLACK ? head.slice(0, space) : head;
  return `${cut.trimEnd()}${ELLIPSIS}`;
}
