// `barkeep status -o env|json`: what a script or the app needs to talk to the stack.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { StackConfig } from '../shared/config.ts';
import { StartupError } from '../shared/processes.ts';
import { statusPath, type StackStatus } from '../stack/index.ts';

export async function readStatus(config: StackConfig): Promise<StackStatus> {
  const path = statusPath(config.dataDir);
  if (!existsSync(path))
    throw new StartupError(`No stack has been started with data directory ${config.dataDir} yet. Run \`npm start\` or \`npx barkeep stack\` first.`);
  return JSON.parse(await readFile(path, 'utf8')) as StackStatus;
}

export async function printStatus(config: StackConfig, output: string): Promise<number> {
  const status = await readStatus(config);
  switch (output) {
    case 'env':
      for (const [key, value] of Object.entries(status)) console.log(`${key.toUpperCase()}=${value}`);
      return 0;
    case 'json':
      console.log(JSON.stringify(status));
      return 0;
    case 'pretty':
      console.log(
        `API URL:          ${status.api_url}\nApp URL:          ${status.app_url}\nDB URL:           ${status.db_url}\nanon key:         ${status.anon_key}\nservice_role key: ${status.service_role_key}`,
      );
      return 0;
    default:
      throw new StartupError(`Unknown output format "${output}". Use -o env or -o json.`);
  }
}
