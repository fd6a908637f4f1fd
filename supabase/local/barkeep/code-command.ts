// `barkeep code create --max-uses N --expires-in 4h [--notes TEXT] [--json]`: creates an invite code in
// the running stack (service role, through the API) and prints it with its join URL and a terminal QR code.
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { lanAddress, type StackConfig } from '../shared/config.ts';
import { StartupError } from '../shared/processes.ts';
import { formatShortCode } from '../../functions/_shared/invite-code.ts';
import { CodeOptionError, joinUrl, parseCodeCreateOptions, type CodeCreateOptions } from './code-options.ts';
import { readStatus } from '../cli/status.ts';

export const CODE_USAGE = 'code create --max-uses N --expires-in 4h [--notes TEXT] [--json]';

interface CreatedCode {
  code: string;
  short_code: string;
  expires_at: string;
  max_uses: number;
}

async function insertCode(config: StackConfig, options: CodeCreateOptions): Promise<CreatedCode> {
  const status = await readStatus(config);
  let response: Response;
  try {
    response = await fetch(`${status.api_url}/rest/v1/registration_codes?select=code,short_code,expires_at,max_uses`, {
      method: 'POST',
      headers: {
        apikey: status.service_role_key,
        authorization: `Bearer ${status.service_role_key}`,
        'content-type': 'application/json',
        prefer: 'return=representation',
      },
      body: JSON.stringify({
        max_uses: options.maxUses,
        expires_at: new Date(Date.now() + options.expiresInSeconds * 1000).toISOString(),
        notes: options.notes,
      }),
    });
  } catch {
    throw new StartupError(`The stack at ${status.api_url} is not running. Start it with \`npm start\` (or \`npx barkeep stack\`), then try again.`);
  }
  const body = (await response.json()) as CreatedCode[] | { message?: string };
  if (!response.ok || !Array.isArray(body)) {
    throw new StartupError(`Creating the code failed (${response.status}): ${(body as { message?: string }).message ?? 'unknown error'}`);
  }
  return body[0];
}

export async function runCode(config: StackConfig, args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') {
    console.error(`Usage: barkeep ${CODE_USAGE}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { 'max-uses': { type: 'string' }, 'expires-in': { type: 'string' }, notes: { type: 'string' }, json: { type: 'boolean' } },
  });
  let options: CodeCreateOptions;
  try {
    options = parseCodeCreateOptions(values);
  } catch (error) {
    if (error instanceof CodeOptionError) {
      console.error(`barkeep code create: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const created = await insertCode(config, options);
  const lan = lanAddress();
  const url = joinUrl(lan ? `http://${lan}:${config.appPort}` : config.appUrl, created.code);
  const expiresAt = new Date(created.expires_at).toISOString();
  if (options.json) {
    console.log(
      JSON.stringify({ code: created.code, short_code: formatShortCode(created.short_code), url, expires_at: expiresAt, max_uses: created.max_uses }),
    );
    return 0;
  }
  console.log(await QRCode.toString(url, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
  console.log(`Invite code  ${created.code}`);
  console.log(`To type     ${formatShortCode(created.short_code)}  (for /join without the QR code)`);
  console.log(`Join URL     ${url}`);
  console.log(`Valid until  ${new Date(created.expires_at).toLocaleString()}  ·  up to ${created.max_uses} guest${created.max_uses === 1 ? '' : 's'}`);
  if (!lan) console.log('(No Wi-Fi address found: the URL only works on this machine.)');
  return 0;
}
