// Dates are typed and shown in the order of the chosen language (nl 10-12-2026, en
// 10/12/2026), whatever the machine's locale: no native date field (whose order follows the
// operating system). Read strictly; min/max honoured; what is not a date says so and is not sent.
import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { tick } from "svelte";
import type { JobView } from "../src/lib/bindings";
import { pmView, progress } from "./jobFixtures";
import { installFakeBackend } from "./fakeBackend";
import DateField from "../src/components/DateField.svelte";
import DatePicker from "../src/components/DatePicker.svelte";
import JobScreen from "../src/screens/JobScreen.svelte";
import { formatDateText, parseDateText, parseTimeText, readDate } from "../src/lib/dateText";
import { setLocale } from "../src/lib/i18n";

const b = installFakeBackend();

describe("reading a typed date", () => {
  it("takes day, month, year (four digits) in that order, or ISO", () => {
    expect(parseDateText("10-12-2026")).toBe("2026-12-10");
    expect(parseDateText("10/12/2026")).toBe("2026-12-10");
    expect(parseDateText(" 10.12.2026 ")).toBe("2026-12-10");
    expect(parseDateText("1-2-2026")).toBe("2026-02-01");
    expect(parseDateText("10122026")).toBe("2026-12-10");
    expect(parseDateText("2026-12-10")).toBe("2026-12-10");
  });

  it("refuses what is not a date in that order", () => {
    for (const text of ["12/31/2026", "31-02-2026", "29-02-2026", "10-12-26", "10-12", "morgen", "2026-13-01", "0-1-2026"]) {
      expect(parseDateText(text), text).toBeNull();
    }
    expect(parseDateText("29-02-2028")).toBe("2028-02-29");
  });

  it("shows a date in the language's order", () => {
    expect(formatDateText("2026-12-06", "nl")).toBe("06-12-2026");
    expect(formatDateText("2026-12-06", "en")).toBe("06/12/2026");
    expect(formatDateText("", "nl")).toBe("");
  });

  it("says why in both languages: not a date, too early, too late", () => {
    const bounds = { min: "2026-12-06", max: "2026-12-27" };
    expect(readDate("", bounds)).toEqual({ ok: true, ymd: "" });
    expect(readDate("7-12-2026", bounds)).toEqual({ ok: true, ymd: "2026-12-07" });
    const early = readDate("5-12-2026", bounds);
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe("invalid_date");
      expect(early.error.message.nl).toBe("Kies 6 december 2026 of later.");
      expect(early.error.message.en).toBe("Choose 6 December 2026 or later.");
    }
    const late = readDate("28-12-2026", bounds);
    if (!late.ok) expect(late.error.message.nl).toBe("Kies 27 december 2026 of eerder.");
    const wrong = readDate("12/31/2026", bounds);
    if (!wrong.ok) expect(wrong.error.message.nl).toMatch(/Geen geldige datum.*dd-mm-jjjj/);
  });
});

describe("no native date or time field anywhere", () => {
  const sources = import.meta.glob("../src/**/*.svelte", { query: "?raw", import: "default", eager: true }) as Record<
    string,
    string
  >;

  it("its order would follow the operating system, not the chosen language", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const native = Object.entries(sources)
      .filter(([, source]) => /type=["'](date|time|datetime-local|month|week)["']/.test(source))
      .map(([file]) => file);
    expect(native).toEqual([]);
  });
});

describe("reading a typed time", () => {
  it("takes the 24-hour clock only", () => {
    expect(parseTimeText("9:30")).toBe("09:30");
    expect(parseTimeText("14.30")).toBe("14:30");
    expect(parseTimeText("1430")).toBe("14:30");
    expect(parseTimeText(" 00:00 ")).toBe("00:00");
    for (const text of ["24:00", "12:60", "2:30 PM", "930", "14", "half drie"]) {
      expect(parseTimeText(text), text).toBeNull();
    }
  });
});

describe("the date field", () => {
  it("shows and takes Dutch order in Dutch and British order in English; the date in words beside it", async () => {
    const onpick = vi.fn();
    render(DateField, { value: "2026-12-06", testid: "d", onpick });
    const input = screen.getByTestId("d") as HTMLInputElement;
    expect(input.type).toBe("text");
    expect(input.value).toBe("06-12-2026");
    expect(input.placeholder).toBe("dd-mm-jjjj");
    expect(screen.getByTestId("date-echo").textContent).toBe("zondag 6 december 2026");
    setLocale("en");
    await tick();
    expect(input.value).toBe("06/12/2026");
    expect(input.placeholder).toBe("dd/mm/yyyy");
    expect(screen.getByTestId("date-echo").textContent).toMatch(/^Sunday,? 6 December 2026$/);
    await fireEvent.input(input, { target: { value: "10/12/2026" } });
    // the words follow what is typed, before it is taken
    expect(screen.getByTestId("date-echo").textContent).toMatch(/^Thursday,? 10 December 2026$/);
    expect(onpick).not.toHaveBeenCalled();
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(onpick).toHaveBeenCalledWith("2026-12-10");
  });

  it("refuses what is not a date, or out of bounds: says so, marks the field, passes nothing on", async () => {
    const onpick = vi.fn();
    render(DateField, { value: "", testid: "d", min: "2026-12-06", max: "2026-12-27", onpick });
    const input = screen.getByTestId("d") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "31-02-2026" } });
    await fireEvent.blur(input);
    expect(screen.getByTestId("d-error").textContent).toMatch(/Geen geldige datum/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain(screen.getByTestId("d-error").id);
    expect(input.value).toBe("31-02-2026");
    await fireEvent.input(input, { target: { value: "1-1-2027" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByTestId("d-error").textContent).toMatch(/Kies 27 december 2026 of eerder/);
    expect(onpick).not.toHaveBeenCalled();
    await fireEvent.input(input, { target: { value: "7-12-2026" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(onpick).toHaveBeenCalledWith("2026-12-07");
    expect(screen.queryByTestId("d-error")).toBeNull();
    expect(input.value).toBe("07-12-2026");
  });

  it("Today's date picker is labelled and moves the route by a typed date", async () => {
    render(DatePicker, { date: "2026-12-06" });
    const input = screen.getByLabelText("Datum") as HTMLInputElement;
    expect(input).toBe(screen.getByTestId("today-date"));
    expect(input.value).toBe("06-12-2026");
    await fireEvent.input(input, { target: { value: "10-12-2026" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(location.hash).toBe("#/today/2026-12-10");
  });
});

/** A job whose one step has a date item (from the job day up to 3 weeks later). */
function dateJob(over: Partial<JobView> = {}): JobView {
  const base = pmView({ job_day: "2026-12-06", planned_day: "2026-12-06" });
  return pmView({
    ...base,
    template: {
      ...base.template!,
      steps: [
        {
          id: "trial",
          title: { nl: "Proefperiode", en: "Trial" },
          items: [
            {
              id: "end",
              label: { nl: "Einde proefperiode", en: "End of trial" },
              input: { type: "date", min_days: 0, max_days: 21 },
            },
          ],
        },
      ],
    },
    steps: [progress("trial", "Proefperiode", ["trial.end"], { items: 1 })],
    applicable: ["trial.end"],
    missing: [],
    ...over,
  });
}

describe("a date in a job", () => {
  it("is typed in the language's order and saved as a date; a wrong one is not sent", async () => {
    b.openJob.mockResolvedValue(dateJob());
    render(JobScreen, { id: "job-1" });
    const input = (await screen.findByTestId("date-input")) as HTMLInputElement;
    expect(input.type).toBe("text");
    expect(input.placeholder).toBe("dd-mm-jjjj");

    await fireEvent.input(input, { target: { value: "31-12-2026" } }); // beyond 3 weeks
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(b.saveAnswer).not.toHaveBeenCalled();
    const error = screen.getByTestId("item-error");
    expect(error.textContent).toMatch(/Kies 27 december 2026 of eerder/);
    expect(screen.getByTestId("save-state").dataset.state).toBe("error");

    b.saveAnswer.mockResolvedValue(dateJob({ answers: { "trial.end": { type: "date", value: "2026-12-20" } } }));
    await fireEvent.input(input, { target: { value: "20-12-2026" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "trial.end", { type: "date", value: "2026-12-20" });
    await waitFor(() => expect(screen.queryByTestId("item-error")).toBeNull());
    expect(input.value).toBe("20-12-2026");
    expect(screen.getByTestId("date-echo").textContent).toBe("zondag 20 december 2026");
  });

  it("a quick button still picks a day", async () => {
    b.openJob.mockResolvedValue(dateJob());
    render(JobScreen, { id: "job-1" });
    await screen.findByTestId("date-input");
    b.saveAnswer.mockResolvedValue(dateJob({ answers: { "trial.end": { type: "date", value: "2026-12-13" } } }));
    const week = screen.getAllByTestId("date-quick").find((q) => /week/.test(q.textContent ?? ""));
    await fireEvent.click(week!);
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "trial.end", { type: "date", value: "2026-12-13" });
    await waitFor(() => expect((screen.getByTestId("date-input") as HTMLInputElement).value).toBe("13-12-2026"));
  });

  it("a defect's 'fix by' date is typed the same way", async () => {
    b.openJob.mockResolvedValue(pmView());
    render(JobScreen, { id: "job-1" });
    const brakes = (await screen.findAllByTestId("item")).find((el) => el.dataset.key === "frame.brakes")!;
    await fireEvent.click(within(brakes).getByTestId("check-defect_fix_by"));
    const input = within(brakes).getByTestId("fix-by-input") as HTMLInputElement;
    expect(input.type).toBe("text");
    b.saveAnswer.mockResolvedValue(pmView());
    await fireEvent.input(input, { target: { value: "6-4-2026" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "frame.brakes", {
      type: "check", result: "defect_fix_by", fix_by: "2026-04-06", note: null,
    });
  });

  it("the not-home proposal's date: typed in the language's order, refused when not a date", async () => {
    b.openJob.mockResolvedValue(pmView({ state: "not_started" }));
    render(JobScreen, { id: "job-1" });
    await fireEvent.click(await screen.findByTestId("job-not-home"));
    const dialog = screen.getByTestId("not-home-dialog");
    await fireEvent.click(within(dialog).getByTestId("reason-not_home"));
    const date = within(dialog).getByTestId("not-home-date") as HTMLInputElement;
    expect(date.type).toBe("text");
    await fireEvent.input(date, { target: { value: "31-04-2026" } });
    await fireEvent.input(within(dialog).getByTestId("not-home-start"), { target: { value: "10:00" } });
    await fireEvent.input(within(dialog).getByTestId("not-home-end"), { target: { value: "11:30" } });
    await fireEvent.click(within(dialog).getByTestId("not-home-save"));
    expect(b.reportNotHome).not.toHaveBeenCalled();
    expect(within(dialog).getByTestId("not-home-error").textContent).toMatch(/Geen geldige datum/);
    b.reportNotHome.mockResolvedValue(null);
    await fireEvent.input(date, { target: { value: "31-03-2026" } });
    await fireEvent.click(within(dialog).getByTestId("not-home-save"));
    await waitFor(() => expect(b.reportNotHome).toHaveBeenCalled());
    expect(b.reportNotHome.mock.calls[0][4]).toEqual({
      start: "2026-03-31T08:00:00.000Z",
      end: "2026-03-31T09:30:00.000Z",
    });
  });

  it("the not-home proposal's times: 24-hour clock, a wrong one refused", async () => {
    b.openJob.mockResolvedValue(pmView({ state: "not_started" }));
    render(JobScreen, { id: "job-1" });
    await fireEvent.click(await screen.findByTestId("job-not-home"));
    const dialog = screen.getByTestId("not-home-dialog");
    await fireEvent.click(within(dialog).getByTestId("reason-not_home"));
    await fireEvent.input(within(dialog).getByTestId("not-home-date"), { target: { value: "31-03-2026" } });
    const start = within(dialog).getByTestId("not-home-start") as HTMLInputElement;
    expect(start.type).toBe("text");
    expect(start.placeholder).toBe("uu:mm");
    await fireEvent.input(start, { target: { value: "10.00" } });
    await fireEvent.change(start);
    expect(start.value).toBe("10:00");
    await fireEvent.input(within(dialog).getByTestId("not-home-end"), { target: { value: "25:30" } });
    await fireEvent.click(within(dialog).getByTestId("not-home-save"));
    expect(b.reportNotHome).not.toHaveBeenCalled();
    expect(within(dialog).getByTestId("not-home-error").textContent).toMatch(/Geen geldige tijd/);
    b.reportNotHome.mockResolvedValue(null);
    await fireEvent.input(within(dialog).getByTestId("not-home-end"), { target: { value: "1130" } });
    await fireEvent.click(within(dialog).getByTestId("not-home-save"));
    await waitFor(() => expect(b.reportNotHome).toHaveBeenCalled());
    expect(b.reportNotHome.mock.calls[0][4]).toEqual({
      start: "2026-03-31T08:00:00.000Z",
      end: "2026-03-31T09:30:00.000Z",
    });
  });

  it("a moment is edited as a date in the language's order and a 24-hour time", async () => {
    const base = pmView();
    const view = pmView({
      template: {
        ...base.template!,
        steps: [{ id: "arrival", title: { nl: "Aankomst", en: "Arrival" }, items: [{ id: "at", label: { nl: "Aangekomen", en: "Arrived" }, input: { type: "moment" } }] }],
      },
      steps: [progress("arrival", "Aankomst", ["arrival.at"], { items: 1 })],
      applicable: ["arrival.at"],
      missing: [],
      answers: { "arrival.at": { type: "moment", value: "2026-03-30T06:05:00.000Z" } },
    });
    b.openJob.mockResolvedValue(view);
    render(JobScreen, { id: "job-1" });
    const date = (await screen.findByTestId("moment-date")) as HTMLInputElement;
    const time = screen.getByTestId("moment-time") as HTMLInputElement;
    expect(date.value).toBe("30-03-2026");
    expect(time.value).toBe("08:05");
    b.saveAnswer.mockResolvedValue(view);
    await fireEvent.input(time, { target: { value: "14:30" } });
    await fireEvent.change(time);
    expect(b.saveAnswer).toHaveBeenCalledWith("job-1", "arrival.at", { type: "moment", value: "2026-03-30T12:30:00.000Z" });
    await fireEvent.input(time, { target: { value: "2:30 PM" } });
    await fireEvent.change(time);
    expect(b.saveAnswer).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("item-error").textContent).toMatch(/Geen geldige tijd/);
  });
});
