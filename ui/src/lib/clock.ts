import { readable } from "svelte/store";

/** How often countdowns are refreshed. */
export const CLOCK_TICK_MS = 30_000;

/** The current time (epoch ms), refreshed every 30 s while anything shows it. */
export const now = readable(Date.now(), (set) => {
  set(Date.now());
  const timer = setInterval(() => set(Date.now()), CLOCK_TICK_MS);
  const onVisible = () => {
    if (document.visibilityState === "visible") set(Date.now());
  };
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
});
