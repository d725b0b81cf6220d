import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { AppStatus, OutboxItemView, SyncIndicator as Indicator, SyncStatus } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";
import { technician, todayView } from "./fixtures";
import SyncIndicator from "../src/components/SyncIndicator.svelte";
import SyncScreen from "../src/screens/SyncScreen.svelte";
import App from "../src/App.svelte";
import { syncState } from "../src/lib/sync.svelte";
import { formatBytes, formatOffset } from "../src/lib/syncFormat";

const b = installFakeBackend();

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    indicator: { state: "up_to_date" },
    portal_url: "https://portaal.example.nl",
    suggested_url: "https://portaal.example.nl",
    needs_login: false,
    pending_records: 0,
    rejected_records: 0,
    pending_blobs: 0,
    pending_blob_bytes: 0,
    oldest_pending_at: null,
    last_success_at: "2026-03-04T09:15:00.000Z",
    last_attempt_at: "2026-03-04T09:15:00.000Z",
    last_error: null,
    next_attempt_at: null,
    clock_offset_ms: 200,
    clock_off: false,
    progress: null,
    items: [],
    deferred_changes: 0,
    ...overrides,
  };
}

function item(overrides: Partial<OutboxItemView> = {}): OutboxItemView {
  return {
    record_id: "rec-1",
    record_type: "job_report",
    state: "pending",
    created_at: "2026-03-04T08:30:00.000Z",
    attempts: 2,
    last_error: "portal_unreachable",
    code: null,
    message: null,
    job_id: "job-7",
    resident_id: "res-1",
    ...overrides,
  };
}

beforeEach(() => {
  syncState.status = null;
  syncState.error = null;
});

describe("the header's sync indicator", () => {
  const cases: [Indicator, RegExp][] = [
    [{ state: "no_portal" }, /Offline · geen portaal gekoppeld/],
    [{ state: "up_to_date" }, /Alles op het portaal/],
    [{ state: "waiting", pending: 3 }, /3 wachtend/],
    [{ state: "offline", pending: 12 }, /Offline · 12 wachtend/],
    [{ state: "syncing", done: 4, total: 9 }, /Versturen… 4 van 9/],
    [{ state: "error", pending: 1, rejected: 2 }, /Aandacht nodig · 1 wachtend/],
    [{ state: "login_required", pending: 5 }, /Opnieuw inloggen · 5 wachtend/],
  ];
  for (const [sync, text] of cases) {
    it(`says ${sync.state} in words${sync.state === "no_portal" ? "" : " and leads to the sync screen"}`, () => {
      render(SyncIndicator, { sync });
      const el = screen.getByTestId("sync-indicator");
      expect(el.textContent).toMatch(text);
      expect(el.dataset.state).toBe(sync.state);
      if (sync.state === "no_portal") expect(el.tagName).toBe("P");
      else expect(el.getAttribute("href")).toBe("#/sync");
    });
  }
});

describe("the sync screen", () => {
  it('says "Alles staat op het portaal" when nothing waits', async () => {
    b.syncStatus.mockResolvedValue(syncStatus());
    render(SyncScreen);
    expect((await screen.findByTestId("all-on-portal")).textContent).toMatch(
      /Alles staat op het portaal/,
    );
    expect(screen.getByTestId("sync-last-success").textContent).toMatch(/Laatst gesynchroniseerd/);
    expect(screen.queryByTestId("sync-clock")).toBeNull();
  });

  it("shows what waits with bytes, the oldest, the last error, and every item in words", async () => {
    b.syncStatus.mockResolvedValue(
      syncStatus({
        indicator: { state: "offline", pending: 3 },
        pending_records: 3,
        rejected_records: 1,
        pending_blobs: 2,
        pending_blob_bytes: 812_000,
        oldest_pending_at: "2026-03-04T07:00:00.000Z",
        last_error: {
          code: "portal_unreachable",
          message: { nl: "Het portaal is niet bereikbaar.", en: "The portal cannot be reached." },
        },
        next_attempt_at: "2026-03-04T09:20:00.000Z",
        clock_offset_ms: -11 * 86_400_000,
        clock_off: true,
        items: [
          item(),
          item({ record_id: "rec-2", record_type: "photo", attempts: 0, last_error: null, job_id: null }),
          item({
            record_id: "rec-3",
            record_type: "signal",
            state: "rejected",
            last_error: null,
            code: "out_of_scope",
            message: { nl: "Deze inwoner is niet aan u toegewezen.", en: "Not assigned to you." },
          }),
        ],
      }),
    );
    render(SyncScreen);
    expect((await screen.findByTestId("sync-waiting")).textContent).toMatch(/3 gegevens wachten/);
    expect(screen.getByTestId("sync-waiting-blobs").textContent).toMatch(/2 foto's en bestanden, samen 812 kB/);
    expect(screen.getByTestId("sync-oldest").textContent).toMatch(/Het oudste wacht sinds/);
    expect(screen.getByTestId("sync-rejected").textContent).toMatch(/1 gegeven is door het portaal geweigerd/);
    expect(screen.getByTestId("sync-last-error").textContent).toMatch(/niet bereikbaar/);
    expect(screen.getByTestId("sync-next-attempt")).toBeTruthy();
    expect(screen.getByTestId("sync-clock").textContent).toMatch(/loopt 11 dagen voor/);
    expect(screen.queryByTestId("all-on-portal")).toBeNull();
    const items = screen.getAllByTestId("outbox-item");
    expect(items.map((i) => i.dataset.state)).toEqual(["pending", "pending", "rejected"]);
    expect(items[0].textContent).toMatch(/Verslag van een opdracht.*2 pogingen.*het portaal was niet bereikbaar/s);
    expect(items[1].textContent).toMatch(/Foto.*nog niet geprobeerd/s);
    expect(items[2].textContent).toMatch(/Signaal.*Geweigerd door het portaal.*niet aan u toegewezen.*out_of_scope/s);
    expect(items[0].querySelector("a")?.getAttribute("href")).toBe("#/job/job-7");
  });

  it("shows a progress bar while sending", async () => {
    b.syncStatus.mockResolvedValue(
      syncStatus({
        indicator: { state: "syncing", done: 3, total: 10 },
        pending_records: 8,
        progress: {
          phase: "sending",
          records_total: 8,
          records_done: 2,
          blobs_total: 2,
          blobs_done: 1,
          bytes_total: 800_000,
          bytes_done: 400_000,
          changes_received: 0,
        },
      }),
    );
    render(SyncScreen);
    const p = await screen.findByTestId("sync-progress");
    expect(p.textContent).toMatch(/Versturen…/);
    expect(p.textContent).toMatch(/2 van 8 gegevens/);
    expect(p.textContent).toMatch(/1 van 2 bestanden \(400 kB van 800 kB\)/);
    const bar = p.querySelector("progress")!;
    expect(bar.getAttribute("value")).toBe(String(Math.round(100 * (2 / 8 + 0.5) / 2)));
    expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(true);
  });

  it("the end-of-shift button sends and says plainly that everything arrived", async () => {
    const before = syncStatus({
      indicator: { state: "waiting", pending: 4 },
      pending_records: 4,
      last_attempt_at: "2026-03-04T09:00:00.000Z",
      items: [item()],
    });
    b.syncStatus
      .mockResolvedValueOnce(before)
      .mockResolvedValueOnce({ ...before, indicator: { state: "syncing", done: 1, total: 4 } })
      .mockResolvedValue(syncStatus({ last_attempt_at: "2026-03-04T09:30:00.000Z" }));
    b.syncNow.mockResolvedValue(before);
    render(SyncScreen);
    await fireEvent.click(await screen.findByTestId("end-of-shift"));
    expect(b.syncNow).toHaveBeenCalledTimes(1);
    const result = await screen.findByTestId("end-of-shift-result", {}, { timeout: 5000 });
    expect(result.dataset.result).toBe("done");
    expect(result.textContent).toMatch(/Alles staat op het portaal/);
    expect(screen.getByTestId("all-on-portal")).toBeTruthy();
  });

  it("the end-of-shift button says what did not arrive", async () => {
    const before = syncStatus({ indicator: { state: "waiting", pending: 2 }, pending_records: 2 });
    b.syncStatus.mockResolvedValueOnce(before).mockResolvedValue(
      syncStatus({
        indicator: { state: "error", pending: 0, rejected: 1 },
        rejected_records: 1,
        last_attempt_at: "2026-03-04T10:00:00.000Z",
        items: [item({ state: "rejected", code: "invalid_payload", message: { nl: "Onjuist", en: "Invalid" } })],
      }),
    );
    b.syncNow.mockResolvedValue(before);
    render(SyncScreen);
    await fireEvent.click(await screen.findByTestId("end-of-shift"));
    const result = await screen.findByTestId("end-of-shift-result", {}, { timeout: 5000 });
    expect(result.dataset.result).toBe("left");
    expect(screen.getByTestId("outbox-item-rejected").textContent).toMatch(/Onjuist/);
  });

  it("asks for a login again when the portal refused the token, keeping what waits", async () => {
    b.syncStatus.mockResolvedValue(
      syncStatus({
        indicator: { state: "login_required", pending: 6 },
        needs_login: true,
        pending_records: 6,
      }),
    );
    b.portalLogin.mockResolvedValue(syncStatus());
    render(SyncScreen);
    expect((await screen.findByTestId("sync-logged-out")).textContent).toMatch(/blijft bewaard/);
    expect(screen.getByText("Opnieuw inloggen")).toBeTruthy();
    expect((screen.getByTestId("login-url") as HTMLInputElement).value).toBe("https://portaal.example.nl");
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });
});

const appStatus = (overrides: Partial<AppStatus>): AppStatus => ({
  startup: { phase: "ready" },
  demo: false,
  technician: null,
  template_problems: [],
  pending_records: 0,
  sync: { state: "no_portal" },
  version: "0.1.0",
  now: new Date().toISOString(),
  ...overrides,
});

describe("first start with a portal", () => {
  beforeEach(() => {
    b.today.mockResolvedValue(todayView());
  });

  it("logs in (no technician to choose): errors in words, then the first sync, then Today", async () => {
    b.appStatus
      .mockResolvedValueOnce(appStatus({}))
      .mockResolvedValue(appStatus({ technician, sync: { state: "waiting", pending: 0 } }));
    b.syncStatus
      .mockResolvedValueOnce(syncStatus({ portal_url: null, suggested_url: "http://127.0.0.1:8080", last_success_at: null, last_attempt_at: null }))
      .mockResolvedValue(syncStatus({ last_attempt_at: "2026-03-04T09:30:00.000Z" }));
    b.portalLogin
      .mockRejectedValueOnce({
        code: "login_failed",
        message: { nl: "Naam of wachtwoord klopt niet.", en: "Wrong" },
      })
      .mockResolvedValue(syncStatus({ last_attempt_at: null }));
    render(App);
    const url = (await screen.findByTestId("login-url")) as HTMLInputElement;
    expect(url.value).toBe("http://127.0.0.1:8080");
    expect(screen.queryByTestId("technician-chooser")).toBeNull();
    expect(screen.queryByTestId("switch-technician")).toBeNull();
    await fireEvent.input(screen.getByTestId("login-name"), { target: { value: "Monteur Een" } });
    await fireEvent.input(screen.getByTestId("login-password"), { target: { value: "fout" } });
    await fireEvent.submit(screen.getByTestId("login-form"));
    expect((await screen.findByTestId("error-message")).textContent).toMatch(/klopt niet/);
    expect((screen.getByTestId("login-password") as HTMLInputElement).value).toBe("");
    await fireEvent.input(screen.getByTestId("login-password"), { target: { value: "goed" } });
    await fireEvent.submit(screen.getByTestId("login-form"));
    expect(b.portalLogin).toHaveBeenLastCalledWith("http://127.0.0.1:8080", "Monteur Een", "goed");
    expect(await screen.findByTestId("today-screen", {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId("technician-name").textContent).toBe(technician.name);
    expect(screen.queryByTestId("switch-technician")).toBeNull();
  });
});

describe("quitting with work waiting", () => {
  const win = vi.hoisted(() => ({
    handler: null as null | ((event: { preventDefault: () => void }) => Promise<void>),
    destroy: vi.fn(),
  }));
  vi.mock("@tauri-apps/api/window", () => ({
    getCurrentWindow: () => ({
      onCloseRequested: async (handler: typeof win.handler) => {
        win.handler = handler;
        return () => {};
      },
      destroy: win.destroy,
    }),
  }));
  vi.mock("@tauri-apps/api/core", async (original) => ({
    ...(await original<typeof import("@tauri-apps/api/core")>()),
    isTauri: () => true,
  }));
  afterEach(() => {
    win.handler = null;
    win.destroy.mockReset();
  });

  it("warns once and says what waits; closing again closes; nothing waiting closes at once", async () => {
    const QuitWarning = (await import("../src/components/sync/QuitWarning.svelte")).default;
    b.syncStatus.mockResolvedValue(syncStatus({ pending_records: 7 }));
    b.syncNow.mockResolvedValue(syncStatus());
    const view = render(QuitWarning);
    await waitFor(() => expect(win.handler).not.toBeNull());
    await win.handler!({ preventDefault: () => {} });
    expect(win.destroy).not.toHaveBeenCalled();
    const warning = await screen.findByTestId("quit-warning");
    expect(warning.textContent).toMatch(/7 gegevens staan nog alleen op deze computer/);
    await fireEvent.click(screen.getByTestId("quit-send"));
    expect(b.syncNow).toHaveBeenCalled();
    await win.handler!({ preventDefault: () => {} });
    expect(win.destroy).toHaveBeenCalledTimes(1);
    view.unmount();

    win.destroy.mockReset();
    b.syncStatus.mockResolvedValue(syncStatus({ pending_records: 0 }));
    render(QuitWarning);
    await waitFor(() => expect(win.handler).not.toBeNull());
    await win.handler!({ preventDefault: () => {} });
    expect(win.destroy).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("quit-warning")).toBeNull();
  });
});

describe("sizes and clock differences in words", () => {
  it("formats", () => {
    expect(formatBytes(0, "nl")).toBe("0 B");
    expect(formatBytes(999, "nl")).toBe("999 B");
    expect(formatBytes(412_000, "nl")).toBe("412 kB");
    expect(formatBytes(1_450_000, "nl")).toBe("1,5 MB");
    expect(formatBytes(1_450_000, "en")).toBe("1.5 MB");
    expect(formatOffset(7 * 60_000, "nl")).toBe("7 minuten");
    expect(formatOffset(-3 * 3_600_000, "en")).toBe("3 hours");
    expect(formatOffset(5 * 3_600_000, "en")).toBe("5 hours");
    expect(formatOffset(11 * 86_400_000, "nl")).toBe("11 dagen");
  });
});
