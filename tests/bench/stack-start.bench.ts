// Cold start of `barkeep stack` on an existing data directory: process spawn until "ready" is printed.
import { makeDataDir, removeDataDir, startBenchStack } from './stack.ts';
import { report } from './stats.ts';

export default async function benchStackStart(runs = 5): Promise<void> {
  const dataDir = await makeDataDir();
  try {
    const first = performance.now();
    await (await startBenchStack({ dataDir })).stop();
    report('stack start, cold (new data dir: initdb + migrations)', [performance.now() - first]);
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const stack = await startBenchStack({ dataDir });
      samples.push(performance.now() - started);
      await stack.stop();
    }
    report('stack start, warm (existing data dir)', samples);
  } finally {
    await removeDataDir(dataDir);
  }
}
