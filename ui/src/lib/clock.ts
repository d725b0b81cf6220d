import { readable } from "svelte/store";

/** How often countdowns are refreshed. */
export const CLOCK_TICK_MS = 30_000;

/**
 * The back end's clock minus this machine's, in ms. The back end decides what "now" is (it
 * may run on a set instant, as in the end-to-end tests); the UI follows it.
 */
let offsetMs = 0;

/** Follows the back end's clock: `backendNow` is its "now" (ISO) as of this moment. */
export function followBackendClock(backendNow: string): void {
  const t = Date.parse(backendNow);
  if (Number.isFinite(t)) offsetMs = t - Date.now();
}

/** Now by the app's clock, in epoch ms. */
export function nowMs(): number {
  return Date.now() + offsetMs;
}

/** The current time (epoch ms), refreshed every 30 s while anything shows it. */
export const now = readable(nowMs(), (set) => {
  set(nowMs());
  const timer = setInterval(() => set(nowMs()), CLOCK_TICK_MS);
  const onVisible = () => {
    if (document.visibilityState === "visible") set(nowMs());
  };
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
});
