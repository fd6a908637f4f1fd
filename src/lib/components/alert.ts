// Attention for a busy bar and a noisy party: a short chime (Web Audio, no asset to download) and a
// vibration. Browsers allow audio only after a user gesture, so `unlockSound` runs on the first tap.
let context: AudioContext | null = null;

export function unlockSound(): void {
  if (typeof window === 'undefined' || !('AudioContext' in window)) return;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
}

/** Two rising notes for "your drink is ready", one low note for "new order". */
export function chime(kind: 'ready' | 'new-order' = 'ready'): void {
  if (!context || context.state !== 'running') return;
  const notes = kind === 'ready' ? [880, 1320] : [520];
  notes.forEach((frequency, index) => {
    const start = context!.currentTime + index * 0.18;
    const oscillator = context!.createOscillator();
    const gain = context!.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
    oscillator.connect(gain).connect(context!.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.4);
  });
}

/** Browsers refuse (and log an error for) a vibration before the person has tapped the page: B22. */
export function vibrate(pattern: number[] = [200, 100, 200]): void {
  if (typeof navigator === 'undefined' || !('vibrate' in navigator)) return;
  if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
  navigator.vibrate(pattern);
}
