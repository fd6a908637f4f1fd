// `npm run bench`: runs every tests/bench/*.bench.ts in turn (or the ones named: `npm run bench -- orders auth`)
// and writes bench-results/latest.json and latest.md (results.ts). Each bench starts what it needs (usually its
// own stack) and reports through stats.ts. A failing bench is recorded and the others still run; the exit code
// says whether all of them finished.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults, RESULTS_DIR, writeResults, type BenchRun } from './results.ts';
import { beginBench, takeRecorded, type Recorded } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace('.bench.ts', ''))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();
if (benches.length === 0) {
  console.error(`no bench matches ${only.join(', ')}`);
  process.exit(2);
}

const startedAt = new Date().toISOString();
const run = new Map<string, { meta: BenchRun; recorded: Recorded }>();
let failed = 0;
for (const name of benches) {
  console.log(`\n## ${name}`);
  beginBench(name);
  const benchStartedAt = new Date().toISOString();
  const started = performance.now();
  let error: string | undefined;
  try {
    const bench = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { default: () => Promise<void> };
    await bench.default();
  } catch (caught) {
    failed++;
    error = caught instanceof Error ? caught.message.split('\n')[0] : String(caught);
    console.error(`bench ${name} failed:`, caught);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`(${seconds.toFixed(1)} s)`);
  const recorded = takeRecorded();
  run.set(name, {
    meta: {
      started_at: benchStartedAt,
      seconds: Math.round(seconds * 10) / 10,
      error,
      figures: Object.keys(recorded.figures),
      ratios: Object.keys(recorded.ratios),
    },
    recorded,
  });
  // Written after every bench, so an interrupted run still leaves what it measured.
  await writeResults(await mergeResults(run, startedAt, only.length > 0));
}
const results = await mergeResults(run, startedAt, only.length > 0);
console.log(`\nTargets (${RESULTS_DIR}/latest.md):`);
for (const target of results.targets) {
  const mark = target.met === null ? '–' : target.met ? '✓' : '✗';
  console.log(`  ${mark} ${target.kind}.${target.name} ${target.op} ${target.value}: ${target.actual ?? 'not measured'}`);
}
if (failed) console.error(`${failed} bench(es) failed`);
// Stacks and browsers are stopped by the benches; ending here also ends any client socket a bench left open.
process.exit(failed ? 1 : 0);
