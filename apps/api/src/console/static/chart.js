import { svg } from './dom.js';

const WIDTH = 760;
const HEIGHT = 260;
const M = { top: 16, right: 92, bottom: 34, left: 40 };
const THRESHOLDS = [
  { score: 25, label: 'watch' },
  { score: 50, label: 'review' },
  { score: 70, label: 'restricted' },
  { score: 85, label: 'suspended' },
];

/**
 * The score over time (GET /v1/numbers/{n}/score/history) as an inline SVG: the score line, the state thresholds,
 * a dot per report, and a marker per state change. Drawn with DOM calls only.
 */
export function scoreChart(history) {
  const points = history.points.map((p) => ({ ...p, t: Date.parse(p.at) }));
  const chart = svg('svg', {
    class: 'score-chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': `Score over time for ${history.phoneNumber}`,
  });
  chart.append(svg('title', {}, 'Harassment score over time'));
  if (points.length === 0) {
    chart.append(svg('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'chart-empty', 'text-anchor': 'middle' }, 'No score history'));
    return chart;
  }

  const t0 = points[0].t;
  const t1 = Math.max(points[points.length - 1].t, t0 + 1000);
  const x = (t) => M.left + ((t - t0) / (t1 - t0)) * (WIDTH - M.left - M.right);
  const y = (score) => M.top + (1 - score / 100) * (HEIGHT - M.top - M.bottom);

  const grid = svg('g', { class: 'chart-grid' });
  for (const s of [0, 100]) grid.append(svg('line', { x1: M.left, x2: WIDTH - M.right, y1: y(s), y2: y(s), class: 'axis' }), svg('text', { x: M.left - 6, y: y(s) + 4, 'text-anchor': 'end' }, String(s)));
  for (const { score, label } of THRESHOLDS) {
    grid.append(
      svg('line', { x1: M.left, x2: WIDTH - M.right, y1: y(score), y2: y(score), class: `threshold threshold-${label}` }),
      svg('text', { x: M.left - 6, y: y(score) + 4, 'text-anchor': 'end' }, String(score)),
      svg('text', { x: WIDTH - M.right + 6, y: y(score) + 4, class: `threshold-label threshold-${label}` }, label),
    );
  }
  grid.append(
    svg('text', { x: M.left, y: HEIGHT - 10, 'text-anchor': 'start' }, new Date(t0).toLocaleString()),
    svg('text', { x: WIDTH - M.right, y: HEIGHT - 10, 'text-anchor': 'end' }, new Date(t1).toLocaleString()),
  );
  chart.append(grid);

  const states = svg('g', { class: 'chart-states' });
  for (const change of history.states) {
    const t = Date.parse(change.at);
    if (!(t >= t0 && t <= t1)) continue;
    states.append(
      svg('line', { x1: x(t), x2: x(t), y1: M.top, y2: HEIGHT - M.bottom, class: `state-change state-${change.to}` }, svg('title', {}, `${change.from} → ${change.to}`)),
    );
  }
  chart.append(states);

  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  chart.append(svg('path', { d, class: 'score-line' }));

  const dots = svg('g', { class: 'chart-events' });
  for (const p of points) {
    if (!p.event) continue;
    dots.append(
      svg('circle', { cx: x(p.t).toFixed(1), cy: y(p.score).toFixed(1), r: 3, class: `event-${p.event}` }, svg('title', {}, `${p.event}: score ${p.score}`)),
    );
  }
  chart.append(dots);
  return chart;
}
