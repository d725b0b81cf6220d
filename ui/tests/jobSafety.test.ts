// Nothing a technician records is lost or applied twice: ids made by the client, not-home
// closing only what it should, failed saves that stay failed, quick taps, unmount and close.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { Answer, AppError, JobView, VisitJob } from "../src/lib/bindings";
import { UUID_V7, deferred } from "./fixtures";
import { deliveryView, mixedView, pmView } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import JobScreen from "../src/screens/JobScreen.svelte";
import { JobSession } from "../src/lib/jobSession.svelte";

const b = installFakeBackend();

const lost: AppError = { code: "ipc_failed", message: { nl: "Verbinding weg", en: "Connection lost" } };
const ok: Answer = { type: "check", result: "ok", fix_by: null, note: null };

function item(key: string): HTMLElement {
  const found = screen.getAllByTestId("item").find((el) => el.dataset.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}
const field = (key: string, testid: string) =>
  within(item(key)).getByTestId(testid) as HTMLInputElement;

async function open(view: JobView): Promise<void> {
  b.openJob.mockResolvedValue(view);
  render(JobScreen, { id: view.job_id });
  await screen.findByTestId("job-kind");
}

const pending = () => screen.getByTestId("job-screen").dataset.pending;
const saveState = () => screen.getByTestId("save-state").dataset.state;
const altN = () => fireEvent.keyDown(window, { key: "n", code: "KeyN", altKey: true });

afterEach(() => vi.useRealTimers());

describe("records made on site carry an id made once per dialog", () => {
  it("a retried signal or complaint sends the same id again", async () => {
    await open(pmView());
    await fireEvent.click(screen.getByTestId("quick-signal"));
    await fireEvent.click(screen.getByTestId("signal-kind-not_used"));
    await fireEvent.input(screen.getByTestId("signal-description"), { target: { value: "Schuur" } });
    b.recordSignal.mockRejectedValue(lost);
    await fireEvent.click(screen.getByTestId("signal-save"));
    await screen.findByTestId("signal-error");
    await fireEvent.click(screen.getByTestId("signal-save"));
    const [first, retry] = b.recordSignal.mock.calls;
    expect(first[0]).toMatch(UUID_V7);
    expect(retry[0]).toBe(first[0]);
    // Esc with text typed asks first; "keep editing" keeps it, "close" drops it.
    await fireEvent.keyDown(screen.getByTestId("signal-dialog"), { key: "Escape" });
    expect(screen.getByTestId("dialog-confirm")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("dialog-keep"));
    expect(screen.queryByTestId("dialog-confirm")).toBeNull();
    expect((screen.getByTestId("signal-description") as HTMLTextAreaElement).value).toBe("Schuur");
    await fireEvent.click(screen.getByTestId("dialog-close"));
    await fireEvent.click(screen.getByTestId("dialog-discard"));
    expect(screen.queryByTestId("signal-dialog")).toBeNull();
    // Opened again: another signal, another id.
    await fireEvent.click(screen.getByTestId("quick-signal"));
    await fireEvent.click(screen.getByTestId("signal-kind-not_used"));
    await fireEvent.input(screen.getByTestId("signal-description"), { target: { value: "Schuur" } });
    await fireEvent.click(screen.getByTestId("signal-save"));
    expect(b.recordSignal.mock.calls[2][0]).toMatch(UUID_V7);
    expect(b.recordSignal.mock.calls[2][0]).not.toBe(first[0]);
    await fireEvent.keyDown(screen.getByTestId("signal-dialog"), { key: "Escape" });
    await fireEvent.click(screen.getByTestId("dialog-discard"));

    await fireEvent.click(screen.getByTestId("quick-complaint"));
    await fireEvent.click(screen.getByTestId("complaint-process-service"));
    await fireEvent.input(screen.getByTestId("complaint-description"), { target: { value: "Laat" } });
    b.recordComplaint.mockRejectedValue(lost);
    await fireEvent.click(screen.getByTestId("complaint-save"));
    await screen.findByTestId("complaint-error");
    await fireEvent.click(screen.getByTestId("complaint-save"));
    const [c1, c2] = b.recordComplaint.mock.calls;
    expect(c1[0]).toMatch(UUID_V7);
    expect(c2[0]).toBe(c1[0]);
  });

  it("a retried fault report sends the same malfunction and repair job ids", async () => {
    const view = pmView();
    await open(view);
    await fireEvent.click(screen.getByTestId("quick-malfunction"));
    await fireEvent.click(screen.getAllByTestId("malfunction-device")[0]);
    await fireEvent.click(screen.getByTestId("malfunction-class-A"));
    await fireEvent.input(screen.getByTestId("malfunction-description"), { target: { value: "Rem" } });
    b.reportMalfunction.mockRejectedValueOnce(lost);
    await fireEvent.click(screen.getByTestId("malfunction-save"));
    await screen.findByTestId("malfunction-error");
    b.reportMalfunction.mockResolvedValueOnce(pmView({ job_id: "job-r" }));
    await fireEvent.click(screen.getByTestId("malfunction-save"));
    const [first, retry] = b.reportMalfunction.mock.calls;
    expect(first[0]).toMatch(UUID_V7);
    expect(first[1]).toMatch(UUID_V7);
    expect(first[1]).not.toBe(first[0]);
    expect(retry.slice(0, 2)).toEqual(first.slice(0, 2));
  });

  it("a retried not-home report sends the same id", async () => {
    await open(pmView());
    await fireEvent.click(screen.getByTestId("job-not-home"));
    await fireEvent.click(screen.getByTestId("reason-cannot_proceed"));
    b.reportNotHome.mockRejectedValueOnce(lost);
    await fireEvent.click(screen.getByTestId("not-home-save"));
    await screen.findByTestId("not-home-error");
    b.reportNotHome.mockResolvedValueOnce(null);
    await fireEvent.click(screen.getByTestId("not-home-save"));
    await waitFor(() => expect(b.reportNotHome).toHaveBeenCalledTimes(2));
    const [first, retry] = b.reportNotHome.mock.calls;
    expect(first[0]).toMatch(UUID_V7);
    expect(retry[0]).toBe(first[0]);
  });
});

describe("not home waits for the answers on their way", () => {
  it("reports only once the queued saves are through, so they go with the closed job", async () => {
    await open(mixedView());
    const inFlight = deferred<JobView>();
    b.saveAnswer.mockReturnValueOnce(inFlight.promise);
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "4" } });
    await fireEvent.blur(field("a.pressure", "measurement-input"));
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByTestId("job-not-home"));
    await fireEvent.click(screen.getByTestId("reason-not_home"));
    b.reportNotHome.mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId("not-home-save"));
    await Promise.resolve();
    expect(b.reportNotHome).not.toHaveBeenCalled();
    inFlight.resolve(mixedView());
    await waitFor(() => expect(b.reportNotHome).toHaveBeenCalledTimes(1));
  });

  it("a failed save keeps the job open: not-home says what is not stored", async () => {
    await open(mixedView());
    b.saveAnswer.mockRejectedValueOnce(lost);
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "4" } });
    await fireEvent.blur(field("a.pressure", "measurement-input"));
    await within(item("a.pressure")).findByTestId("item-error");
    await fireEvent.click(screen.getByTestId("job-not-home"));
    await fireEvent.click(screen.getByTestId("reason-cannot_proceed"));
    await fireEvent.click(screen.getByTestId("not-home-save"));
    const error = await screen.findByTestId("not-home-error");
    expect(error.textContent).toMatch(/Nog niet alles is opgeslagen.*Bandenspanning/s);
    expect(b.reportNotHome).not.toHaveBeenCalled();
  });
});

describe("not home lists what the back end will close, and leaves the choice to it", () => {
  const [self, notStarted, elsewhere, done] = [
    { id: "job-1", kind: "preventive_maintenance", status: "in_progress" },
    { id: "job-2", kind: "delivery", status: "open" },
    { id: "job-3", kind: "repair", status: "in_progress" },
    { id: "job-4", kind: "fitting", status: "completed" },
  ] satisfies VisitJob[];
  // As Rust decides it: nobody home or refused closes this job and the visit's jobs not
  // started (not another job in progress, not a completed one); "cannot proceed" this job only.
  const visit = pmView({
    visit_jobs: [self, notStarted, elsewhere, done],
    not_home_closes: [
      { reason: "not_home", jobs: [self, notStarted] },
      { reason: "refused", jobs: [self, notStarted] },
      { reason: "cannot_proceed", jobs: [self] },
    ],
  });
  const listed = () =>
    screen.getAllByTestId("not-home-closes-job").map((li) => li.textContent?.trim());

  it("nobody home: this job and the jobs not started, not another job in progress", async () => {
    await open(visit);
    await fireEvent.click(screen.getByTestId("job-not-home"));
    expect(screen.queryByTestId("not-home-closes")).toBeNull();
    await fireEvent.click(screen.getByTestId("reason-not_home"));
    expect(listed()).toEqual(["Preventief onderhoud (deze opdracht)", "Levering"]);
    b.reportNotHome.mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId("not-home-save"));
    await waitFor(() => expect(b.reportNotHome).toHaveBeenCalled());
    // Only this job is named: the back end closes what it listed, not what the UI sends.
    expect(b.reportNotHome).toHaveBeenCalledWith(
      expect.stringMatching(UUID_V7), "job-1", "not_home", "", null,
    );
  });

  it("cannot proceed: this job only", async () => {
    await open(visit);
    await fireEvent.click(screen.getByTestId("job-not-home"));
    await fireEvent.click(screen.getByTestId("reason-refused"));
    expect(listed()).toHaveLength(2);
    await fireEvent.click(screen.getByTestId("reason-cannot_proceed"));
    expect(listed()).toEqual(["Preventief onderhoud (deze opdracht)"]);
    b.reportNotHome.mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId("not-home-save"));
    await waitFor(() => expect(b.reportNotHome).toHaveBeenCalled());
    expect(b.reportNotHome.mock.calls[0].slice(1, 3)).toEqual(["job-1", "cannot_proceed"]);
  });

  it("shows the back end's list as it is, not a rule of its own", async () => {
    await open(
      pmView({
        visit_jobs: [self, notStarted, elsewhere],
        not_home_closes: [{ reason: "refused", jobs: [self, elsewhere] }],
      }),
    );
    await fireEvent.click(screen.getByTestId("job-not-home"));
    await fireEvent.click(screen.getByTestId("reason-refused"));
    expect(listed()).toEqual(["Preventief onderhoud (deze opdracht)", "Reparatie"]);
    // A reason the back end gave no list for shows none (it still decides when reporting).
    await fireEvent.click(screen.getByTestId("reason-not_home"));
    expect(screen.queryByTestId("not-home-closes")).toBeNull();
  });
});

describe("failed saves do not vanish", () => {
  it("stays failed when another item saves, and completing waits until it is saved again", async () => {
    await open(mixedView());
    b.saveAnswer.mockRejectedValueOnce(lost);
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "3" } });
    await fireEvent.blur(field("a.pressure", "measurement-input"));
    await within(item("a.pressure")).findByTestId("item-error");

    b.saveAnswer.mockResolvedValueOnce(mixedView({ answers: { "a.brakes": ok } }));
    await fireEvent.click(field("a.brakes", "check-ok"));
    await waitFor(() => expect(pending()).toBe("0"));
    expect(saveState()).toBe("error");
    expect(within(item("a.pressure")).getByTestId("item-error")).toBeTruthy();

    await fireEvent.click(screen.getAllByTestId("step-tab")[1]);
    await fireEvent.click(screen.getByTestId("job-complete"));
    await waitFor(() =>
      expect(screen.getByTestId("error-message").textContent).toMatch(/niet alles is opgeslagen.*Bandenspanning/is),
    );
    expect(b.completeJob).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(field("a.pressure", "measurement-input")));
    expect(field("a.pressure", "measurement-input").value).toBe("3");

    // The retry: leaving the field sends it again.
    const stored = mixedView({ answers: { "a.brakes": ok, "a.pressure": { type: "measurement", value: 3 } } });
    b.saveAnswer.mockResolvedValueOnce(stored);
    await fireEvent.blur(field("a.pressure", "measurement-input"));
    expect(b.saveAnswer).toHaveBeenLastCalledWith("job-1", "a.pressure", { type: "measurement", value: 3 });
    await waitFor(() => expect(saveState()).toBe("saved"));
    b.completeJob.mockResolvedValue({ job: { ...stored, state: "completed" }, notices: [], logbook: [] });
    await fireEvent.click(screen.getByTestId("job-complete"));
    await waitFor(() => expect(b.completeJob).toHaveBeenCalledWith("job-1"));
  });

  it("a refused last edit keeps 'ready to sign' from going ahead with the old value", async () => {
    await open(deliveryView({ answers: { "identity.registration": { type: "registration", value: "WMO-1" } } }));
    b.saveAnswer.mockRejectedValueOnce({ code: "not_found", message: { nl: "Onbekend", en: "Unknown" } });
    const input = field("identity.registration", "registration-input");
    await fireEvent.input(input, { target: { value: "WMO-2" } });
    await fireEvent.blur(input);
    await within(item("identity.registration")).findByTestId("item-error");
    await fireEvent.click(screen.getByTestId("job-ready-to-sign"));
    await waitFor(() => expect(screen.getByTestId("error-message").textContent).toMatch(/Registratienummer/));
    expect(b.jobEvent).not.toHaveBeenCalled();
  });
});

describe("quick taps build on each other", () => {
  it("multi-choice: the second tap includes the first while it is still on its way", async () => {
    await open(mixedView());
    const first = deferred<JobView>();
    b.saveAnswer.mockReturnValueOnce(first.promise).mockResolvedValue(mixedView());
    await fireEvent.click(field("a.topics", "choice-controls"));
    await fireEvent.click(field("a.topics", "choice-charging"));
    await fireEvent.click(field("a.topics", "choice-controls"));
    first.resolve(mixedView({ answers: { "a.topics": { type: "multi_choice", values: ["controls"] } } }));
    await waitFor(() => expect(b.saveAnswer).toHaveBeenCalledTimes(3));
    expect(b.saveAnswer.mock.calls.map((c) => c[2])).toEqual([
      { type: "multi_choice", values: ["controls"] },
      { type: "multi_choice", values: ["controls", "charging"] },
      { type: "multi_choice", values: ["charging"] },
    ]);
  });

  it("parts: a second part added at once keeps the first; a double tap adds a part once", async () => {
    await open(mixedView());
    const first = deferred<JobView>();
    b.saveAnswer.mockReturnValueOnce(first.promise).mockResolvedValue(mixedView());
    await fireEvent.input(field("a.parts", "parts-description"), { target: { value: "Remkabel" } });
    await fireEvent.click(field("a.parts", "parts-add"));
    await fireEvent.click(field("a.parts", "parts-add"));
    await fireEvent.input(field("a.parts", "parts-description"), { target: { value: "Band" } });
    await fireEvent.click(field("a.parts", "parts-add"));
    first.resolve(mixedView());
    await waitFor(() => expect(pending()).toBe("0"));
    const part = (description: string) => ({ number: "", description, quantity: 1, new: true });
    expect(b.saveAnswer.mock.calls.map((c) => c[2])).toEqual([
      { type: "parts", parts: [part("Remkabel")] },
      { type: "parts", parts: [part("Remkabel"), part("Band")] },
    ]);
  });
});

describe("closing the window with text typed in a dialog", () => {
  it("the dialog asks (it takes part in the window's close checks) only when text is typed", async () => {
    await open(pmView());
    await fireEvent.click(screen.getByTestId("quick-signal"));
    window.dispatchEvent(new Event("pagehide"));
    await Promise.resolve();
    expect(screen.queryByTestId("dialog-confirm")).toBeNull();
    await fireEvent.input(screen.getByTestId("signal-description"), { target: { value: "Schuur" } });
    window.dispatchEvent(new Event("pagehide"));
    expect(await screen.findByTestId("dialog-confirm")).toBeTruthy();
    expect((screen.getByTestId("signal-description") as HTMLTextAreaElement).value).toBe("Schuur");
  });
});

describe("a part row typed but not added stays counted", () => {
  it("removing another part does not make the typed row count as saved", async () => {
    const brake = { number: "", description: "Remblok", quantity: 1, new: true };
    const withPart = mixedView({ answers: { "a.parts": { type: "parts", parts: [brake] } } });
    await open(withPart);
    b.clearAnswer.mockResolvedValue(mixedView());
    await fireEvent.input(field("a.parts", "parts-description"), { target: { value: "Remkabel" } });
    expect(pending()).toBe("1");
    await fireEvent.click(field("a.parts", "parts-remove"));
    expect(b.clearAnswer).toHaveBeenCalledWith("job-1", "a.parts");
    await waitFor(() => expect(pending()).toBe("1"));
    expect(field("a.parts", "parts-description").value).toBe("Remkabel");
  });
});

describe("typed values survive leaving the step and closing the window", () => {
  it("moving on without leaving the fields saves them; an unadded part row is kept", async () => {
    await open(mixedView({ answers: { "a.brakes": ok } }));
    b.saveAnswer.mockResolvedValue(mixedView({ answers: { "a.brakes": ok } }));
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "2,5" } });
    await fireEvent.input(field("a.reg", "registration-input"), { target: { value: "wmo-7" } });
    await fireEvent.input(field("a.remark", "text-input"), { target: { value: "Piept" } });
    await fireEvent.click(field("a.brakes", "check-note-toggle"));
    await fireEvent.input(field("a.brakes", "check-note"), { target: { value: "Kabel rafelt" } });
    await fireEvent.input(field("a.parts", "parts-description"), { target: { value: "Remkabel" } });
    expect(b.saveAnswer).not.toHaveBeenCalled();

    await altN();
    expect(screen.getByTestId("step").dataset.step).toBe("b");
    // everything is sent but the part row, which is not an answer until it is added
    await waitFor(() => expect(pending()).toBe("1"));
    const sent = Object.fromEntries(b.saveAnswer.mock.calls.map((c) => [c[1], c[2]]));
    expect(sent).toEqual({
      "a.pressure": { type: "measurement", value: 2.5 },
      "a.reg": { type: "registration", value: "WMO-7" },
      "a.remark": { type: "text", value: "Piept" },
      "a.brakes": { type: "check", result: "ok", fix_by: null, note: "Kabel rafelt" },
    });

    await fireEvent.click(screen.getAllByTestId("step-tab")[0]);
    expect(field("a.parts", "parts-description").value).toBe("Remkabel");
  });

  it("someone else's name that could not be saved shows again when coming back", async () => {
    await open(pmView());
    const tabs = () => screen.getAllByTestId("step-tab");
    await fireEvent.click(tabs()[tabs().length - 1]);
    await fireEvent.click(screen.getByTestId("signer-other"));
    b.saveAnswer.mockRejectedValue(lost);
    await fireEvent.input(screen.getByTestId("signer-name"), { target: { value: "Mw. A. Bakker" } });
    await fireEvent.blur(screen.getByTestId("signer-name"));
    await within(item("signoff.signer")).findByTestId("item-error");
    await fireEvent.click(tabs()[0]);
    expect(screen.queryByTestId("signer-name")).toBeNull();
    await fireEvent.click(tabs()[tabs().length - 1]);
    expect((screen.getByTestId("signer-name") as HTMLInputElement).value).toBe("Mw. A. Bakker");
    // with the role it was sent with
    await fireEvent.click(screen.getByTestId("signer-role-caregiver"));
    await fireEvent.click(tabs()[0]);
    await fireEvent.click(tabs()[tabs().length - 1]);
    expect(screen.getByTestId("signer-role-caregiver").getAttribute("aria-pressed")).toBe("true");
  });

  it("a value typed while its save was on its way shows again when coming back", async () => {
    await open(mixedView());
    const answer = deferred<JobView>();
    b.saveAnswer.mockReturnValueOnce(answer.promise);
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "4" } });
    await altN();
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getAllByTestId("step-tab")[0]);
    expect(field("a.pressure", "measurement-input").value).toBe("4");
    answer.reject(lost);
    await within(item("a.pressure")).findByTestId("item-error");
    expect(field("a.pressure", "measurement-input").value).toBe("4");
  });

  it("sends what waits when the page goes away (window closing)", async () => {
    await open(mixedView());
    b.saveAnswer.mockResolvedValue(mixedView());
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "6" } });
    window.dispatchEvent(new Event("pagehide"));
    await waitFor(() =>
      expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "a.pressure", { type: "measurement", value: 6 }),
    );
  });
});

describe("the field shows what was saved", () => {
  const saved = mixedView({
    answers: {
      "a.remark": { type: "text", value: "A" },
      "a.pressure": { type: "measurement", value: 1 },
      "a.reg": { type: "registration", value: "WMO-1" },
    },
  });

  it.each([
    ["a.remark", "text-input", "AB", "A", { type: "text", value: "A" }],
    ["a.pressure", "measurement-input", "12", "1", { type: "measurement", value: 1 }],
    ["a.reg", "registration-input", "WMO-12", "WMO-1", { type: "registration", value: "WMO-1" }],
  ])("%s: typing back to the old value while the new one is on its way saves it", async (key, testid, changed, back, answer) => {
    await open(saved);
    const inFlight = deferred<JobView>();
    b.saveAnswer.mockReturnValueOnce(inFlight.promise).mockResolvedValue(saved);
    const input = field(key, testid);
    await fireEvent.input(input, { target: { value: changed } });
    await fireEvent.blur(input);
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
    await fireEvent.input(input, { target: { value: back } });
    await fireEvent.blur(input);
    inFlight.resolve(saved);
    await waitFor(() => expect(pending()).toBe("0"));
    expect(b.saveAnswer).toHaveBeenCalledTimes(2);
    expect(b.saveAnswer).toHaveBeenLastCalledWith("job-1", key, answer);
    expect(input.value).toBe(back);
  });
});

describe("data-pending is honest", () => {
  it("counts typed fields not sent yet", async () => {
    await open(mixedView({ answers: { "a.brakes": ok } }));
    b.saveAnswer.mockResolvedValue(mixedView({ answers: { "a.brakes": ok } }));
    await fireEvent.input(field("a.pressure", "measurement-input"), { target: { value: "2" } });
    expect(pending()).toBe("1");
    await fireEvent.input(field("a.reg", "registration-input"), { target: { value: "WMO-3" } });
    await fireEvent.click(field("a.brakes", "check-note-toggle"));
    await fireEvent.input(field("a.brakes", "check-note"), { target: { value: "Los" } });
    expect(pending()).toBe("3");
    // typed, waiting for the pause in typing: not "saving" (nothing is on its way yet)
    expect(saveState()).toBe("typing");
    await fireEvent.blur(field("a.pressure", "measurement-input"));
    await fireEvent.blur(field("a.reg", "registration-input"));
    await fireEvent.blur(field("a.brakes", "check-note"));
    await waitFor(() => expect(pending()).toBe("0"));
    expect(b.saveAnswer).toHaveBeenCalledTimes(3);
  });

  it("drops a save from pending only once its view is applied", async () => {
    const before = mixedView();
    const after = mixedView({ answers: { "a.brakes": ok } });
    b.openJob.mockResolvedValue(before);
    const session = new JobSession("job-1");
    await session.load();
    const answer = deferred<JobView>();
    b.saveAnswer.mockReturnValue(answer.promise);
    const saving = session.save("a.brakes", ok);
    expect(session.pending).toBe(1);
    answer.resolve(after);
    for (let i = 0; i < 50 && session.pending > 0; i += 1) {
      expect(session.view).toBe(before);
      await Promise.resolve();
    }
    expect(session.pending).toBe(0);
    expect(session.view).toBe(after);
    expect(await saving).toBe(true);
  });
});
