// The Tauri implementation over the IPC (Tauri's `invoke` is the one thing replaced: there is no
// Tauri in jsdom), the error normalisation, and the injection of another implementation.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import * as backend from "../src/lib/backend";
import { ERROR_CODES } from "../src/lib/bindings";
import { fakeBackend, unanswered } from "./fakeBackend";

describe("the Tauri back end", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("unwraps ok results to their data and passes arguments through", async () => {
    invoke.mockResolvedValueOnce({ query: "jan", groups: [], unassigned_devices: [], truncated: false });
    await expect(backend.search("jan")).resolves.toEqual({
      query: "jan",
      groups: [],
      unassigned_devices: [],
      truncated: false,
    });
    expect(invoke).toHaveBeenCalledWith("search", { query: "jan" });
  });

  it("passes today's null date on", async () => {
    invoke.mockResolvedValueOnce({ date: "2026-03-30" });
    await backend.today(null);
    expect(invoke).toHaveBeenCalledWith("today", { date: null });
  });

  it("throws the back end's AppError as it is", async () => {
    const error = { code: "not_found", message: { nl: "Niet gevonden", en: "Not found" } };
    invoke.mockRejectedValueOnce(error);
    await expect(backend.resident("nope")).rejects.toEqual(error);
  });

  it("turns a plain string rejection into invalid_input with both languages", async () => {
    invoke.mockRejectedValueOnce("invalid args `deviceId` for command `device_passport`");
    const failure = await backend.devicePassport("x").catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "invalid_input" });
    const { message } = failure as backend.AppError;
    expect(message.nl).toContain("invalid args `deviceId`");
    expect(message.en).toContain("invalid args `deviceId`");
    expect(message.nl).not.toEqual(message.en);
  });

  it("turns an Error into ipc_failed", async () => {
    invoke.mockRejectedValueOnce(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    const failure = await backend.appStatus().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "ipc_failed" });
    expect((failure as backend.AppError).message.en).toContain("__TAURI_INTERNALS__");
  });

  it("normalises anything else into ipc_failed", () => {
    expect(backend.toAppError({ weird: true }).code).toBe("ipc_failed");
    expect(backend.toAppError(undefined).code).toBe("ipc_failed");
    expect(backend.isAppError({ code: "x", message: { nl: "a" } })).toBe(false);
  });

  it("accepts every generated code, and no code this build does not know", () => {
    for (const code of ERROR_CODES) {
      expect(backend.isAppError({ code, message: { nl: "a", en: "b" } }), code).toBe(true);
    }
    const stranger = { code: "brand_new_code", message: { nl: "Nieuw", en: "New" } };
    expect(backend.isAppError(stranger)).toBe(false);
    const failure = backend.toAppError(stranger);
    expect(failure.code).toBe("ipc_failed");
    expect(failure.message.en).toContain("brand_new_code");
  });

  it("sends a not-home report with this job only: the back end decides what it closes", async () => {
    invoke.mockResolvedValueOnce(null);
    const proposal = { start: "2026-03-31T08:00:00.000Z", end: "2026-03-31T09:00:00.000Z" };
    await backend.tauriBackend.reportNotHome("r-1", "job-1", "refused", "Deur dicht", proposal);
    expect(invoke).toHaveBeenCalledWith("report_not_home", {
      reportId: "r-1",
      jobId: "job-1",
      reason: "refused",
      note: "Deur dicht",
      proposal,
    });
  });
});

describe("the injected back end", () => {
  beforeEach(() => {
    invoke.mockReset();
  });
  afterEach(() => {
    backend.useBackend(backend.tauriBackend);
  });

  it("is the Tauri one until another is installed; the named calls follow the current one", async () => {
    invoke.mockResolvedValueOnce({ date: "2026-03-30" });
    await backend.today("2026-03-30");
    expect(invoke).toHaveBeenCalledTimes(1);

    const fake = fakeBackend();
    expect(backend.useBackend(fake)).toBe(backend.tauriBackend);
    fake.today.mockResolvedValueOnce({ date: "2026-03-31" } as never);
    await expect(backend.today("2026-03-31")).resolves.toEqual({ date: "2026-03-31" });
    expect(fake.today).toHaveBeenCalledWith("2026-03-31");
    expect(invoke).toHaveBeenCalledTimes(1);

    expect(backend.useBackend(backend.tauriBackend)).toBe(fake);
  });

  it("a test's fake rejects what it was not told to answer, naming the call", async () => {
    const fake = fakeBackend();
    backend.useBackend(fake);
    await expect(backend.openJob("job-1")).rejects.toEqual(unanswered("openJob"));
    await expect(backend.reportDrawn("today")).resolves.toBeNull();
  });

  it("the Tauri implementation and the fake have the same calls", () => {
    expect(Object.keys(backend.tauriBackend).sort()).toEqual(Object.keys(fakeBackend()).sort());
  });
});
