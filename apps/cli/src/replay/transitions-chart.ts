/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
}

/**
 * Transitions per day as grouped bars (one bar per series per day), hand-written SVG: no dependency, opens in any
 * browser. Days without transitions between the first and the last are drawn empty, so gaps show as gaps.
 */
export function transitionsChart(title: string, perDay: readonly { day: string; values: readonly number[] }[], series: readonly ChartSeries[]): string {
  const days = fillDays(perDay, series.length);
  const width = 960;
  const height = 360;
  const m = { top: 48, right: 24, bottom: 56, left: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const max = Math.max(1, ...days.flatMap((d) => d.values));
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(0.5, (slot * 0.8) / series.length);
  const y = (v: number) => m.top + plotH - (v / max) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${m.left}" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((max * i) / 4);
    out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${m.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  days.forEach((d, i) => {
    d.values.forEach((v, s) => {
      if (v === 0) return;
      const x = m.left + i * slot + slot * 0.1 + s * barW;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(m.top + plotH - y(v)).toFixed(1)}" fill="${escapeXml(series[s].color)}"><title>${escapeXml(`${d.day} ${series[s].label}: ${v}`)}</title></rect>`,
      );
    });
  });
  const every = Math.max(1, Math.ceil(days.length / 12));
  days.forEach((d, i) => {
    if (i % every !== 0) return;
    out.push(`<text x="${(m.left + i * slot + slot / 2).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle">${escapeXml(d.day)}</text>`);
  });
  out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`);
  series.forEach((s, i) => {
    const x = m.left + i * 160;
    out.push(`<rect x="${x}" y="${height - 20}" width="12" height="12" fill="${escapeXml(s.color)}"/>`);
    out.push(`<text x="${x + 18}" y="${height - 10}">${escapeXml(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const DAY_MS = 86400000;
// Beyond this many days the gaps are not drawn (a chart of years is read by its bars, not its empty days).
const MAX_FILLED_DAYS = 3660;

function fillDays(perDay: readonly { day: string; values: readonly number[] }[], n: number): { day: string; values: readonly number[] }[] {
  if (perDay.length === 0) return [];
  const first = Date.parse(`${perDay[0].day}T00:00:00Z`);
  const last = Date.parse(`${perDay[perDay.length - 1].day}T00:00:00Z`);
  if ((last - first) / DAY_MS > MAX_FILLED_DAYS) return [...perDay];
  const byDay = new Map(perDay.map((d) => [d.day, d.values]));
  const out: { day: string; values: readonly number[] }[] = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, values: byDay.get(day) ?? new Array(n).fill(0) });
  }
  return out;
}
