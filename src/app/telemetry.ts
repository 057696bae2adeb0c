import { collectDefaultMetrics, Registry } from 'prom-client';

import type { TrainingEvent } from '../learning/index.js';
import { createMetricsCollector, createPrometheusMetrics, type MetricsCollector, type PrometheusMetrics, type TrainingActivity } from '../observability/index.js';
import type { Exposition, OperationReport } from '../server/index.js';

/** Live metrics, their Prometheus twin, and the hooks the transport and training report to. */
export interface Telemetry {
  readonly collector: MetricsCollector;
  readonly prometheus: PrometheusMetrics;
  /** The transport's operation hook: one latency sample per root field. */
  recordOperation(report: OperationReport): void;
  /** Hears every training event the service publishes. */
  recordTraining(event: TrainingEvent): void;
  /** The /metrics body: the original's metrics plus Node's process metrics. */
  exposition(): Promise<Exposition>;
  close(): void;
}

/** Counts runs from their events alone: a run's first event starts it, its `done` event ends it. */
function createTrainingTracker(): { record(event: TrainingEvent): void; activity(): TrainingActivity } {
  const running = new Set<string>();
  let finished = 0;
  let lastUpdate: TrainingActivity['lastUpdate'] = null;
  return {
    record(event) {
      lastUpdate = { runId: event.runId, update: event.update, updates: event.updates, meanReward: event.meanReward, done: event.done };
      // Every run publishes exactly one done event, failed runs (even before their first update) included.
      if (event.done) {
        running.delete(event.runId);
        finished++;
      } else {
        running.add(event.runId);
      }
    },
    activity: () => ({ running: running.size, finished, lastUpdate }),
  };
}

/** prom-client is a vendor client: it is constructed here, in the composition root, and nowhere else. */
export function createTelemetry(): Telemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const prometheus = createPrometheusMetrics(registry);
  const collector = createMetricsCollector({ sinks: [prometheus] });
  const training = createTrainingTracker();
  collector.setTraining(() => training.activity());
  return {
    collector,
    prometheus,
    recordOperation: ({ rootFields, durationMs, failed }) => rootFields.forEach((field) => collector.recordOperation(field, durationMs, failed)),
    recordTraining: (event) => training.record(event),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    close: () => collector.close(),
  };
}
