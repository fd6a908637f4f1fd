// The hosted party's commands: `keys export`, `deploy`, `check` (docs/deploy.md walks through them).
import type { StackConfig } from '../../shared/config.ts';
import { CHECK_USAGE, runCheck } from './check.ts';
import { DEPLOY_USAGE, runDeploy } from './deploy.ts';
import { KEYS_USAGE, runKeys } from './keys-export.ts';

export const HOSTED_USAGE = [KEYS_USAGE, DEPLOY_USAGE, CHECK_USAGE].join('\n');

export function runHosted(command: 'keys' | 'deploy' | 'check', config: StackConfig, args: string[]): Promise<number> {
  switch (command) {
    case 'keys':
      return runKeys(config, args);
    case 'deploy':
      return runDeploy(config, args);
    case 'check':
      return runCheck(args);
  }
}
