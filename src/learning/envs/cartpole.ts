import { BadInputError, type Rng } from '../../shared/index.js';

import type { Environment, StepResult } from './types.js';

/**
 * The constants of CartPole-v1 as Gymnasium defines them (Barto, Sutton & Anderson 1983);
 * `halfPoleLength` is Gymnasium's `length`, half the pole's length.
 */
export const CARTPOLE = Object.freeze({
  gravity: 9.8,
  cartMass: 1.0,
  poleMass: 0.1,
  halfPoleLength: 0.5,
  forceMagnitude: 10,
  /** Seconds per step. */
  tau: 0.02,
  /** |x| beyond this terminates. */
  xThreshold: 2.4,
  /** |θ| beyond 12° terminates. */
  thetaThresholdRadians: (12 * 2 * Math.PI) / 360,
  /** v1's time limit. */
  maxEpisodeSteps: 500,
  /** Each state variable starts uniform in ±this. */
  initialStateBound: 0.05,
});

/** [x, ẋ, θ, θ̇]. */
export type CartPoleState = readonly [number, number, number, number];

/**
 * One Euler step of the cart-pole dynamics: `action` 1 pushes right, 0 pushes left. Pure, so
 * the tests can check it against hand-computed values.
 */
export function cartPoleDynamics(state: CartPoleState, action: number): CartPoleState {
  const [x, xDot, theta, thetaDot] = state;
  const { gravity, cartMass, poleMass, halfPoleLength, forceMagnitude, tau } = CARTPOLE;
  const totalMass = cartMass + poleMass;
  const poleMassLength = poleMass * halfPoleLength;
  const force = action === 1 ? forceMagnitude : -forceMagnitude;
  const cosTheta = Math.cos(theta);
  const sinTheta = Math.sin(theta);
  const temp = (force + poleMassLength * thetaDot ** 2 * sinTheta) / totalMass;
  const thetaAcc =
    (gravity * sinTheta - cosTheta * temp) / (halfPoleLength * (4 / 3 - (poleMass * cosTheta ** 2) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cosTheta) / totalMass;
  // Explicit Euler: positions move with the old velocities, velocities with the new accelerations.
  return [x + tau * xDot, xDot + tau * xAcc, theta + tau * thetaDot, thetaDot + tau * thetaAcc];
}

/** CartPole-v1: keep the pole up; reward 1 per step, truncated at 500 steps. */
export interface CartPoleEnvironment extends Environment {
  /** The current state in float64 (observations are its float32 copy). */
  readonly state: CartPoleState;
}

export function createCartPole(): CartPoleEnvironment {
  let state: CartPoleState = [0, 0, 0, 0];
  let steps = 0;
  let episodeOver = true;
  return {
    name: 'CartPole-v1',
    observationSize: 4,
    actionCount: 2,
    get state() {
      return state;
    },
    reset(rng: Rng): Float32Array {
      const draw = (): number => CARTPOLE.initialStateBound * (2 * rng.next() - 1);
      state = [draw(), draw(), draw(), draw()];
      steps = 0;
      episodeOver = false;
      return Float32Array.from(state);
    },
    step(action: number): StepResult {
      if (episodeOver) {
        throw new BadInputError('CartPole episode is over (or never started); call reset first.');
      }
      if (action !== 0 && action !== 1) {
        throw new BadInputError(`CartPole actions are 0 (left) and 1 (right); got ${action}.`);
      }
      state = cartPoleDynamics(state, action);
      steps += 1;
      const [x, , theta] = state;
      const terminated = Math.abs(x) > CARTPOLE.xThreshold || Math.abs(theta) > CARTPOLE.thetaThresholdRadians;
      const truncated = steps >= CARTPOLE.maxEpisodeSteps;
      episodeOver = terminated || truncated;
      // Gymnasium pays 1 on every step, the one that ends the episode included.
      return { observation: Float32Array.from(state), reward: 1, terminated, truncated };
    },
  };
}
