// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose frames show a QR code,
// so the in-app scanner is tested on real getUserMedia frames.
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/** Writes a one-frame 4:2:0 Y4M file showing `text` as a QR code (Chromium loops it). */
export async function writeQrVideo(path: string, text: string, size = 480): Promise<void> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = modules.size + 2 * quiet;
  const scale = Math.floor(size / cells);
  const offset = Math.floor((size - cells * scale) / 2);
  const luma = Buffer.alloc(size * size, 235);
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = offset + (y + quiet) * scale + dy;
        luma.fill(16, row * size + offset + (x + quiet) * scale, row * size + offset + (x + quiet + 1) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${size} H${size} F30:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  await writeFile(path, Buffer.concat([header, frame]));
}
