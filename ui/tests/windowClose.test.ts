import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const win = vi.hoisted(() => ({
  handler: null as null | ((event: { preventDefault: () => void }) => Promise<void>),
  unlisten: vi.fn(),
  destroy: vi.fn(),
}));

vi.mock("@tauri-apps/api/window", () => ({
  getCurrentWindow: () => ({
    onCloseRequested: async (handler: typeof win.handler) => {
      win.handler = handler;
      return win.unlisten;
    },
    destroy: win.destroy,
  }),
}));

import { guardWindowClose } from "../src/lib/windowClose";
import { deferred } from "./fixtures";

describe("closing the window", () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    while (stops.length > 0) stops.pop()!();
  });
  beforeEach(() => {
    win.handler = null;
    win.unlisten.mockReset();
    win.destroy.mockReset().mockResolvedValue(undefined);
  });
  afterEach(() => vi.useRealTimers());

  it("keeps the window open until the saves are through, then destroys it", async () => {
    const saves = deferred<void>();
    const flush = vi.fn(() => saves.promise);
    const stop = guardWindowClose(flush, { tauri: true, canDestroy: true });
    await vi.waitFor(() => expect(win.handler).not.toBeNull());
    const event = { preventDefault: vi.fn() };
    const closing = win.handler!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(flush).toHaveBeenCalled();
    await Promise.resolve();
    expect(win.destroy).not.toHaveBeenCalled();
    saves.resolve();
    await closing;
    expect(win.destroy).toHaveBeenCalledTimes(1);
    stop();
    expect(win.unlisten).toHaveBeenCalled();
  });

  it("stays open once when something could not be saved; the next close closes", async () => {
    const flush = vi.fn(async () => false);
    stops.push(guardWindowClose(flush, { tauri: true, canDestroy: true }));
    await vi.waitFor(() => expect(win.handler).not.toBeNull());
    await win.handler!({ preventDefault: () => {} });
    expect(flush).toHaveBeenCalledTimes(1);
    expect(win.destroy).not.toHaveBeenCalled();
    await win.handler!({ preventDefault: () => {} });
    expect(win.destroy).toHaveBeenCalledTimes(1);
  });

  it("asks every registered part; a double click is one request; a late second close warns again", async () => {
    vi.useFakeTimers();
    const saves = deferred<boolean>();
    const job = vi.fn(() => saves.promise);
    const dialog = vi.fn(async () => false); // a dialog with typed text
    stops.push(guardWindowClose(job, { tauri: true, canDestroy: true }));
    stops.push(guardWindowClose(dialog, { tauri: true, canDestroy: true }));
    await vi.waitFor(() => expect(win.handler).not.toBeNull());
    const first = win.handler!({ preventDefault: () => {} });
    const second = win.handler!({ preventDefault: () => {} }); // while the first still runs
    saves.resolve(true);
    await first;
    await second;
    expect(job).toHaveBeenCalledTimes(1);
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(win.destroy).not.toHaveBeenCalled();
    // much later: not a "close anyway", but a new request that warns again
    await vi.advanceTimersByTimeAsync(60_000);
    await win.handler!({ preventDefault: () => {} });
    expect(win.destroy).not.toHaveBeenCalled();
    await win.handler!({ preventDefault: () => {} });
    expect(win.destroy).toHaveBeenCalledTimes(1);
  });

  it("closes after a few seconds even when a save hangs", async () => {
    vi.useFakeTimers();
    stops.push(
      guardWindowClose(() => new Promise<void>(() => {}), { tauri: true, canDestroy: true, timeoutMs: 3000 }),
    );
    await vi.waitFor(() => expect(win.handler).not.toBeNull());
    const closing = win.handler!({ preventDefault: () => {} });
    await vi.advanceTimersByTimeAsync(2900);
    expect(win.destroy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    await closing;
    expect(win.destroy).toHaveBeenCalledTimes(1);
  });

  it("stops listening when destroying is not permitted, so the next close goes through", async () => {
    win.destroy.mockRejectedValue("window.destroy not allowed");
    stops.push(guardWindowClose(async () => {}, { tauri: true, canDestroy: true }));
    await vi.waitFor(() => expect(win.handler).not.toBeNull());
    await win.handler!({ preventDefault: () => {} });
    expect(win.unlisten).toHaveBeenCalled();
  });

  it("without the permission (or outside Tauri) never holds the close; sends on pagehide", async () => {
    const flush = vi.fn(async () => {});
    const stop = guardWindowClose(flush, { tauri: true, canDestroy: false });
    guardWindowClose(flush)(); // jsdom: not Tauri, nothing registered with it
    await Promise.resolve();
    expect(win.handler).toBeNull();
    window.dispatchEvent(new Event("pagehide"));
    expect(flush).toHaveBeenCalledTimes(1);
    stop();
    window.dispatchEvent(new Event("pagehide"));
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
