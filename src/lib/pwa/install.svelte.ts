// Install offer state: Chromium's deferred `beforeinstallprompt`, or — on iOS, which has no install prompt —
// whether to show the Share → "Add to Home Screen" instructions.
import { isIos, isStandalone } from './platform.ts';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class InstallOffer {
  /** The browser offered installation and we have not used the offer yet. */
  canPrompt = $state(false);
  /** iOS Safari outside the Home Screen: installation only by hand. */
  showIosInstructions = $state(false);
  #deferred: BeforeInstallPromptEvent | undefined;

  watch(): () => void {
    const standalone = isStandalone(matchMedia('(display-mode: standalone)').matches, (navigator as { standalone?: boolean }).standalone);
    this.showIosInstructions = !standalone && isIos(navigator.userAgent, navigator.maxTouchPoints);
    const onPrompt = (event: Event) => {
      // Keep the browser's mini-infobar away; the app shows its own button instead.
      event.preventDefault();
      this.#deferred = event as BeforeInstallPromptEvent;
      this.canPrompt = true;
    };
    const onInstalled = () => {
      this.#deferred = undefined;
      this.canPrompt = false;
    };
    // An offer made before hydration was kept by the inline script in app.html.
    const early = (window as { barkeepInstallPrompt?: Event }).barkeepInstallPrompt;
    if (early) onPrompt(early);
    addEventListener('beforeinstallprompt', onPrompt);
    addEventListener('appinstalled', onInstalled);
    return () => {
      removeEventListener('beforeinstallprompt', onPrompt);
      removeEventListener('appinstalled', onInstalled);
    };
  }

  async install(): Promise<void> {
    const deferred = this.#deferred;
    if (!deferred) return;
    this.#deferred = undefined;
    this.canPrompt = false;
    await deferred.prompt();
    await deferred.userChoice;
  }
}

export const installOffer = new InstallOffer();
