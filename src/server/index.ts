/** The transport: one http.Server with Apollo (HTTP), graphql-ws (WebSocket) and health probes. */
export {
  DEFAULT_MAX_BODY_BYTES,
  startServer,
  type RunningServer,
  type StartServerOptions,
} from './start-server.js';
/** What GET /readyz reports, and the probe that produces it. */
export { type Readiness, type ReadinessCheck } from './health-routes.js';
/** Operation timings and /metrics: what the transport reports and serves. */
export { type ConnectionCounts, type Exposition, type OperationReport, type ServerTelemetry } from './telemetry.js';
/** Repeated operations run compiled (graphql-jit) behind Apollo's validation, plugins and errors. */
export {
  compiledExecutionGateway,
  type CompiledExecutionGateway,
  type CompiledExecutionOptions,
  type CompiledExecutionStats,
} from './compiled-execution.js';
