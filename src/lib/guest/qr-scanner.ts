// In-app QR scanning for /join: camera frames (getUserMedia) decoded with jsQR, because BarcodeDetector
// is missing in most browsers. Browsers give the camera only to secure pages (https or localhost).
import jsQR from 'jsqr';
import { extractInviteCode } from './join-code.ts';

export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia && window.isSecureContext;
}

const MAX_SIDE = 640;

/**
 * Shows the back camera in `video` until a QR code holding an invite is seen; resolves with the invite
 * code. Stops the camera when done or when `signal` aborts (then it rejects with an AbortError).
 */
export async function scanInviteCode(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  const stop = () => stream.getTracks().forEach((track) => track.stop());
  if (signal.aborted) {
    stop();
    throw new DOMException('Scan cancelled', 'AbortError');
  }
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;

  return new Promise<string>((resolve, reject) => {
    let frame = 0;
    const finish = (done: () => void) => {
      cancelAnimationFrame(frame);
      stop();
      video.srcObject = null;
      done();
    };
    signal.addEventListener('abort', () => finish(() => reject(new DOMException('Scan cancelled', 'AbortError'))), { once: true });
    const tick = () => {
      if (video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
        const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
        const code = extractInviteCode(found?.data);
        if (code) return finish(() => resolve(code));
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
  });
}
