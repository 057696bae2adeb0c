/** Learning-curve charts as hand-written SVG (a few polylines need no plotting library). */
export { escapeXml, renderLearningCurveSvg, type CurvePoint, type CurveSeries, type LearningCurveChart } from './curve-svg.js';
export { formatTick, niceDomain, niceStep, niceTicks } from './nice-ticks.js';
