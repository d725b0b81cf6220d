import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import * as backend from "../src/lib/backend";

describe("backend", () => {
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
});
