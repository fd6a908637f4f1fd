// `npm run bench`: runs every tests/bench/*.bench.ts in turn (or the ones named on the command line).
// Each bench starts what it needs (usually its own stack) and prints p50/p95/p99 via stats.ts.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

for (const file of benches) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const started = performance.now();
  const bench = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
  await bench.default();
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
