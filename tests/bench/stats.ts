// Latency statistics and one report format for every benchmark: p50/p95/p99, throughput and ratios. Everything
// reported here is also recorded, and run.ts writes the records to bench-results/ (see results.ts).
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** One line of bench-results/latest.json `entries` (CONTRACT §1). */
export interface Entry {
  /** The benchmark file the entry comes from (`orders`, `realtime-fanout`, …). */
  bench: string;
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Throughput where the benchmark has one, in `rate_unit` (e.g. orders/s). */
  rate?: number;
  rate_unit?: string;
}

/** Two entries of one bench measured side by side: ours and the peer it stands on (or is compared with). */
export interface Peers {
  bench: string;
  title: string;
  candidate: string;
  baseline: string;
  /** The ratio (in `ratios`) that states the comparison, if any. */
  ratio?: string;
}

export interface Recorded {
  entries: Entry[];
  figures: Record<string, number>;
  ratios: Record<string, number>;
  peers: Peers[];
}

const recorded: Recorded = { entries: [], figures: {}, ratios: {}, peers: [] };
let currentBench = '';

/** run.ts names the bench whose results follow and takes what it recorded afterwards. */
export function beginBench(name: string): void {
  currentBench = name;
}

/** What was recorded since the last call (run.ts takes it after each bench). */
export function takeRecorded(): Recorded {
  const taken = { entries: [...recorded.entries], figures: { ...recorded.figures }, ratios: { ...recorded.ratios }, peers: [...recorded.peers] };
  recorded.entries.length = 0;
  recorded.peers.length = 0;
  recorded.figures = {};
  recorded.ratios = {};
  return taken;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** A single number the targets speak of (`gateway_rss_mb_1000_sockets`, `guest_initial_js_kb_gzip`, …). */
export function recordFigure(name: string, value: number, unit = ''): void {
  recorded.figures[name] = round(value);
  console.log(`${`figure ${name}`.padEnd(44)}  ${value.toFixed(2)}${unit ? ` ${unit}` : ''}`);
}

/** A figure divided by its peer's, measured in the same run (`orders_gateway_vs_direct_postgrest`, …). */
export function recordRatio(name: string, value: number): void {
  recorded.ratios[name] = round(value);
  console.log(`${`ratio ${name}`.padEnd(44)}  ${value.toFixed(3)}`);
}

/** Marks two reported entries (by label) as peers, shown side by side in latest.md. */
export function recordPeers(title: string, candidate: string, baseline: string, ratio?: string): void {
  recorded.peers.push({ bench: currentBench, title, candidate: candidate.trim(), baseline: baseline.trim(), ratio });
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

/**
 * Prints one result line (`label  n=…  p50 … p95 … p99 … max …  [extra]`) and records it as an entry. An extra whose
 * key ends in `/s` is the entry's rate.
 */
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
  const entry: Entry = {
    bench: currentBench,
    name: label.trim(),
    n: summary.count,
    p50_ms: round(summary.p50),
    p95_ms: round(summary.p95),
    p99_ms: round(summary.p99),
    max_ms: round(summary.max),
  };
  const rate = Object.entries(extra).find(([key, value]) => key.endsWith('/s') && typeof value === 'number');
  if (rate) {
    entry.rate = round(rate[1] as number);
    entry.rate_unit = rate[0];
  }
  recorded.entries.push(entry);
  return summary;
}

/** Prints how `candidate` compares with `baseline` (e.g. "p99 1.8× the bare-ws baseline"). */
export function reportRatio(label: string, candidate: LatencySummary, baseline: LatencySummary): void {
  const ratio = (key: 'p50' | 'p95' | 'p99') => `${key} ${(candidate[key] / baseline[key]).toFixed(2)}×`;
  console.log(`${label.padEnd(44)}  ${ratio('p50')}  ${ratio('p95')}  ${ratio('p99')}`);
}
