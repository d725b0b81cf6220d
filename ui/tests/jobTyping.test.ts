// What is typed is saved while typing: a text, a number, a check's note and a registration
// number go to the back end after a short pause (TEXT_AUTOSAVE_MS), without leaving the field,
// so a crash two seconds after the last keystroke loses nothing. The save state always tells
// the truth (fake timers: nothing here waits for real time).
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import type { AppError, JobView } from "../src/lib/bindings";
import { deferred } from "./fixtures";
import { mixedView } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import JobScreen from "../src/screens/JobScreen.svelte";
import { TEXT_AUTOSAVE_MS } from "../src/lib/jobSession.svelte";

const b = installFakeBackend();

const ok = { type: "check" as const, result: "ok" as const, fix_by: null, note: null };
const lost: AppError = { code: "ipc_failed", message: { nl: "Verbinding weg", en: "Connection lost" } };

function item(key: string): HTMLElement {
  const found = screen.getAllByTestId("item").find((el) => el.dataset.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}
const field = (key: string, testid: string) => within(item(key)).getByTestId(testid) as HTMLInputElement;
const pending = () => screen.getByTestId("job-screen").dataset.pending;
const saveState = () => screen.getByTestId("save-state");

async function open(view: JobView): Promise<void> {
  b.openJob.mockResolvedValue(view);
  render(JobScreen, { id: view.job_id });
  await screen.findByTestId("job-kind");
  vi.useFakeTimers();
}

/**
 * Types into a field that is not left (no blur, no Enter). Only the focus event: moving the
 * document's focus to the next field would blur (and so save) the one before.
 */
async function type(el: HTMLInputElement, value: string): Promise<void> {
  await fireEvent.focus(el);
  await fireEvent.input(el, { target: { value } });
}

afterEach(() => vi.useRealTimers());

describe("typed values are saved after a pause in typing", () => {
  it("a text, a number, a check's note and a registration number: sent within 2 s, the field still focused", async () => {
    await open(mixedView({ answers: { "a.brakes": ok } }));
    b.saveAnswer.mockResolvedValue(mixedView({ answers: { "a.brakes": ok } }));
    await type(field("a.remark", "text-input"), "Piept bij het remmen");
    await type(field("a.pressure", "measurement-input"), "12,5");
    await type(field("a.reg", "registration-input"), "wmo-0301");
    await fireEvent.click(field("a.brakes", "check-note-toggle"));
    await type(field("a.brakes", "check-note"), "Kabel rafelt");
    expect(b.saveAnswer).not.toHaveBeenCalled(); // not on every keystroke
    expect(pending()).toBe("4");

    await vi.advanceTimersByTimeAsync(2000);
    const sent = Object.fromEntries(b.saveAnswer.mock.calls.map((c) => [c[1], c[2]]));
    expect(sent).toEqual({
      "a.remark": { type: "text", value: "Piept bij het remmen" },
      "a.pressure": { type: "measurement", value: 12.5 },
      "a.reg": { type: "registration", value: "WMO-0301" },
      "a.brakes": { type: "check", result: "ok", fix_by: null, note: "Kabel rafelt" },
    });
    expect(pending()).toBe("0");
    expect(saveState().dataset.state).toBe("saved");
    // the fields keep what is typed (no reformatting under the cursor)
    expect(field("a.pressure", "measurement-input").value).toBe("12,5");
    expect(field("a.reg", "registration-input").value).toBe("wmo-0301");
  });

  it("waits for the pause: each keystroke starts it again", async () => {
    await open(mixedView());
    b.saveAnswer.mockResolvedValue(mixedView());
    const input = field("a.pressure", "measurement-input");
    await type(input, "4");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS - 100);
    await type(input, "47");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS - 100);
    expect(b.saveAnswer).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "a.pressure", { type: "measurement", value: 47 });
  });

  it("a number still being typed ('12,') is sent as 12, and shown as stored once the field is left", async () => {
    await open(mixedView());
    b.saveAnswer.mockResolvedValue(mixedView({ answers: { "a.pressure": { type: "measurement", value: 12 } } }));
    const input = field("a.pressure", "measurement-input");
    await type(input, "12,");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS + 10);
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "a.pressure", { type: "measurement", value: 12 });
    expect(input.value).toBe("12,");
    await fireEvent.blur(input);
    await vi.advanceTimersByTimeAsync(0);
    expect(input.value).toBe("12");
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
  });

  it("a number that does not parse is not sent: 'not saved' with its message, not 'saving'", async () => {
    await open(mixedView());
    const input = field("a.pressure", "measurement-input");
    await type(input, "12,5,3");
    await vi.advanceTimersByTimeAsync(2000);
    expect(b.saveAnswer).not.toHaveBeenCalled();
    expect(within(item("a.pressure")).getByTestId("item-error").textContent).toMatch(/vul een getal in/);
    expect(saveState().dataset.state).toBe("error");
    expect(saveState().textContent).toMatch(/Niet opgeslagen/);
    expect(input.value).toBe("12,5,3");
    expect(pending()).toBe("0");
    // corrected: saved after the pause, and the state follows
    b.saveAnswer.mockResolvedValue(mixedView({ answers: { "a.pressure": { type: "measurement", value: 12.5 } } }));
    await type(input, "12,5");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS + 10);
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "a.pressure", { type: "measurement", value: 12.5 });
    expect(within(item("a.pressure")).queryByTestId("item-error")).toBeNull();
    expect(saveState().dataset.state).toBe("saved");
  });
});

describe("the save state is always the truth", () => {
  it("typing, then saving only while the save is in flight, then saved", async () => {
    await open(mixedView());
    const answer = deferred<JobView>();
    b.saveAnswer.mockReturnValueOnce(answer.promise);
    await type(field("a.remark", "text-input"), "Piept");
    expect(saveState().dataset.state).toBe("typing");
    expect(saveState().textContent).not.toMatch(/Bezig met opslaan/);
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS + 10);
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
    expect(saveState().dataset.state).toBe("saving");
    expect(saveState().textContent).toMatch(/Bezig met opslaan…/);
    // however long the back end takes, it says "saving" until it answers…
    await vi.advanceTimersByTimeAsync(8000);
    expect(saveState().dataset.state).toBe("saving");
    answer.resolve(mixedView({ answers: { "a.remark": { type: "text", value: "Piept" } } }));
    await vi.advanceTimersByTimeAsync(0);
    // …and "saved" once it has
    expect(saveState().dataset.state).toBe("saved");
    expect(saveState().textContent).toMatch(/Opgeslagen/);
  });

  it("refused or failed: 'not saved' with the reason, until that item saves", async () => {
    await open(mixedView());
    b.saveAnswer.mockRejectedValueOnce({
      code: "measurement_out_of_range",
      message: { nl: "Bandenspanning: 99 bar kan niet kloppen.", en: "Tyre pressure: 99 bar cannot be right." },
    });
    await type(field("a.pressure", "measurement-input"), "99");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS + 10);
    expect(saveState().dataset.state).toBe("error");
    expect(saveState().textContent).toMatch(/Niet opgeslagen: Bandenspanning: 99 bar kan niet kloppen/);
    b.saveAnswer.mockRejectedValueOnce(lost);
    await type(field("a.remark", "text-input"), "Piept");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS + 10);
    expect(saveState().textContent).toMatch(/2 antwoorden niet opgeslagen/);
    b.saveAnswer.mockResolvedValue(mixedView());
    await type(field("a.pressure", "measurement-input"), "9");
    await type(field("a.remark", "text-input"), "Piept!");
    await vi.advanceTimersByTimeAsync(TEXT_AUTOSAVE_MS + 10);
    expect(saveState().dataset.state).toBe("saved");
  });

  it("shown but not an answer yet (a defect without its date): 'not saved yet' with why, never 'saving'", async () => {
    await open(mixedView());
    await fireEvent.click(field("a.brakes", "check-defect_fix_by"));
    await vi.advanceTimersByTimeAsync(5000);
    expect(b.saveAnswer).not.toHaveBeenCalled();
    expect(pending()).toBe("1");
    expect(saveState().dataset.state).toBe("held");
    expect(saveState().textContent).toMatch(/Nog niet opgeslagen: Kies de datum/);
  });
});
