// Latency statistics and one report format for every benchmark: p50/p95/p99, throughput and ratios.
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samplesMs: number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Prints one result line: `label  n=…  p50 … p95 … p99 … max …  [extra]`. */
export function report(label: string, samplesMs: number[], extra: Record<string, string | number> = {}): LatencySummary {
  const summary = summarize(samplesMs);
  const extras = Object.entries(extra).map(([key, value]) => `${key}=${typeof value === 'number' ? value.toFixed(1) : value}`);
  console.log(
    [
      label.padEnd(44),
      `n=${summary.count}`,
      `p50 ${ms(summary.p50)}`,
      `p95 ${ms(summary.p95)}`,
      `p99 ${ms(summary.p99)}`,
      `max ${ms(summary.max)}`,
      ...extras,
    ].join('  '),
  );
  return summary;
}

/** Prints how `candidate` compares with `baseline` (e.g. "p99 1.8× the bare-ws baseline"). */
export function reportRatio(label: string, candidate: LatencySummary, baseline: LatencySummary): void {
  const ratio = (key: 'p50' | 'p95' | 'p99') => `${key} ${(candidate[key] / baseline[key]).toFixed(2)}×`;
  console.log(`${label.padEnd(44)}  ${ratio('p50')}  ${ratio('p95')}  ${ratio('p99')}`);
}
