/**
 * Word lists for entity extraction. They live apart from the rules so the rules stay readable and
 * the lists can grow without touching logic.
 */

/**
 * Capitalized words that are not names when they stand alone: function words that a sentence
 * starts with, the verbs and greetings people open a request or note with, and the pronoun "I".
 */
export const ENTITY_STOPWORDS: ReadonlySet<string> = new Set([
  'add', 'ask', 'calculate', 'check', 'compare', 'dear', 'define', 'describe', 'explain', 'hello',
  'help', 'hey', 'hi', 'look', 'make', 'set', 'summarize', 'thank', 'try', 'use', 'visit',
  'a', 'about', 'after', 'again', 'all', 'also', 'an', 'and', 'any', 'are', 'as', 'at',
  'be', 'because', 'before', 'both', 'but', 'by', 'can', 'could', 'did', 'do', 'does',
  'each', 'either', 'even', 'every', 'find', 'for', 'from', 'get', 'give', 'had', 'has',
  'have', 'he', 'her', 'here', 'hers', 'him', 'his', 'how', 'however', 'i', 'if', 'in',
  'is', 'it', 'its', 'just', 'let', 'list', 'maybe', 'me', 'my', 'neither', 'no', 'nor',
  'not', 'note', 'now', 'of', 'oh', 'ok', 'okay', 'on', 'once', 'or', 'our', 'please',
  'recall', 'remember', 'say', 'search', 'she', 'should', 'show', 'since', 'so', 'some',
  'tell', 'than', 'thanks', 'that', 'the', 'their', 'them', 'then', 'there', 'these',
  'they', 'this', 'those', 'though', 'to', 'today', 'tomorrow', 'tonight', 'too', 'was',
  'we', 'well', 'were', 'what', 'when', 'where', 'whether', 'which', 'while', 'who',
  'whom', 'whose', 'why', 'will', 'with', 'would', 'yes', 'yesterday', 'yet', 'you', 'your',
]);

/** Lower-case words that may sit between capitalized words inside one name ("Bank of England"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set([
  'of', 'the', 'de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'dos', 'y',
]);
