import { Box, Text, useApp, useInput, useStdin } from 'ink';
import type { ReactElement } from 'react';

import { formatClock, formatDuration } from './format.js';
import { stateLabel, unreachableHint, type ConnectionState, type DashboardModel } from './model.js';
import { CachePanel, CountsPanel, h, LatencyPanel, ProcessPanel, ThroughputPanel, TrainingPanel } from './panels.js';
import type { WireSnapshot } from './snapshot.js';

function stateColour(state: ConnectionState): 'green' | 'yellow' {
  return state.kind === 'live' ? 'green' : 'yellow';
}

function lastUpdate(snapshot: WireSnapshot | null, now: number): string {
  if (snapshot === null) {
    return 'no update yet';
  }
  const ageSeconds = Math.max(0, (now - Date.parse(snapshot.takenAt)) / 1000);
  return `updated ${formatClock(snapshot.takenAt)} (${formatDuration(ageSeconds)} ago)`;
}

export function Header({ model }: { readonly model: DashboardModel }): ReactElement {
  const { state, snapshot } = model;
  const weaves = snapshot === null ? '' : `weaves ${snapshot.weaves.toString()}, errors ${snapshot.weaveErrors.toString()}`;
  // Before the first connection, a refused socket almost always means the server is not running.
  const hint = state.kind === 'reconnecting' && !model.everLive ? unreachableHint(model.url) : null;
  return h(
    Box,
    { flexDirection: 'column', paddingX: 1 },
    h(
      Text,
      null,
      h(Text, { bold: true }, 'HoloLoom '),
      `${model.url}  `,
      h(Text, { color: stateColour(state) }, `● ${stateLabel(state, model.now)}`),
      `  ${lastUpdate(snapshot, model.now)}`,
    ),
    weaves === '' ? null : h(Text, null, weaves),
    hint === null ? null : h(Text, { color: 'yellow' }, hint),
    state.kind === 'reconnecting' && state.reason !== null ? h(Text, { dimColor: true }, `last error: ${state.reason}`) : null,
    model.problem === null ? null : h(Text, { color: 'red' }, model.problem),
  );
}

const row = { flexDirection: 'row', flexWrap: 'wrap' } as const;

export function Panels({ snapshot, history }: { readonly snapshot: WireSnapshot; readonly history: readonly number[] }): ReactElement {
  return h(
    Box,
    { flexDirection: 'column' },
    h(Box, row, h(LatencyPanel, { snapshot }), h(ThroughputPanel, { snapshot, history })),
    h(Box, row, h(ProcessPanel, { stats: snapshot.process }), h(TrainingPanel, { snapshot })),
    h(Box, row, h(CachePanel, { caches: snapshot.caches }), h(CountsPanel, { title: 'Tools', counts: snapshot.tools })),
    h(Box, row, h(CountsPanel, { title: 'Patterns', counts: snapshot.patterns })),
  );
}

/** One frame, a pure function of the model (what `--once` prints and the tests read). */
export function Dashboard({ model }: { readonly model: DashboardModel }): ReactElement {
  return h(
    Box,
    { flexDirection: 'column' },
    h(Header, { model }),
    model.snapshot === null
      ? h(Text, { dimColor: true }, '  waiting for the first snapshot…')
      : h(Panels, { snapshot: model.snapshot, history: model.qpsHistory }),
  );
}

/**
 * ink's own isRawModeSupported is stdin.isTTY, which is undefined rather than false when stdin is
 * a pipe or /dev/null; useInput treats anything but false as active and then fails on raw mode.
 */
function isTerminal(stdin: { readonly isTTY?: boolean }): boolean {
  return stdin.isTTY === true;
}

/** `q` quits; raw mode (and so key presses) exists only on a terminal, so elsewhere Ctrl-C it is. */
function QuitKey(): ReactElement {
  const { exit } = useApp();
  const isRawModeSupported = isTerminal(useStdin().stdin);
  useInput(
    (input) => {
      if (input === 'q') {
        exit();
      }
    },
    { isActive: isRawModeSupported },
  );
  return h(Text, { dimColor: true }, isRawModeSupported ? '  q or Ctrl-C quits' : '  Ctrl-C quits');
}

/** The live dashboard: the frame plus the quit key. */
export function LiveDashboard({ model }: { readonly model: DashboardModel }): ReactElement {
  return h(Box, { flexDirection: 'column' }, h(Dashboard, { model }), h(QuitKey, null));
}
