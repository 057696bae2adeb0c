import { stripVTControlCharacters } from 'node:util';

import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { createElement as h, useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Dashboard, LiveDashboard } from '../../../../src/cli/dashboard/dashboard.js';
import { formatClock } from '../../../../src/cli/dashboard/format.js';
import { initialModel, withState, type DashboardModel } from '../../../../src/cli/dashboard/model.js';
import { SNAPSHOT } from './fixture.js';

const URL = 'ws://127.0.0.1:4000/graphql';
const TAKEN = Date.parse(SNAPSHOT.takenAt);

const live: DashboardModel = {
  ...withState(initialModel(URL, TAKEN + 2_000), { kind: 'live' }),
  snapshot: SNAPSHOT,
  qpsHistory: [0, 1, 2, 3.4],
};

const unmounts: (() => void)[] = [];

function frameOf(model: DashboardModel): string {
  const instance = render(h(Dashboard, { model }));
  unmounts.push(instance.unmount);
  return stripVTControlCharacters(instance.lastFrame() ?? '');
}

afterEach(() => {
  unmounts.splice(0).forEach((unmount) => {
    unmount();
  });
});

describe('Dashboard frame', () => {
  it('shows the header: URL, state, last update and weave count', () => {
    const frame = frameOf(live);
    expect(frame).toContain(URL);
    expect(frame).toContain('● live');
    expect(frame).toContain(`updated ${formatClock(SNAPSHOT.takenAt)} (2s ago)`);
    expect(frame).toContain('weaves 42, errors 1');
  });

  it('shows weave latency overall and per mode', () => {
    const frame = frameOf(live);
    expect(frame).toContain('Weave latency (60 s, n=40)');
    expect(frame).toMatch(/all\s+p50\s+13 ms\s+p95\s+48 ms\s+p99\s+91 ms/);
    expect(frame).toMatch(/BARE\s+p50\s+2\.4 ms\s+p95\s+4\.0 ms\s+p99\s+6\.0 ms/);
    expect(frame).toMatch(/FUSED\s+p50\s+15 ms\s+p95\s+52 ms\s+p99\s+95 ms/);
  });

  it('shows QPS with its sparkline, and the process figures', () => {
    const frame = frameOf(live);
    expect(frame).toContain('10 s 3.4/s   60 s 1.2/s');
    expect(frame).toContain('▁▃▅█');
    expect(frame).toContain('CPU  63.2%');
    expect(frame).toContain('RSS  180 MB of 400 MB');
    expect(frame).toContain('heap 95.5 MB  loop p99 7.3 ms');
    expect(frame).toContain('up 3m 05s');
  });

  it('shows cache hit rates, tool mix, patterns, training and connections', () => {
    const frame = frameOf(live);
    expect(frame).toMatch(/weave\s+75% █████████░░░ 3\/4 size 12/);
    expect(frame).toMatch(/embedding\s+9% █░{11} 9\/100 size 100/);
    expect(frame).toMatch(/ANSWER\s+30\s+75% █████████░░░/);
    expect(frame).toMatch(/CALC\s+10\s+25% ███░{9}/);
    expect(frame).toMatch(/fast\s+25\s+60%/);
    expect(frame).toContain('training: 1 running, 4 finished');
    expect(frame).toContain('run_7: update 5/8, mean reward 0.420');
    expect(frame).toContain('websockets 2  subscriptions 3');
  });

  it('waits for the first snapshot while connecting', () => {
    const frame = frameOf(initialModel(URL, 0));
    expect(frame).toContain('● connecting');
    expect(frame).toContain('no update yet');
    expect(frame).toContain('waiting for the first snapshot');
  });

  it('says what to do when the server was never reached', () => {
    const model = withState(initialModel(URL, 10_000), { kind: 'reconnecting', retryAt: 11_500, reason: 'connect ECONNREFUSED 127.0.0.1:4000' });
    const frame = frameOf(model);
    expect(frame).toContain('● reconnecting in 2s');
    expect(frame).toContain(`cannot reach ${URL}: is \`npm start\` running?`);
    expect(frame).toContain('last error: connect ECONNREFUSED 127.0.0.1:4000');
  });

  it('keeps the last panels and drops the hint while reconnecting after a restart', () => {
    const frame = frameOf(withState(live, { kind: 'reconnecting', retryAt: null, reason: 'closed (1001: Going away)' }));
    expect(frame).toContain('● reconnecting…');
    expect(frame).not.toContain('cannot reach');
    expect(frame).toContain('weaves 42');
  });

  it('shows a rejected subscription', () => {
    const frame = frameOf({ ...live, problem: 'the server rejected the metrics subscription: Cannot query field "metrics"' });
    expect(frame).toContain('rejected the metrics subscription');
  });
});

describe('LiveDashboard', () => {
  it('quits on q', async () => {
    let unmounted = false;
    function Probe(): null {
      useEffect(
        () => () => {
          unmounted = true;
        },
        [],
      );
      return null;
    }
    const instance = render(h(Box, null, h(LiveDashboard, { model: live }), h(Probe)));
    expect(stripVTControlCharacters(instance.lastFrame() ?? '')).toContain('q or Ctrl-C quits');
    await vi.waitFor(() => {
      instance.stdin.write('q');
      expect(unmounted).toBe(true);
    });
  });
});
