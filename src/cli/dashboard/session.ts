import { openMetricsFeed, type FeedProblem, type MetricsFeedOptions } from './connection.js';
import { initialModel, unreachableHint, withNow, withProblem, withSnapshot, withState, type DashboardModel } from './model.js';

/** How often the header's countdown and "ago" are redrawn between snapshots. */
const TICK_MS = 1_000;

export interface SessionOptions extends MetricsFeedOptions {
  /** Called with every new model; the caller redraws. */
  readonly onChange: (model: DashboardModel) => void;
}

/** The first thing that happened: a snapshot arrived, or the subscription failed. */
export type FirstOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface DashboardSession {
  model(): DashboardModel;
  /** Settles on the first snapshot or the first problem; what `--once` waits for. */
  readonly first: Promise<FirstOutcome>;
  dispose(): Promise<void>;
}

/** Words a person can act on for each kind of failure. */
export function problemMessage(url: string, problem: FeedProblem): string {
  return problem.kind === 'unreachable'
    ? `${unreachableHint(url)} (${problem.message})`
    : `the server rejected the metrics subscription: ${problem.message}`;
}

/** Owns the feed and the model; keeps the clock ticking so countdowns move without snapshots. */
export function startSession(options: SessionOptions): DashboardSession {
  let model = initialModel(options.url, Date.now());
  let settle: (outcome: FirstOutcome) => void = () => undefined;
  const first = new Promise<FirstOutcome>((resolve) => {
    settle = resolve;
  });
  const update = (next: DashboardModel): void => {
    model = next;
    options.onChange(model);
  };
  const feed = openMetricsFeed(options, {
    state: (state) => {
      update(withState(withNow(model, Date.now()), state));
    },
    snapshot: (snapshot) => {
      update(withSnapshot(withNow(model, Date.now()), snapshot));
      settle({ ok: true });
    },
    problem: (problem) => {
      const message = problemMessage(options.url, problem);
      update(withProblem(model, message));
      settle({ ok: false, message });
    },
  });
  const ticker = setInterval(() => {
    update(withNow(model, Date.now()));
  }, TICK_MS);
  return {
    model: () => model,
    first,
    async dispose() {
      clearInterval(ticker);
      await feed.dispose();
    },
  };
}
