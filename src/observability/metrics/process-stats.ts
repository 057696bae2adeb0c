import { monitorEventLoopDelay } from 'node:perf_hooks';

import { monotonicEpochMs } from './weave-record.js';
import type { ProcessStats } from './types.js';

/** Raw readings of this process; the sampler turns them into ProcessStats. Injected in tests. */
export interface ProcessProbe {
  /** User + system CPU time since the process started, in microseconds. */
  cpuMicros(): number;
  rssBytes(): number;
  heapUsedBytes(): number;
  /** Event-loop delay p99 since the previous call (which resets the measurement). */
  eventLoopDelayP99Ms(): number;
  uptimeSeconds(): number;
  close(): void;
}

/** Process stats, sampled at most once per interval however often they are asked for. */
export interface ProcessSampler {
  sample(): ProcessStats;
  /** Stops the event-loop delay monitor. */
  close(): void;
}

export interface ProcessSamplerOptions {
  readonly probe?: ProcessProbe;
  readonly clock?: () => number;
  /** Asks within this long of the last sample get the cached one. @default 250 */
  readonly minIntervalMs?: number;
}

const MIB = 1024 * 1024;

/** The real probe: process.cpuUsage, process.memoryUsage, perf_hooks' event-loop delay histogram. */
export function createNodeProcessProbe(): ProcessProbe {
  // Samples the loop every 10 ms (Node's default) in libuv, off the JS thread; enabled once here.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  return {
    cpuMicros() {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
    // rss() alone reads one number; memoryUsage() would walk every V8 heap space as well.
    rssBytes: () => process.memoryUsage.rss(),
    heapUsedBytes: () => process.memoryUsage().heapUsed,
    eventLoopDelayP99Ms() {
      const p99 = loopDelay.count === 0 ? 0 : loopDelay.percentile(99) / 1e6;
      loopDelay.reset();
      return p99;
    },
    uptimeSeconds: () => process.uptime(),
    close: () => loopDelay.disable(),
  };
}

/**
 * CPU percent is the CPU time spent between two samples over the wall time between them (100 =
 * one core busy). The first sample measures from the sampler's creation. Samples are cached for
 * `minIntervalMs`, so a thousand subscribers asking each second cost one reading, and intervals
 * too short to say anything about CPU never happen.
 */
export function createProcessSampler({ probe = createNodeProcessProbe(), clock = monotonicEpochMs, minIntervalMs = 250 }: ProcessSamplerOptions = {}): ProcessSampler {
  let lastAt = clock();
  let lastCpu = probe.cpuMicros();
  let cached: ProcessStats | null = null;

  return {
    sample() {
      const now = clock();
      if (cached !== null && now - lastAt < minIntervalMs) {
        return cached;
      }
      const cpu = probe.cpuMicros();
      const wallMs = now - lastAt;
      cached = {
        cpuPercent: wallMs > 0 ? ((cpu - lastCpu) / 1000 / wallMs) * 100 : 0,
        rssMb: probe.rssBytes() / MIB,
        heapUsedMb: probe.heapUsedBytes() / MIB,
        eventLoopDelayP99Ms: probe.eventLoopDelayP99Ms(),
        uptimeSeconds: probe.uptimeSeconds(),
      };
      lastAt = now;
      lastCpu = cpu;
      return cached;
    },
    close: () => probe.close(),
  };
}
