// Closing the window while something is not saved yet (a typing pause, a field not left yet,
// text in a dialog).
//
// Every part of the UI that holds such work registers a check with `guardWindowClose`; one
// shared "close-requested" listener asks them all. Once a JS listener for "close-requested"
// exists, Tauri keeps the window open and the listener must destroy it itself
// (`onCloseRequested` calls `destroy()` when not prevented), which needs the
// `core:window:allow-destroy` permission: the app's capability ("main" in tauri.conf.json)
// grants it. Closing then waits (at most CLOSE_FLUSH_MS) until what waits is sent. When a
// check answers false (something could not be saved, or a dialog holds typed text), the
// first close request keeps the window open so the screen can say what; a second request
// within CLOSE_AGAIN_MS closes. Requests while the checks run are ignored (a double click is
// one request). Without the permission (CAN_DESTROY_WINDOW false) the fallback runs: nothing
// prevents the close, and what waits is sent when the page goes away (pagehide).
import { isTauri } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";

/** Whether the window may destroy itself: `core:window:allow-destroy` in its capability. */
export const CAN_DESTROY_WINDOW = true;
/** How long closing waits for the saves before it closes anyway. */
export const CLOSE_FLUSH_MS = 3000;
/** After a warning, a second close request within this time closes anyway. */
export const CLOSE_AGAIN_MS = 30_000;

export type CloseGuardOptions = { tauri?: boolean; canDestroy?: boolean; timeoutMs?: number };
/** Sends what waits; resolves false when something is still not stored. */
export type CloseCheck = () => Promise<void | boolean>;

const checks = new Set<CloseCheck>();
let listener: { stop: () => void } | null = null;

/**
 * Registers `flush` to run before the window closes (and when the page goes away). Returns
 * the clean-up. Outside Tauri (jsdom tests, the browser preview) only the page events are
 * used. The options of the first registration set up the shared listener.
 */
export function guardWindowClose(flush: CloseCheck, options: CloseGuardOptions = {}): () => void {
  const now = () => void flush().catch(() => undefined);
  window.addEventListener("pagehide", now);
  window.addEventListener("beforeunload", now);
  checks.add(flush);
  const tauri = options.tauri ?? isTauri();
  const canDestroy = options.canDestroy ?? CAN_DESTROY_WINDOW;
  if (tauri && canDestroy && !listener) listener = listen(options.timeoutMs ?? CLOSE_FLUSH_MS);
  return () => {
    window.removeEventListener("pagehide", now);
    window.removeEventListener("beforeunload", now);
    checks.delete(flush);
    if (checks.size === 0 && listener) {
      listener.stop();
      listener = null;
    }
  };
}

/** Runs every registered check; true when all of them report everything stored. */
async function allClean(timeoutMs: number): Promise<boolean | undefined> {
  const results = await Promise.all(
    [...checks].map((check) => withTimeout(check(), timeoutMs)),
  );
  return results.every((r) => r !== false);
}

function listen(timeoutMs: number): { stop: () => void } {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  let busy = false;
  let warnedAt: number | null = null;
  const win = getCurrentWindow();
  win
    .onCloseRequested(async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        const clean = await allClean(timeoutMs);
        const again = warnedAt !== null && Date.now() - warnedAt < CLOSE_AGAIN_MS;
        if (!clean && !again) {
          warnedAt = Date.now();
          return;
        }
        try {
          await win.destroy();
        } catch {
          // Not permitted after all: stop listening, so the next close request closes.
          unlisten?.();
          unlisten = null;
        }
      } finally {
        busy = false;
      }
    })
    .then(
      (stop) => (stopped ? stop() : (unlisten = stop)),
      () => undefined,
    );
  return {
    stop: () => {
      stopped = true;
      unlisten?.();
      unlisten = null;
    },
  };
}

/** What `work` answers, or undefined when it fails or takes longer than `ms`. */
function withTimeout(work: Promise<void | boolean>, ms: number): Promise<void | boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
