import { stripNoteCue } from './note-cue.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const NOTED_CONFIDENCE = 0.95;

function nothingToStore(query: string): ToolResult {
  return {
    response: `Nothing was stored: "${query.trim()}" has no content to note after its cue.`,
    confidence: 0,
    citations: [],
    detail: { stored: false },
  };
}

/** Stores the query (minus its cue) as a note memory of this tenant and session. */
async function storeNote(context: ToolContext): Promise<ToolResult> {
  const text = stripNoteCue(context.query);
  if (text.length === 0) {
    return nothingToStore(context.query);
  }
  const [record] = await context.store.remember(context.tenant, [
    { text, tags: ['note'], source: 'weave:note', sessionId: context.sessionId },
  ]);
  if (record === undefined) {
    return nothingToStore(context.query);
  }
  return {
    response: `Noted: ${record.text}`,
    confidence: NOTED_CONFIDENCE,
    citations: [record.id],
    detail: { stored: true, memoryId: record.id, entities: record.entities },
  };
}

/** NOTE: remembers what the user asked to keep. */
export function createNoteTool(): Tool {
  return { name: 'NOTE', run: storeNote };
}
