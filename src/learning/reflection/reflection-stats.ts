import type { SqliteDatabase } from '../../storage/index.js';
import { TOOL_NAMES, type ToolName } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';
import { PATTERN_SLOT, TOOL_INDEX } from '../encoding/index.js';

import type { OutcomeStats, ReflectionStats, ToolStats } from './types.js';

interface AggregateRow {
  readonly key: string | number | null;
  readonly count: number;
  readonly rewarded: number;
  readonly meanReward: number | null;
  readonly successes: number | null;
  readonly meanConfidence: number | null;
  readonly meanDurationMs: number | null;
}

/** Uses at which the original's recommendation stops rewarding sheer volume. */
const RECOMMENDATION_USES = 100;

const AGGREGATES = `COUNT(*) AS count, COUNT(reward) AS rewarded, AVG(reward) AS meanReward,
  SUM(CASE WHEN reward > @threshold THEN 1 ELSE 0 END) AS successes,
  AVG(confidence) AS meanConfidence, AVG(duration_ms) AS meanDurationMs`;

const EMPTY: OutcomeStats = { count: 0, rewarded: 0, meanReward: null, successRate: null, meanConfidence: null, meanDurationMs: null };

function toOutcome(row: AggregateRow | undefined): OutcomeStats {
  if (row === undefined || row.count === 0) {
    return EMPTY;
  }
  return {
    count: row.count,
    rewarded: row.rewarded,
    meanReward: row.meanReward,
    successRate: row.rewarded === 0 ? null : (row.successes ?? 0) / row.rewarded,
    meanConfidence: row.meanConfidence,
    meanDurationMs: row.meanDurationMs,
  };
}

/** The original's tool recommendation: 0.5·success + 0.3·confidence + 0.2·volume, clipped to [0, 1]. */
export function recommendationScore(stats: OutcomeStats): number {
  const score =
    0.5 * (stats.successRate ?? 0) + 0.3 * (stats.meanConfidence ?? 0) + 0.2 * Math.min(stats.count / RECOMMENDATION_USES, 1);
  return Math.min(1, Math.max(0, score));
}

/** Aggregates per tenant, overall, per tool and per pattern, computed in SQLite. */
export function createStatsQuery(db: SqliteDatabase, successThreshold: number): (tenant: string) => ReflectionStats {
  const total = db.prepare<{ tenant: string; threshold: number }, AggregateRow>(
    `SELECT NULL AS key, ${AGGREGATES} FROM reflections WHERE tenant = @tenant`,
  );
  const byTool = db.prepare<{ tenant: string; threshold: number }, AggregateRow>(
    `SELECT tool_index AS key, ${AGGREGATES} FROM reflections WHERE tenant = @tenant GROUP BY tool_index`,
  );
  const byPattern = db.prepare<{ tenant: string; threshold: number }, AggregateRow>(
    `SELECT pattern AS key, ${AGGREGATES} FROM reflections WHERE tenant = @tenant GROUP BY pattern`,
  );
  return (tenant) => {
    const parameters = { tenant, threshold: successThreshold };
    const tools = new Map(byTool.all(parameters).map((row) => [row.key, row]));
    const patterns = new Map(byPattern.all(parameters).map((row) => [row.key, row]));
    const toolStats = (tool: ToolName): ToolStats => {
      const outcome = toOutcome(tools.get(TOOL_INDEX[tool]));
      return { ...outcome, recommendation: recommendationScore(outcome) };
    };
    return {
      total: toOutcome(total.get(parameters)),
      byTool: Object.fromEntries(TOOL_NAMES.map((tool) => [tool, toolStats(tool)])) as Record<ToolName, ToolStats>,
      byPattern: Object.fromEntries(
        (Object.keys(PATTERN_SLOT) as PatternName[]).map((pattern) => [pattern, toOutcome(patterns.get(pattern))]),
      ) as Record<PatternName, OutcomeStats>,
    };
  };
}
