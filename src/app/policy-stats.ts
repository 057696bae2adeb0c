import type { PolicyStatsReport } from '../../resolvers/index.js';
import { ACTIONS, ENCODING_VERSION, type ReflectionBuffer } from '../learning/index.js';

/** policyStats from the reflection buffer. */
export function policyStatsOf(reflections: ReflectionBuffer, tenant: string): PolicyStatsReport {
  const stats = reflections.stats(tenant);
  const outcome = ({ count, rewarded, meanReward, successRate }: PolicyStatsReport['total']) => ({ count, rewarded, meanReward, successRate });
  return {
    encodingVersion: ENCODING_VERSION,
    total: outcome(stats.total),
    tools: ACTIONS.map((tool) => ({ tool, ...outcome(stats.byTool[tool]), recommendation: stats.byTool[tool].recommendation })),
  };
}
