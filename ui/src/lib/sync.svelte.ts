// The sync status the screens share: polled while something shows it (quickly while a sync
// runs), refreshed at once after the button. The back end decides everything; this only
// fetches and keeps the last answer.
import * as backend from "./backend";
import type { AppError } from "./backend";
import type { SyncStatus } from "./bindings";

/** While a sync runs. */
export const FAST_POLL_MS = 700;
/** Otherwise. */
export const SLOW_POLL_MS = 5000;

export const syncState = $state<{ status: SyncStatus | null; error: AppError | null }>({
  status: null,
  error: null,
});

export function isRunning(status: SyncStatus | null): boolean {
  return status?.indicator.state === "syncing";
}

export async function refreshSync(): Promise<SyncStatus | null> {
  try {
    const next = await backend.syncStatus();
    syncState.status = next;
    syncState.error = null;
    return next;
  } catch (failure) {
    syncState.error = backend.toAppError(failure);
    return null;
  }
}

/** Starts a sync now. */
export async function sendNow(): Promise<SyncStatus | null> {
  try {
    const next = await backend.syncNow();
    syncState.status = next;
    syncState.error = null;
    return next;
  } catch (failure) {
    syncState.error = backend.toAppError(failure);
    return null;
  }
}

/** Polls while the caller shows the status; returns the function that stops it. */
export function followSync(): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    const next = await refreshSync();
    if (stopped) return;
    timer = setTimeout(tick, isRunning(next) ? FAST_POLL_MS : SLOW_POLL_MS);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Waits until a sync has started and ended (polling), at most `timeoutMs`; the last status.
 * A sync that ends before the first poll is seen by its attempt time moving on.
 */
export async function untilSynced(
  startedAfter: string | null,
  timeoutMs = 120_000,
  pollMs = FAST_POLL_MS,
): Promise<SyncStatus | null> {
  const deadline = Date.now() + timeoutMs;
  let last: SyncStatus | null = null;
  while (Date.now() < deadline) {
    last = await refreshSync();
    const attempted = last?.last_attempt_at ?? null;
    const moved = attempted !== null && attempted !== startedAfter;
    if (last && !isRunning(last) && moved) return last;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return last;
}
