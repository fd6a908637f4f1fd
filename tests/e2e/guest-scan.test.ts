// /join without a code: the guest scans the host's QR code with the in-app camera scanner (jsQR on
// getUserMedia frames; Chromium's fake camera plays a video of the QR code).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { writeQrVideo } from '../support/fake-camera.ts';
import { createCode } from '../support/guests.ts';

describe('scanning the invite QR code in the app', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let videoDir: string;
  let code: string;

  beforeAll(async () => {
    code = await createCode();
    videoDir = await mkdtemp(join(tmpdir(), 'barkeep-camera-'));
    const video = join(videoDir, 'qr.y4m');
    await writeQrVideo(video, `http://192.168.1.20:5173/join?code=${code}`);
    browser = await launchBrowser({
      args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(videoDir, { recursive: true, force: true });
  });

  it('Scan QR code → the name form for that code → the menu', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${inject('stack').appUrl}/join`);
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await page.waitForURL(`**/join?code=${code}`);
    await page.getByLabel('Your name').fill('Scanner Sam');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL('**/menu');
    await page.getByRole('heading', { name: 'Welcome, Scanner Sam' }).waitFor();
    await page.close();
  });
});
