import { Field, Float, Int } from 'type-graphql';

import { DataType } from '../data-type.js';

@DataType('Latency percentiles over the last 60 s (milliseconds).')
export class LatencySummary {
  @Field(() => Int, { description: 'Samples in the window.' })
  count!: number;

  @Field(() => Float)
  meanMs!: number;

  @Field(() => Float)
  p50Ms!: number;

  @Field(() => Float)
  p95Ms!: number;

  @Field(() => Float)
  p99Ms!: number;

  @Field(() => Float)
  maxMs!: number;
}

@DataType('Calls and latency of one GraphQL root field or one weave mode.')
export class NamedLatency {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: 'Calls since start.' })
  total!: number;

  @Field(() => Float, { description: 'Calls that failed, since start.' })
  errors!: number;

  @Field(() => LatencySummary)
  latency!: LatencySummary;
}

@DataType('Weaves per second over sliding windows.')
export class Throughput {
  @Field(() => Float)
  perSecond10s!: number;

  @Field(() => Float)
  perSecond60s!: number;
}

@DataType("A cache's hits and misses since start.")
export class CacheRate {
  @Field(() => String, { description: 'weave (the Spacetime cache) or embedding.' })
  name!: string;

  @Field(() => Float)
  hits!: number;

  @Field(() => Float)
  misses!: number;

  @Field(() => Float, { description: 'hits / (hits + misses); 0 before any lookup.' })
  hitRate!: number;

  @Field(() => Int)
  size!: number;
}

@DataType('How often something was chosen since start.')
export class NamedCount {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  count!: number;
}

@DataType('The server process.')
export class ProcessStats {
  @Field(() => Float, { description: 'CPU time over the last interval, % of one core (can exceed 100).' })
  cpuPercent!: number;

  @Field(() => Float)
  rssMb!: number;

  @Field(() => Float)
  heapUsedMb!: number;

  @Field(() => Float, { description: 'Event-loop delay p99 over the last interval.' })
  eventLoopDelayP99Ms!: number;

  @Field(() => Float)
  uptimeSeconds!: number;
}

@DataType('Open graphql-ws sockets and their subscriptions.')
export class ConnectionStats {
  @Field(() => Int)
  websockets!: number;

  @Field(() => Int)
  subscriptions!: number;
}

@DataType('The last PPO update the server made.')
export class TrainingUpdate {
  @Field(() => String)
  runId!: string;

  @Field(() => Int)
  update!: number;

  @Field(() => Int)
  updates!: number;

  @Field(() => Float)
  meanReward!: number;

  @Field(() => Boolean)
  done!: boolean;
}

@DataType('PPO training on this server.')
export class TrainingActivity {
  @Field(() => Int, { description: 'Runs in progress.' })
  running!: number;

  @Field(() => Int, { description: 'Runs finished (DONE or FAILED) since start.' })
  finished!: number;

  @Field(() => TrainingUpdate, { nullable: true })
  lastUpdate!: TrainingUpdate | null;
}

@DataType('Live figures of the whole server (all tenants): latency, throughput, caches, tools, process.')
export class MetricsSnapshot {
  @Field(() => Date)
  takenAt!: Date;

  @Field(() => Float, { description: 'Weaves since start, failed ones included.' })
  weaves!: number;

  @Field(() => Float)
  weaveErrors!: number;

  @Field(() => LatencySummary, { description: 'Weave latency, all modes.' })
  latency!: LatencySummary;

  @Field(() => Throughput)
  throughput!: Throughput;

  @Field(() => [NamedLatency], { description: 'Per GraphQL root field.' })
  operations!: NamedLatency[];

  @Field(() => [NamedLatency], { description: 'Per weave mode.' })
  modes!: NamedLatency[];

  @Field(() => [CacheRate])
  caches!: CacheRate[];

  @Field(() => [NamedCount], { description: 'Tools chosen, most used first.' })
  tools!: NamedCount[];

  @Field(() => [NamedCount], { description: 'Patterns (weave modes) selected, most used first.' })
  patterns!: NamedCount[];

  @Field(() => ProcessStats)
  process!: ProcessStats;

  @Field(() => ConnectionStats)
  connections!: ConnectionStats;

  @Field(() => TrainingActivity)
  training!: TrainingActivity;
}
