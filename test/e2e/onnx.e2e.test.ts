import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MODEL_DIR, modelSuitesEnabled } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/start-test-server.js';

const WEAVE = `mutation W($input: WeaveInput!) {
  weave(input: $input) { tool response context { memory { text } } trace { name durationMs } }
}`;

interface Weave {
  tool: string;
  response: string;
  context: { memory: { text: string } }[];
  trace: { name: string; durationMs: number }[];
}

describe.runIf(modelSuitesEnabled())('weaving with the ONNX sentence-embedding model', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ HOLOLOOM_EMBEDDER: 'onnx', HOLOLOOM_MODEL_DIR: MODEL_DIR });
    await t.gql('mutation R($inputs: [RememberInput!]!) { rememberMany(inputs: $inputs) { id } }', {
      inputs: [
        { text: 'The Krebs cycle takes place in the mitochondrial matrix.' },
        { text: 'Photosynthesis happens in the chloroplasts of plant cells.' },
        { text: 'Our quarterly taxes are due on the fifteenth of April.' },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  it('reports the model in health', async () => {
    const health = await t.gql<{ health: { embedder: string } }>('query { health { embedder } }');
    expect(health.data?.health.embedder).toBe('onnx:all-MiniLM-L6-v2');
  });

  it('answers a paraphrase that shares no content word with the memory', async () => {
    const result = await t.gql<{ weave: Weave }>(WEAVE, { input: { query: 'Where inside the cell does the citric acid cycle happen?', useCache: false } });
    const weave = result.data!.weave;
    expect(weave.tool).toBe('ANSWER');
    expect(weave.response).toContain('mitochondrial matrix');
    expect(weave.context[0]?.memory.text).toContain('Krebs');
  });
});

describe.runIf(modelSuitesEnabled())('loading the ONNX model lazily', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ HOLOLOOM_EMBEDDER: 'onnx', HOLOLOOM_MODEL_DIR: MODEL_DIR });
  });

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  it('starts without the model and pays its load once, in the first weave', async () => {
    const retrieveMs = async (query: string): Promise<number> => {
      const result = await t.gql<{ weave: Weave }>(WEAVE, { input: { query, useCache: false } });
      return result.data!.weave.trace.find((step) => step.name === 'retrieve')!.durationMs;
    };
    const first = await retrieveMs('Which cycle happens in the mitochondria?');
    const second = await retrieveMs('Where do plants make sugar?');
    expect(first).toBeGreaterThan(50);
    expect(second).toBeLessThan(first / 3);
  });
});
