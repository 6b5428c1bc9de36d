/** One sample's value in a Prometheus text exposition, by its name with labels as printed; NaN when absent. */
export function metricSample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(name.length + 1));
}
