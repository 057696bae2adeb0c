import { describe, expect, it } from 'vitest';

import type { MemoryStore } from '../../../src/memory/index.js';
import { TOOL_NAMES } from '../../../src/shared/index.js';
import { createToolbox, type ToolContext } from '../../../src/tools/index.js';

import { hit } from './recall-hits.js';

// ANSWER, SEARCH and CALC work on the recalled hits alone; any store access is a bug.
const untouchableStore = new Proxy({} as MemoryStore, {
  get: (_target, property) => {
    throw new Error(`the store was touched: ${String(property)}`);
  },
});

function context(query: string): ToolContext {
  return { tenant: 't', query, sessionId: null, hits: [hit('mem_1', 'Paris is the capital of France.', 0.9)], store: untouchableStore };
}

describe('createToolbox', () => {
  it('holds one tool per name in the vocabulary, in vocabulary order', () => {
    const toolbox = createToolbox();
    expect([...toolbox.keys()]).toEqual([...TOOL_NAMES]);
    for (const [name, tool] of toolbox) {
      expect(tool.name).toBe(name);
    }
  });

  it.each([
    ['ANSWER', 'What is the capital of France?', 'Paris is the capital of France. [mem_1]'],
    ['SEARCH', 'Paris', '1 matching memory:\n1. Paris is the capital of France. [mem_1]'],
    ['CALC', 'What is 17 * 23?', '17 * 23 = 391'],
  ] as const)('runs %s without touching the store', async (name, query, response) => {
    const result = await createToolbox().get(name)!.run(context(query));
    expect(result.response).toBe(response);
  });
});
