import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import type { AppStatus } from "../src/lib/bindings";
import { technician, todayView } from "./fixtures";
import { toAppError } from "../src/lib/backend";
import { installFakeBackend } from "./fakeBackend";
import App from "../src/App.svelte";
import { notifyRecordsChanged } from "../src/lib/status";

const b = installFakeBackend();

const status = (overrides: Partial<AppStatus>): AppStatus => ({
  startup: { phase: "ready" },
  demo: true,
  technician: null,
  template_problems: [],
  pending_records: 0,
  sync: { state: "no_portal" },
  version: "0.1.0",
  now: new Date().toISOString(),
  ...overrides,
});

describe("App start-up", () => {
  beforeEach(() => {
    b.today.mockResolvedValue(todayView());
  });

  it("polls through opening and demo generation to the technician chooser", async () => {
    b.appStatus
      .mockResolvedValueOnce(status({ startup: { phase: "opening" } }))
      .mockResolvedValueOnce(
        status({ startup: { phase: "generating_demo", step: "residents", done: 40, total: 200 } }),
      )
      .mockResolvedValueOnce(
        status({ startup: { phase: "generating_demo", step: "mystery_step", done: 1, total: 3 } }),
      )
      .mockResolvedValue(status({}));
    b.listTechnicians.mockResolvedValue([
      technician,
      { id: "tech-2", name: "Ahmed Yilmaz", role: "fitter" },
    ]);
    b.chooseTechnician.mockResolvedValue(technician);

    render(App);
    expect(await screen.findByTestId("startup")).toBeTruthy();
    const progress = await screen.findByTestId("startup-progress");
    expect(progress.textContent).toMatch(/Inwoners/);
    expect(progress.textContent).toMatch(/40 van 200/);
    await waitFor(() => expect(screen.getByTestId("startup-progress").textContent).toMatch(/mystery_step/));

    const options = await screen.findAllByTestId("technician-option");
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringMatching(/Sanne de Vries.*Monteur/s),
      expect.stringMatching(/Ahmed Yilmaz.*Passer\/adviseur/s),
    ]);
    expect(screen.getByTestId("demo-badge")).toBeTruthy();
    expect(screen.getByTestId("sync-indicator").textContent).toMatch(/Offline · geen portaal gekoppeld/);

    await fireEvent.click(options[0]);
    expect(b.chooseTechnician).toHaveBeenCalledWith("tech-1");
    expect(await screen.findByTestId("today-screen")).toBeTruthy();
    expect(screen.getByTestId("app-header").textContent).toMatch(/Sanne de Vries/);
    expect(screen.getByTestId("search-input")).toBeTruthy();
  });

  it("shows a failed start-up in the UI language with a retry that opens again", async () => {
    b.appStatus.mockResolvedValue(
      status({
        startup: {
          phase: "failed",
          error: { code: "keyring_unavailable", message: { nl: "Sleutelbos niet bereikbaar", en: "Keyring unavailable" } },
        },
      }),
    );
    render(App);
    const failed = await screen.findByTestId("startup-error");
    expect(failed.textContent).toMatch(/Sleutelbos niet bereikbaar/);
    expect(failed.textContent).toMatch(/keyring_unavailable/);
    expect(b.appStatus).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("startup-error").textContent).toMatch(/Keyring unavailable/);
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("veldwerk.locale")).toBe("en");

    b.retryStartup.mockClear();
    await fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(b.appStatus).toHaveBeenCalledTimes(2));
    expect(b.retryStartup).toHaveBeenCalledTimes(1);
  });

  it("shows an IPC failure of appStatus itself as a start-up error", async () => {
    b.appStatus.mockRejectedValue(
      toAppError(new Error("IPC down")),
    );
    render(App);
    const failed = await screen.findByTestId("startup-error");
    expect(failed.textContent).toMatch(/ipc_failed/);
  });

  it("shows what waits to be sent, and forms that could not be loaded", async () => {
    b.appStatus.mockResolvedValue(
      status({
        technician,
        pending_records: 12,
        template_problems: [{ source: "pm-broken.json", reason: "unknown field `itemz`" }],
      }),
    );
    render(App);
    const pending = await screen.findByTestId("pending-records");
    expect(pending.textContent?.trim()).toBe("12 nog te verzenden");
    expect(screen.getByTestId("template-problem").textContent).toMatch(/pm-broken\.json.*unknown field `itemz`/);
    expect(await screen.findByTestId("today-screen")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("pending-records").textContent?.trim()).toBe("12 waiting to be sent");
  });

  it("says calmly when nothing waits to be sent, and refreshes the count after a recorded change", async () => {
    b.appStatus
      .mockResolvedValueOnce(status({ technician }))
      .mockResolvedValue(status({ technician, pending_records: 1 }));
    render(App);
    expect((await screen.findByTestId("pending-records")).textContent?.trim()).toBe("niets te verzenden");
    expect(screen.queryByTestId("template-problem")).toBeNull();
    notifyRecordsChanged();
    await waitFor(() =>
      expect(screen.getByTestId("pending-records").textContent?.trim()).toBe("1 nog te verzenden"),
    );
  });

  it("goes straight to Today when a technician is known; with a portal there is no one to switch to", async () => {
    b.appStatus.mockResolvedValue(status({ technician, demo: false }));
    render(App);
    expect(await screen.findByTestId("today-screen")).toBeTruthy();
    expect(screen.queryByTestId("demo-badge")).toBeNull();
    expect(screen.queryByTestId("switch-technician")).toBeNull();
  });

  it("in the offline demo, switching leads back to the chooser", async () => {
    b.appStatus.mockResolvedValue(status({ technician, demo: true }));
    b.listTechnicians.mockResolvedValue([technician]);
    render(App);
    expect(await screen.findByTestId("today-screen")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("switch-technician"));
    expect(await screen.findByTestId("technician-chooser")).toBeTruthy();
  });

  it("does not go back or forward while a dialog holds what is being typed", async () => {
    b.appStatus.mockResolvedValue(status({ technician }));
    render(App);
    await screen.findByTestId("today-screen");
    const back = vi.spyOn(history, "back");
    const forward = vi.spyOn(history, "forward");
    const modal = document.createElement("div");
    modal.setAttribute("aria-modal", "true");
    document.body.append(modal);
    await fireEvent.keyDown(window, { key: "ArrowRight", altKey: true });
    await fireEvent.mouseUp(window, { button: 4 });
    expect(forward).not.toHaveBeenCalled();
    modal.remove();
    await fireEvent.keyDown(window, { key: "ArrowRight", altKey: true });
    expect(forward).toHaveBeenCalledTimes(1);
    expect(back).not.toHaveBeenCalled();
    back.mockRestore();
    forward.mockRestore();
  });
});
