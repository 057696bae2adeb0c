import { pushHistory } from './format.js';
import type { WireSnapshot } from './snapshot.js';

/** Where the WebSocket stands, as the header shows it. */
export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  | {
      readonly kind: 'reconnecting';
      /** When the next attempt starts (epoch ms); null while an attempt is under way. */
      readonly retryAt: number | null;
      /** Why the last attempt or socket failed, e.g. "connect ECONNREFUSED 127.0.0.1:4000". */
      readonly reason: string | null;
    };

/** Everything a frame is drawn from; the components are pure functions of it. */
export interface DashboardModel {
  readonly url: string;
  readonly state: ConnectionState;
  /** Whether a connection was ever acknowledged: "cannot reach" only helps before that. */
  readonly everLive: boolean;
  readonly snapshot: WireSnapshot | null;
  /** 10 s QPS of the newest snapshots, oldest first. */
  readonly qpsHistory: readonly number[];
  /** A problem the connection state does not explain (the server rejected the subscription). */
  readonly problem: string | null;
  /** The clock the countdown and "ago" are computed against (epoch ms). */
  readonly now: number;
}

export function initialModel(url: string, now: number): DashboardModel {
  return { url, state: { kind: 'connecting' }, everLive: false, snapshot: null, qpsHistory: [], problem: null, now };
}

export function withState(model: DashboardModel, state: ConnectionState): DashboardModel {
  return { ...model, state, everLive: model.everLive || state.kind === 'live' };
}

/** A snapshot proves the subscription works, so any earlier problem is over. */
export function withSnapshot(model: DashboardModel, snapshot: WireSnapshot): DashboardModel {
  return {
    ...model,
    snapshot,
    qpsHistory: pushHistory(model.qpsHistory, snapshot.throughput.perSecond10s),
    problem: null,
  };
}

export function withProblem(model: DashboardModel, problem: string | null): DashboardModel {
  return { ...model, problem };
}

export function withNow(model: DashboardModel, now: number): DashboardModel {
  return { ...model, now };
}

/** The header's state text: "connecting", "live", "reconnecting in 3s", "reconnecting…". */
export function stateLabel(state: ConnectionState, now: number): string {
  switch (state.kind) {
    case 'connecting':
      return 'connecting';
    case 'live':
      return 'live';
    case 'reconnecting': {
      if (state.retryAt === null || state.retryAt <= now) {
        return 'reconnecting…';
      }
      return `reconnecting in ${Math.ceil((state.retryAt - now) / 1000).toString()}s`;
    }
  }
}

/** The line a person can act on when the server was never reached. */
export function unreachableHint(url: string): string {
  return `cannot reach ${url}: is \`npm start\` running?`;
}
