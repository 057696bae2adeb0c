import { describe, expect, it } from 'vitest';

import { CARTPOLE, cartPoleDynamics, createCartPole } from '../../../../src/learning/envs/cartpole.js';
import { createSeededRng } from '../../../../src/shared/index.js';

function expectState(actual: readonly number[], expected: readonly number[]): void {
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
}

describe('cartPoleDynamics', () => {
  it('pushes an upright pole at rest by hand-computed Euler steps', () => {
    // θ = 0: temp = 10 / 1.1; θ̈ = −temp / (0.5·(4/3 − 0.1/1.1)) = −600/41; ẍ = temp − 0.05·θ̈/1.1 = 400/41.
    // Euler moves positions with the old velocities (0), velocities by τ·acceleration.
    const first = cartPoleDynamics([0, 0, 0, 0], 1);
    expectState(first, [0, 0.02 * (400 / 41), 0, 0.02 * (-600 / 41)]);
    // Still θ = 0, so the same accelerations; positions now move with the first step's velocities.
    const second = cartPoleDynamics(first, 1);
    expectState(second, [0.02 * (8 / 41), 2 * (8 / 41), 0.02 * (-12 / 41), 2 * (-12 / 41)]);
  });

  it('matches the reference formulas on a tilted, moving state in both directions', () => {
    // From Gymnasium's CartPole-v1 equations, evaluated independently in float64.
    expectState(cartPoleDynamics([0.01, -0.02, 0.03, 0.04], 0), [0.0096, -0.21553901710278936, 0.0308, 0.34199522377603914]);
    expectState(cartPoleDynamics([0.01, -0.02, 0.03, 0.04], 1), [0.0096, 0.17467919574755525, 0.0308, -0.2430687179600081]);
  });
});

describe('createCartPole', () => {
  it('starts every state variable uniformly within ±0.05 and reports float32 observations', () => {
    const env = createCartPole();
    const rng = createSeededRng(7);
    for (let episode = 0; episode < 50; episode++) {
      const observation = env.reset(rng);
      expect(observation).toBeInstanceOf(Float32Array);
      expect(observation).toHaveLength(4);
      observation.forEach((value) => expect(Math.abs(value)).toBeLessThanOrEqual(0.05));
      expect(Array.from(observation)).toEqual(Array.from(Float32Array.from(env.state)));
    }
  });

  it('pays 1 per step and terminates once the pole leans past 12°', () => {
    const env = createCartPole();
    env.reset(createSeededRng(1));
    let steps = 0;
    let result = env.step(1);
    steps += 1;
    while (!result.terminated) {
      expect(result.reward).toBe(1);
      result = env.step(1);
      steps += 1;
    }
    // Always pushing right tips the pole left within a few dozen steps; the last step pays too.
    expect(result.reward).toBe(1);
    expect(result.truncated).toBe(false);
    expect(Math.abs(env.state[2])).toBeGreaterThan(CARTPOLE.thetaThresholdRadians);
    expect(steps).toBeLessThan(40);
    expect(() => env.step(0)).toThrow(/reset/);
  });

  it('truncates at 500 steps when a controller keeps the pole up', () => {
    const env = createCartPole();
    let observation = env.reset(createSeededRng(3));
    let result;
    let steps = 0;
    do {
      // Push toward where the pole is falling, with a little cart-centering; balances well past 500.
      const lean = observation[2]! + 0.5 * observation[3]! + 0.01 * observation[0]! + 0.1 * observation[1]!;
      result = env.step(lean > 0 ? 1 : 0);
      observation = result.observation;
      steps += 1;
    } while (!result.terminated && !result.truncated);
    expect(steps).toBe(500);
    expect(result).toMatchObject({ truncated: true, terminated: false });
  });

  it('rejects actions other than 0 and 1', () => {
    const env = createCartPole();
    env.reset(createSeededRng(1));
    expect(() => env.step(2)).toThrow(/0 \(left\) and 1 \(right\)/);
  });
});
