// Starting and finishing a job where the technician is: a job planned for another day asks
// before it starts; missing items at completion are guidance beside the Complete button,
// counted live; a completion is shown where the technician looks; the last step's "next"
// leads to the completion part.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { AppError, ErrorCode, JobView, MissingItem } from "../src/lib/bindings";
import { pmView } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import JobScreen from "../src/screens/JobScreen.svelte";
import { setLocale } from "../src/lib/i18n";
import { followBackendClock } from "../src/lib/clock";

const b = installFakeBackend();

const refused = (code: ErrorCode, nl: string): AppError => ({ code, message: { nl, en: nl } });

async function open(view: JobView): Promise<void> {
  b.openJob.mockResolvedValue(view);
  render(JobScreen, { id: view.job_id });
  await screen.findByTestId("job-kind");
}

function item(key: string): HTMLElement {
  const found = screen.getAllByTestId("item").find((el) => el.dataset.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}

/** a comes before b in the document. */
const before = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

afterEach(() => {
  followBackendClock(new Date().toISOString());
  vi.restoreAllMocks();
});

describe("starting a job planned for another day", () => {
  // Sunday 6 December 2026, 19:47 in Amsterdam; the visit was planned for Thursday 10 December.
  const sunday = "2026-12-06T18:47:00.000Z";
  const planned = pmView({ state: "not_started", planned_day: "2026-12-10", job_day: "2026-12-06" });

  it("asks first; No (or Esc) does not start it, Yes does", async () => {
    followBackendClock(sunday);
    await open(planned);
    await fireEvent.click(screen.getByTestId("job-start"));
    const dialog = await screen.findByTestId("start-other-day");
    expect(dialog.textContent).toMatch(/Gepland voor donderdag 10 december: vandaag beginnen\?/);
    expect(dialog.textContent).toMatch(/vandaag, zondag 6 december/);
    expect(b.startJob).not.toHaveBeenCalled();
    // keyboard: Yes has the focus, Esc closes without starting
    expect(document.activeElement).toBe(screen.getByTestId("start-other-day-yes"));
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByTestId("start-other-day")).toBeNull();
    await fireEvent.click(screen.getByTestId("job-start"));
    await fireEvent.click(await screen.findByTestId("start-other-day-no"));
    expect(screen.queryByTestId("start-other-day")).toBeNull();
    expect(b.startJob).not.toHaveBeenCalled();

    b.startJob.mockResolvedValue(pmView({ planned_day: "2026-12-10", job_day: "2026-12-06" }));
    await fireEvent.click(screen.getByTestId("job-start"));
    await fireEvent.click(await screen.findByTestId("start-other-day-yes"));
    expect(b.startJob).toHaveBeenCalledWith("job-1");
    await waitFor(() => expect(screen.getByTestId("job-screen").dataset.state).toBe("in_progress"));
    expect(screen.queryByTestId("start-other-day")).toBeNull();
  });

  it("asks in English too", async () => {
    followBackendClock(sunday);
    setLocale("en");
    await open(planned);
    await fireEvent.click(screen.getByTestId("job-start"));
    expect((await screen.findByTestId("start-other-day")).textContent).toMatch(
      /Planned for Thursday 10 December: start today\?/,
    );
    expect(screen.getByTestId("start-other-day-yes").textContent).toMatch(/Yes/);
    expect(screen.getByTestId("start-other-day-no").textContent).toMatch(/No/);
  });

  it("a job planned for today starts at once (today by the app's clock, in Amsterdam)", async () => {
    // 23:30 UTC on the 9th is already the 10th in Amsterdam
    followBackendClock("2026-12-09T23:30:00.000Z");
    await open(planned);
    b.startJob.mockResolvedValue(pmView({ planned_day: "2026-12-10" }));
    await fireEvent.click(screen.getByTestId("job-start"));
    expect(screen.queryByTestId("start-other-day")).toBeNull();
    expect(b.startJob).toHaveBeenCalledWith("job-1");
  });
});

describe("missing items at completion are guidance beside the button", () => {
  it("lists them live where the technician is, no error at the top, each leading to its item", async () => {
    const view = pmView();
    await open(view);
    // the back end's message counts what it saw; the screen counts the view, live
    b.completeJob.mockRejectedValue(refused("job_incomplete", "Nog niet compleet: 8 verplichte punten ontbreken."));
    await fireEvent.click(screen.getByTestId("job-complete"));
    const guidance = await screen.findByTestId("complete-guidance");
    expect(screen.queryByTestId("error-message")).toBeNull();
    expect(screen.queryByText(/job_incomplete/)).toBeNull();
    expect(guidance.textContent).toMatch(/Nog niet compleet: nog 3 punten open/);
    const missing = screen.getByTestId("job-missing");
    await waitFor(() => expect(document.activeElement).toBe(missing));
    // beside the Complete button: the list is followed directly by the buttons
    expect(missing.nextElementSibling?.contains(screen.getByTestId("job-complete"))).toBe(true);
    expect(screen.getByTestId("job-missing-count").dataset.count).toBe("3");

    // an answer saved: the list and the header count drop together
    const fewer: MissingItem[] = view.missing.slice(1);
    b.saveAnswer.mockResolvedValue(pmView({ missing: fewer }));
    await fireEvent.click(within(item("frame.brakes")).getByTestId("check-ok"));
    await waitFor(() => expect(screen.getByTestId("complete-guidance").dataset.count).toBe("2"));
    expect(screen.getByTestId("complete-guidance").textContent).toMatch(/nog 2 punten open/);
    expect(screen.getByTestId("job-missing-count").dataset.count).toBe("2");
    expect(screen.getAllByTestId("missing-item")).toHaveLength(2);

    // each entry leads to its item: its step, focused
    await fireEvent.click(screen.getAllByTestId("missing-item")[0]);
    await waitFor(() => expect(screen.getByTestId("step").dataset.step).toBe("usage"));
    expect(item("usage.notes").contains(document.activeElement)).toBe(true);

    b.saveAnswer.mockResolvedValue(pmView({ missing: [] }));
    await fireEvent.input(within(item("usage.notes")).getByTestId("text-input"), { target: { value: "Goed" } });
    await fireEvent.blur(within(item("usage.notes")).getByTestId("text-input"));
    await waitFor(() => expect(screen.getByTestId("complete-guidance").textContent).toMatch(/Alles is nu ingevuld/));
  });

  it("any other refusal is shown beside the buttons, not at the top", async () => {
    await open(pmView());
    b.completeJob.mockRejectedValue(refused("ipc_failed", "De app-kern is niet bereikbaar"));
    await fireEvent.click(screen.getByTestId("job-complete"));
    const error = await screen.findByTestId("error-message");
    expect(error.textContent).toMatch(/niet bereikbaar/);
    expect(before(screen.getByTestId("job-complete"), error)).toBe(true);
    expect(before(error, screen.getByTestId("step"))).toBe(false);
    expect(screen.queryByTestId("complete-guidance")).toBeNull();
  });

  it("a completion is shown where the technician looks: scrolled to and focused", async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      await open(pmView({ missing: [] }));
      b.completeJob.mockResolvedValue({ job: pmView({ state: "completed", missing: [] }), notices: [], logbook: [] });
      await fireEvent.click(screen.getByTestId("job-complete"));
      const done = await screen.findByTestId("job-completed");
      await waitFor(() => expect(document.activeElement?.id).toBe("job-completed-title"));
      expect(scrolled).toContain(done);
    } finally {
      delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
    }
  });
});

describe("the last step", () => {
  it("'next' becomes 'to completion' and leads to the Complete button", async () => {
    await open(pmView());
    expect(screen.getByTestId("step-next").textContent).toMatch(/Volgende stap/);
    const tabs = screen.getAllByTestId("step-tab");
    await fireEvent.click(tabs[tabs.length - 1]);
    const next = screen.getByTestId("step-next") as HTMLButtonElement;
    expect(next.textContent).toMatch(/Naar afronden/);
    expect(next.disabled).toBe(false);
    await fireEvent.click(next);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("job-complete")));
  });
});
