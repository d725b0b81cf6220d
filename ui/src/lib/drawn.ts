import { reportDrawn } from "./backend";

let reported = false;

/** Tells the back end, once per launch, that Today has been drawn with data (start-up timing). */
export function reportTodayDrawn(): void {
  if (reported) return;
  reported = true;
  reportDrawn("today").catch(() => {
    // Timing only: a failure here must not disturb the fitter.
  });
}

/** For tests. */
export function resetDrawnReport(): void {
  reported = false;
}
