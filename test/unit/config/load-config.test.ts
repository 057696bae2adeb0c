import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../../src/config/index.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', backend: 'embedded', embedder: 'auto', production: false });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ HOLOLOOM_PORT: 'eighty' })).toThrow(/HOLOLOOM_PORT/);
    expect(() => loadConfig({ HOLOLOOM_BACKEND: 'mongo' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOLOLOOM_BACKEND: 'neo4j+qdrant' })).toThrow(/not available/);
    expect(() => loadConfig({ HOLOLOOM_PORT: '' })).toThrow(/HOLOLOOM_PORT/);
    expect(() => loadConfig({ HOLOLOOM_PORT: '70000' })).toThrow(/HOLOLOOM_PORT/);
    expect(() => loadConfig({ HOLOLOOM_TENANT: 'has space' })).toThrow(/HOLOLOOM_TENANT/);
    expect(loadConfig({ HOLOLOOM_PORT: '0' }).port).toBe(0);
  });
});

describe('loadConfig: embedding settings', () => {
  it('defaults to the fp32 model file and the PCA projection, and rejects a path as a file name', () => {
    expect(loadConfig({})).toMatchObject({ modelFile: 'model.onnx', projection: 'pca' });
    expect(loadConfig({ HOLOLOOM_MODEL_FILE: 'model_int8.onnx', HOLOLOOM_PROJECTION: 'truncate' })).toMatchObject({
      modelFile: 'model_int8.onnx',
      projection: 'truncate',
    });
    expect(() => loadConfig({ HOLOLOOM_MODEL_FILE: '../elsewhere/model.onnx' })).toThrow(/HOLOLOOM_MODEL_FILE/);
  });
});

describe('loadConfig: Neo4j settings', () => {
  it('reads the connection when the backend is neo4j, with neo4j as the default user', () => {
    const config = loadConfig({ HOLOLOOM_BACKEND: 'neo4j', NEO4J_URI: 'bolt://db.internal:7687', NEO4J_PASSWORD: 'secret' });
    expect(config.neo4j).toEqual({ uri: 'bolt://db.internal:7687', user: 'neo4j', password: 'secret' });
    expect(loadConfig({ NEO4J_URI: 'bolt://db.internal:7687' }).neo4j).toBeNull();
  });

  it('says what is missing or malformed', () => {
    expect(() => loadConfig({ HOLOLOOM_BACKEND: 'neo4j' })).toThrow(/needs NEO4J_URI and NEO4J_PASSWORD/);
    expect(() => loadConfig({ HOLOLOOM_BACKEND: 'neo4j', NEO4J_URI: 'http://x:7474', NEO4J_PASSWORD: 'p' })).toThrow(/NEO4J_URI/);
  });
});

describe('loadConfig: learning settings', () => {
  it('defaults to training every 50 feedback events and epsilon-greedy convergence', () => {
    expect(loadConfig({})).toMatchObject({ trainEvery: 50, convergence: 'EPSILON_GREEDY' });
  });

  it('reads the convergence strategy by its kebab-case name and lists the valid ones otherwise', () => {
    expect(loadConfig({ HOLOLOOM_CONVERGENCE: 'bayesian-blend' }).convergence).toBe('BAYESIAN_BLEND');
    expect(loadConfig({ HOLOLOOM_CONVERGENCE: 'pure-thompson', HOLOLOOM_TRAIN_EVERY: '0' })).toMatchObject({ convergence: 'PURE_THOMPSON', trainEvery: 0 });
    expect(() => loadConfig({ HOLOLOOM_CONVERGENCE: 'greedy' })).toThrow(/HOLOLOOM_CONVERGENCE.*epsilon-greedy/);
  });
});

describe('loadConfig: heap growth', () => {
  it('defaults to 30% and takes 0 (V8 decides) up to 300', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(30);
    expect(loadConfig({ HOLOLOOM_HEAP_GROWTH: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ HOLOLOOM_HEAP_GROWTH: '300' }).heapGrowthPercent).toBe(300);
  });

  it('refuses what is not a whole percent in range', () => {
    expect(() => loadConfig({ HOLOLOOM_HEAP_GROWTH: '301' })).toThrow(/HOLOLOOM_HEAP_GROWTH.*0 to 300/);
    expect(() => loadConfig({ HOLOLOOM_HEAP_GROWTH: '1.5' })).toThrow(/HOLOLOOM_HEAP_GROWTH/);
    expect(() => loadConfig({ HOLOLOOM_HEAP_GROWTH: '-5' })).toThrow(/HOLOLOOM_HEAP_GROWTH/);
  });
});
