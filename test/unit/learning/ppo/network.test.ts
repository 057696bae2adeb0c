import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createMlpActorCritic,
  createPpoOptimizer,
  clippedSurrogateLoss,
  initializeTensorflow,
  logSoftmax,
  ppoLoss,
  ppoLossTensors,
  ppoUpdate,
  resolvePpoConfig,
  type ActorCritic,
  type Rollout,
} from '../../../../src/learning/ppo/index.js';
import { createSeededRng, type Rng } from '../../../../src/shared/index.js';

const OBSERVATION_SIZE = 5;
const ACTION_COUNT = 3;

function randomObservations(count: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: count * OBSERVATION_SIZE }, () => 2 * rng.next() - 1);
}

function createNetwork(seed: number): ActorCritic {
  return createMlpActorCritic({
    observationSize: OBSERVATION_SIZE,
    actionCount: ACTION_COUNT,
    hiddenSizes: [16, 8],
    rng: createSeededRng(seed),
  });
}

/** A rollout with episodes of 4 steps, from the network's own decisions. */
function sampleRollout(policy: ActorCritic, steps: number, rng: Rng): Rollout {
  const observations = randomObservations(steps, rng);
  const decisions = Array.from({ length: steps }, (_, t) =>
    policy.act(observations.subarray(t * OBSERVATION_SIZE, (t + 1) * OBSERVATION_SIZE), rng),
  );
  return {
    observationSize: OBSERVATION_SIZE,
    observations,
    actions: decisions.map((decision) => decision.action),
    logProbs: decisions.map((decision) => decision.logProb),
    values: decisions.map((decision) => decision.value),
    rewards: decisions.map((decision) => (decision.action === 1 ? 1 : 0)),
    terminated: decisions.map((_, t) => t % 4 === 3),
    truncated: decisions.map(() => false),
    lastValues: decisions.map(() => 0),
  };
}

beforeAll(async () => {
  await initializeTensorflow();
});

describe('MLP actor-critic', () => {
  const network = createNetwork(11);
  afterAll(() => network.dispose());

  it('is seeded: the same seed gives the same weights, another seed different ones', () => {
    const twin = createNetwork(11);
    const other = createNetwork(12);
    expect(twin.getWeights()).toEqual(network.getWeights());
    expect(other.getWeights()[0]!.values).not.toEqual(network.getWeights()[0]!.values);
    twin.dispose();
    other.dispose();
  });

  it('starts near-uniform (policy head gain 0.01) with orthogonal hidden kernels', () => {
    const { probabilities } = network.predict(randomObservations(1, createSeededRng(1)));
    probabilities.forEach((probability) => expect(probability).toBeCloseTo(1 / ACTION_COUNT, 2));
    // The 5×16 first kernel has orthonormal rows scaled by √2: W·Wᵀ = 2·I.
    const kernel = network.getWeights()[0]!;
    const row = (i: number): Float32Array => kernel.values.subarray(i * 16, (i + 1) * 16);
    const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, k) => sum + value * b[k]!, 0);
    expect(dot(row(0), row(0))).toBeCloseTo(2, 4);
    expect(dot(row(0), row(1))).toBeCloseTo(0, 4);
  });

  it('act samples from its probabilities and reports the matching log-probability and value', () => {
    const observation = randomObservations(1, createSeededRng(2));
    const decision = network.act(observation, createSeededRng(3));
    const prediction = network.predict(observation);
    expect(decision.probabilities).toEqual(prediction.probabilities);
    expect(decision.value).toBe(prediction.value);
    expect(decision.logProb).toBeCloseTo(Math.log(prediction.probabilities[decision.action]!), 6);
  });

  it('computes the same loss in tfjs as the pure kernels on a small batch', () => {
    const rng = createSeededRng(4);
    const batchSize = 6;
    const observations = randomObservations(batchSize, rng);
    const actions = [0, 1, 2, 2, 1, 0];
    const oldLogProbs = actions.map(() => Math.log(0.2 + 0.3 * rng.next()));
    const advantages = actions.map(() => 2 * rng.next() - 1);
    const returns = actions.map(() => 3 * rng.next());
    const coefficients = { clipRange: 0.2, valueCoef: 0.5, entropyCoef: 0.01 };
    const [tfTerms, logits, values] = tf.tidy(() => {
      const evaluation = network.evaluate({
        observations: tf.tensor2d(observations, [batchSize, OBSERVATION_SIZE]),
        actions: tf.tensor1d(actions, 'int32'),
      });
      const terms = ppoLossTensors(
        evaluation,
        { oldLogProbs: tf.tensor1d(oldLogProbs), advantages: tf.tensor1d(advantages), returns: tf.tensor1d(returns) },
        coefficients,
      );
      const stacked = tf.stack([terms.total, terms.policyLoss, terms.valueLoss, terms.entropy, terms.approxKl]);
      return [stacked.arraySync() as number[], evaluation.logits.arraySync(), evaluation.values.arraySync()] as const;
    });
    const pure = ppoLoss({ logits, values, actions, oldLogProbs, advantages, returns }, coefficients);
    const expected = [pure.total, pure.policyLoss, pure.valueLoss, pure.entropy, pure.approxKl];
    tfTerms.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
    // The clip must be active on this batch for the comparison to cover it.
    const newLogProbs = logits.map((row, i) => logSoftmax(row)[actions[i]!]!);
    const unclipped = clippedSurrogateLoss(newLogProbs, oldLogProbs, advantages, Number.MAX_VALUE);
    expect(Math.abs(pure.policyLoss - unclipped)).toBeGreaterThan(1e-3);
  });

  it('rejects weights that do not fit', () => {
    const weights = network.getWeights();
    expect(() => network.setWeights(weights.slice(1))).toThrow(/missing or not shaped/);
  });
});

describe('ppoUpdate', () => {
  it('frees every temporary tensor: the tensor count is stable across updates', () => {
    const policy = createNetwork(21);
    const optimizer = createPpoOptimizer(1e-3);
    const config = resolvePpoConfig({ minibatchSize: 8, epochs: 2, targetKl: Infinity });
    const rng = createSeededRng(5);
    // The first update creates Adam's moment variables; from then on nothing may accumulate.
    ppoUpdate(policy, sampleRollout(policy, 32, rng), config, rng, optimizer);
    const settled = tf.memory().numTensors;
    for (let update = 0; update < 3; update++) {
      ppoUpdate(policy, sampleRollout(policy, 32, rng), config, rng, optimizer);
      policy.predict(randomObservations(1, rng));
      expect(tf.memory().numTensors).toBe(settled);
    }
    optimizer.dispose();
    policy.dispose();
  });

  it('raises the probability of a rewarded action in one-step episodes', () => {
    const policy = createNetwork(31);
    const rng = createSeededRng(6);
    const config = resolvePpoConfig({ minibatchSize: 16, epochs: 4, learningRate: 3e-3, targetKl: Infinity });
    const probe = randomObservations(1, createSeededRng(7));
    const before = policy.predict(probe).probabilities[1]!;
    const optimizer = createPpoOptimizer(config.learningRate);
    for (let update = 0; update < 5; update++) {
      const rollout = sampleRollout(policy, 64, rng);
      ppoUpdate(policy, { ...rollout, terminated: rollout.actions.map(() => true) }, config, rng, optimizer);
    }
    expect(policy.predict(probe).probabilities[1]!).toBeGreaterThan(before + 0.2);
    optimizer.dispose();
    policy.dispose();
  });

  it('stops early once a minibatch measures approximate KL above targetKl', () => {
    const policy = createNetwork(41);
    const rng = createSeededRng(8);
    const rollout = sampleRollout(policy, 64, rng);
    // A huge step size makes the policy leave the trust region after the first minibatch.
    const stats = ppoUpdate(policy, rollout, resolvePpoConfig({ minibatchSize: 16, epochs: 4, learningRate: 0.5, targetKl: 1e-4 }), rng);
    expect(stats.stoppedEarly).toBe(true);
    expect(stats.gradientSteps).toBeLessThan(16);
    expect(stats.epochsRun).toBeLessThanOrEqual(1);
    policy.dispose();
  });

  it('refuses a rollout whose arrays disagree', () => {
    const policy = createNetwork(51);
    const rollout = sampleRollout(policy, 8, createSeededRng(9));
    expect(() => ppoUpdate(policy, { ...rollout, rewards: [1] }, resolvePpoConfig(), createSeededRng(1))).toThrow(/equally long/);
    policy.dispose();
  });
});
