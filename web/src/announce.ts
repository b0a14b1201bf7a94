const SOUND_KEY = 'orderwatch.sound';
const BASE_TITLE = document.title;

/** soundOn tells whether the queue may beep (off until the user turns it on: browsers block sound before a click anyway). */
export function soundOn(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/** setSound remembers the user's choice in this browser. */
export function setSound(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

function beep(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.6);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio device: the title still says it.
  }
}

let unseen = 0;

/**
 * announce tells a person who looks at another tab that a new grade-A
 * incident or a breach arrived: the tab title counts them (until the tab is
 * looked at again) and, when turned on, a short beep sounds.
 */
export function announce(count: number, text: string): void {
  if (count <= 0) return;
  unseen += count;
  document.title = `(${unseen}) ${text} · ${BASE_TITLE}`;
  if (soundOn()) beep();
}

/** seen clears the tab title once the person looks. */
export function seen(): void {
  unseen = 0;
  document.title = BASE_TITLE;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') setTimeout(seen, 3000);
});
