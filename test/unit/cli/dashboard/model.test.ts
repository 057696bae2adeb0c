import { describe, expect, it } from 'vitest';

import { backoffMs, describeFailure } from '../../../../src/cli/dashboard/connection.js';
import { DEFAULT_DASHBOARD_URL, parseDashboardFlags } from '../../../../src/cli/dashboard/index.js';
import { initialModel, stateLabel, withProblem, withSnapshot, withState } from '../../../../src/cli/dashboard/model.js';
import { problemMessage } from '../../../../src/cli/dashboard/session.js';
import { SNAPSHOT } from './fixture.js';

describe('dashboard connection state', () => {
  it('labels each state, counting down to the next attempt', () => {
    expect(stateLabel({ kind: 'connecting' }, 0)).toBe('connecting');
    expect(stateLabel({ kind: 'live' }, 0)).toBe('live');
    expect(stateLabel({ kind: 'reconnecting', retryAt: 3_200, reason: null }, 1_000)).toBe('reconnecting in 3s');
    expect(stateLabel({ kind: 'reconnecting', retryAt: 900, reason: null }, 1_000)).toBe('reconnecting…');
    expect(stateLabel({ kind: 'reconnecting', retryAt: null, reason: null }, 1_000)).toBe('reconnecting…');
  });

  it('backs off from 500 ms, doubling up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map(backoffMs)).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });

  it('describes errors, close events and GraphQL errors', () => {
    expect(describeFailure(new Error('connect ECONNREFUSED 127.0.0.1:4000'))).toBe('connect ECONNREFUSED 127.0.0.1:4000');
    expect(describeFailure({ code: 1001, reason: 'Going away' })).toBe('closed (1001: Going away)');
    expect(describeFailure({ code: 1006, reason: '' })).toBe('closed (1006)');
    expect(describeFailure([{ message: 'a' }, { message: 'b' }])).toBe('a; b');
  });

  it('remembers that the server was reached, and forgets a problem once snapshots flow', () => {
    let model = initialModel('ws://x/graphql', 0);
    expect(model.everLive).toBe(false);
    model = withState(model, { kind: 'live' });
    model = withState(model, { kind: 'reconnecting', retryAt: null, reason: null });
    expect(model.everLive).toBe(true);
    model = withProblem(model, 'rejected');
    model = withSnapshot(withSnapshot(model, SNAPSHOT), { ...SNAPSHOT, throughput: { perSecond10s: 9, perSecond60s: 1 } });
    expect(model.problem).toBeNull();
    expect(model.qpsHistory).toEqual([3.4, 9]);
  });

  it('words failures so a person knows what to do', () => {
    expect(problemMessage('ws://h:1/graphql', { kind: 'unreachable', message: 'connect ECONNREFUSED' })).toBe(
      'cannot reach ws://h:1/graphql: is `npm start` running? (connect ECONNREFUSED)',
    );
    expect(problemMessage('ws://h:1/graphql', { kind: 'rejected', message: 'Cannot query field "metrics"' })).toContain('rejected the metrics subscription');
  });
});

describe('dashboard flags', () => {
  it('accepts the defaults and the http twin of the ws URL', () => {
    expect(parseDashboardFlags({ url: DEFAULT_DASHBOARD_URL, intervalMs: '1000' })).toEqual({ url: DEFAULT_DASHBOARD_URL, intervalMs: 1000, tenant: undefined });
    expect(parseDashboardFlags({ url: 'http://127.0.0.1:4000/graphql', intervalMs: '250', tenant: 'acme' })).toEqual({
      url: 'ws://127.0.0.1:4000/graphql',
      intervalMs: 250,
      tenant: 'acme',
    });
  });

  it('rejects a bad URL or interval with a message', () => {
    expect(parseDashboardFlags({ url: 'nope', intervalMs: '1000' })).toMatch(/not a URL/);
    expect(parseDashboardFlags({ url: 'ftp://x/graphql', intervalMs: '1000' })).toMatch(/ws:\/\//);
    expect(parseDashboardFlags({ url: DEFAULT_DASHBOARD_URL, intervalMs: '10' })).toMatch(/--interval-ms/);
    expect(parseDashboardFlags({ url: DEFAULT_DASHBOARD_URL, intervalMs: 'soon' })).toMatch(/--interval-ms/);
  });
});
