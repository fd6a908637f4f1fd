// bench-results/latest.json and latest.md (CONTRACT §1): what one `npm run bench` measured, the peers side by side
// and the issue's targets with ✓/✗. A run of some benches only (`npm run bench -- orders`) replaces those benches'
// results in the files and keeps the others, each bench stamped with when it ran.
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry, Peers, Recorded } from './stats.ts';

export interface Target {
  kind: 'ratios' | 'figures';
  name: string;
  op: '>=' | '<=';
  value: number;
  what: string;
}

/** The targets of issue #16 — benchmarks, never timing assertions in tests. */
export const TARGETS: Target[] = [
  { kind: 'ratios', name: 'orders_gateway_vs_direct_postgrest', op: '>=', value: 0.9, what: 'order throughput through the gateway / PostgREST directly' },
  { kind: 'ratios', name: 'realtime_100_p99_vs_bare_ws', op: '<=', value: 1.2, what: 'Realtime p99, 100 subscribers / bare ws' },
  { kind: 'ratios', name: 'realtime_1000_p99_vs_bare_ws', op: '<=', value: 1.3, what: 'Realtime p99, 1,000 subscribers / bare ws' },
  { kind: 'figures', name: 'gateway_rss_mb_1000_sockets', op: '<=', value: 150, what: 'gateway process RSS with 1,000 sockets (MB)' },
  { kind: 'figures', name: 'guest_initial_js_kb_gzip', op: '<=', value: 90, what: 'JS /menu loads initially (KB gzip)' },
  { kind: 'figures', name: 'lighthouse_mobile_performance', op: '>=', value: 95, what: 'Lighthouse mobile performance on /menu' },
];

export interface BenchRun {
  started_at: string;
  seconds: number;
  error?: string;
  figures: string[];
  ratios: string[];
}

export interface Results {
  started_at: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; platform: string; load_average_at_start: number[] };
  figures: Record<string, number>;
  ratios: Record<string, number>;
  entries: Entry[];
  peers: Peers[];
  targets: Array<Target & { actual: number | null; met: boolean | null }>;
  benches: Record<string, BenchRun>;
}

export const RESULTS_DIR = join(import.meta.dirname, '..', '..', 'bench-results');

export function machine(): Results['machine'] {
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    load_average_at_start: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

async function previous(): Promise<Results | undefined> {
  try {
    return JSON.parse(await readFile(join(RESULTS_DIR, 'latest.json'), 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

/** Folds this run's benches into the previous results (dropping what those benches had recorded before). */
export async function mergeResults(run: Map<string, { meta: BenchRun; recorded: Recorded }>, startedAt: string, partial: boolean): Promise<Results> {
  const base = partial ? await previous() : undefined;
  const results: Results = {
    started_at: startedAt,
    machine: machine(),
    figures: {},
    ratios: {},
    entries: [],
    peers: [],
    targets: [],
    benches: {},
  };
  if (base) {
    for (const [name, meta] of Object.entries(base.benches ?? {})) {
      if (run.has(name)) continue;
      results.benches[name] = meta;
      for (const figure of meta.figures) if (figure in base.figures) results.figures[figure] = base.figures[figure];
      for (const ratio of meta.ratios) if (ratio in base.ratios) results.ratios[ratio] = base.ratios[ratio];
      results.entries.push(...base.entries.filter((entry) => entry.bench === name));
      results.peers.push(...(base.peers ?? []).filter((peers) => peers.bench === name));
    }
  }
  for (const [name, { meta, recorded }] of run) {
    results.benches[name] = meta;
    Object.assign(results.figures, recorded.figures);
    Object.assign(results.ratios, recorded.ratios);
    results.entries.push(...recorded.entries);
    results.peers.push(...recorded.peers);
  }
  results.targets = TARGETS.map((target) => {
    const actual = results[target.kind][target.name];
    const met = actual === undefined || !Number.isFinite(actual) ? null : target.op === '>=' ? actual >= target.value : actual <= target.value;
    return { ...target, actual: actual ?? null, met };
  });
  return results;
}

const num = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits));

function entryRow(entry: Entry): string {
  const rate = entry.rate === undefined ? '' : `${num(entry.rate)} ${entry.rate_unit}`;
  return `| ${entry.name} | ${entry.n} | ${num(entry.p50_ms, 2)} | ${num(entry.p95_ms, 2)} | ${num(entry.p99_ms, 2)} | ${rate} |`;
}

export function renderMarkdown(results: Results): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(`# Barkeep benchmarks`, '');
  lines.push(
    `Run started ${results.started_at} on ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, Node ${m.node} (load average at start ${m.load_average_at_start.join(' / ')}).`,
    '',
  );
  lines.push('## Targets', '', '| | target | actual | what |', '|---|---|---|---|');
  for (const target of results.targets) {
    const mark = target.met === null ? '–' : target.met ? '✓' : '✗';
    lines.push(
      `| ${mark} \`${target.kind}.${target.name}\` | ${target.op} ${target.value} | ${target.actual === null ? 'not measured' : num(target.actual, 2)} | ${target.what} |`,
    );
  }
  lines.push('', '## Peers side by side', '');
  for (const peers of results.peers) {
    const candidate = results.entries.find((entry) => entry.bench === peers.bench && entry.name === peers.candidate);
    const baseline = results.entries.find((entry) => entry.bench === peers.bench && entry.name === peers.baseline);
    if (!candidate || !baseline) continue;
    const ratio = (key: 'p50_ms' | 'p95_ms' | 'p99_ms') => num(candidate[key] / baseline[key], 2) + '×';
    lines.push(`### ${peers.title}`, '');
    lines.push('| | n | p50 ms | p95 ms | p99 ms | rate |', '|---|---|---|---|---|---|');
    lines.push(entryRow(candidate), entryRow(baseline));
    const rateRatio = candidate.rate !== undefined && baseline.rate !== undefined ? `${num(candidate.rate / baseline.rate, 2)}×` : '';
    lines.push(`| **ratio** | | ${ratio('p50_ms')} | ${ratio('p95_ms')} | ${ratio('p99_ms')} | ${rateRatio} |`);
    if (peers.ratio) lines.push('', `\`ratios.${peers.ratio}\` = ${num(results.ratios[peers.ratio], 3)}`);
    lines.push('');
  }
  const figures = Object.entries(results.figures);
  if (figures.length) {
    lines.push('## Figures', '', '| figure | value |', '|---|---|');
    for (const [name, value] of figures) lines.push(`| \`${name}\` | ${num(value, 2)} |`);
    lines.push('');
  }
  lines.push('## Every entry', '');
  for (const [bench, meta] of Object.entries(results.benches)) {
    lines.push(`### ${bench} (${meta.started_at}, ${num(meta.seconds)} s)`, '');
    if (meta.error) lines.push(`**Failed:** ${meta.error}`, '');
    const entries = results.entries.filter((entry) => entry.bench === bench);
    if (entries.length) {
      lines.push('| entry | n | p50 ms | p95 ms | p99 ms | rate |', '|---|---|---|---|---|---|');
      lines.push(...entries.map(entryRow));
      lines.push('');
    }
  }
  return lines.join('\n');
}

export async function writeResults(results: Results): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(join(RESULTS_DIR, 'latest.md'), renderMarkdown(results));
}
