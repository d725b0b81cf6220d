import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";
import { appointment, job, repairCard, residentSummary, todayView } from "./fixtures";
import { installFakeBackend } from "./fakeBackend";
import Today from "../src/screens/Today.svelte";
import { setLocale } from "../src/lib/i18n";
import { resetDrawnReport } from "../src/lib/drawn";

const b = installFakeBackend();

const today = b.today;
const iso = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * 60_000).toISOString();

describe("Today", () => {
  beforeEach(() => {
    resetDrawnReport();
  });
  afterEach(() => vi.useRealTimers());

  it("renders the appointments in the given order with window, resident, postcode and jobs", async () => {
    today.mockResolvedValue(
      todayView({
        appointments: [
          appointment({
            id: "a1",
            window: { start: "2026-03-30T06:00:00.000Z", end: "2026-03-30T08:00:00.000Z" },
            resident: residentSummary({ id: "r1", name: "Zeger Zomer", particulars: "Hond in huis" }),
            jobs: [job({ id: "j1", kind: "preventive_maintenance" })],
          }),
          appointment({
            id: "a2",
            window: { start: "2026-03-30T09:00:00.000Z", end: "2026-03-30T10:30:00.000Z" },
            resident: residentSummary({
              id: "r2",
              name: "Anna Akkerman",
              address: { street: "Laan", house_number: "1", postcode: "1234 AB", city: "Epe" },
            }),
            jobs: [
              job({ id: "j2", kind: "repair", repair: repairCard("B", iso(80.5), iso(600)) }),
              job({ id: "j3", kind: "hoist_inspection", device: null }),
            ],
          }),
        ],
      }),
    );
    render(Today, { date: "2026-03-30" });

    const cards = await screen.findAllByTestId("appointment-card");
    expect(today).toHaveBeenCalledWith("2026-03-30");
    expect(cards).toHaveLength(2);
    // Order as given (not re-sorted by name).
    expect(within(cards[0]).getByTestId("appointment-resident").textContent).toBe("Zeger Zomer");
    expect(within(cards[1]).getByTestId("appointment-resident").textContent).toBe("Anna Akkerman");
    expect(within(cards[0]).getByTestId("appointment-window").textContent?.trim()).toBe("08:00–10:00");
    expect(within(cards[1]).getByTestId("appointment-window").textContent?.trim()).toBe("11:00–12:30");
    expect(within(cards[1]).getByTestId("appointment-postcode").textContent).toBe("1234 AB");
    expect(within(cards[0]).getByText(/Hond in huis/)).toBeTruthy();
    expect(within(cards[0]).getByTestId("appointment-resident").getAttribute("href")).toBe("#/resident/r1");

    const kinds = within(cards[1]).getAllByTestId("job-kind").map((el) => el.textContent);
    expect(kinds).toEqual(["Reparatie", "Keuring tillift"]);
    expect(within(cards[0]).getByTestId("job-device").getAttribute("href")).toBe("#/device/dev-1");
    expect(within(cards[0]).getByTestId("job-device").textContent).toContain("WMO-0001234");

    expect(within(cards[1]).getByTestId("repair-class").textContent?.trim()).toBe("Klasse B");
    const deadlines = within(cards[1]).getAllByTestId("repair-deadline");
    // class B on its own day: the same-day replacement shows too (PvE 7.1.6)
    expect(deadlines).toHaveLength(3);
    expect(deadlines[2].textContent).toMatch(/vervangend hulpmiddel vóór/);
    expect(deadlines[0].textContent).toMatch(/Ter plaatse vóór/);
    expect(deadlines[0].textContent).toMatch(/nog 1 u 20 min/);
    expect(deadlines[0].dataset.urgency).toBe("ok");
    expect(deadlines[1].textContent).toMatch(/Opgelost vóór/);
    expect(b.reportDrawn).toHaveBeenCalledWith("today");
  });

  it("shows an overdue deadline with text, not colour alone", async () => {
    today.mockResolvedValue(
      todayView({
        appointments: [
          appointment({
            jobs: [job({ kind: "repair", repair: repairCard("C", iso(-125.5), iso(-5.5)) })],
          }),
        ],
      }),
    );
    render(Today, { date: null });
    const [onSite, fixed] = await screen.findAllByTestId("repair-deadline");
    expect(onSite.dataset.urgency).toBe("overdue");
    expect(onSite.textContent).toMatch(/⚠/);
    expect(onSite.textContent).toMatch(/2 u 5 min te laat/);
    expect(fixed.textContent).toMatch(/5 min te laat/);
    expect(screen.getByTestId("repair-class").textContent?.trim()).toBe("Klasse C");
  });

  it("updates the countdown every 30 seconds", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "Date"] });
    today.mockResolvedValue(
      todayView({
        appointments: [appointment({ jobs: [job({ kind: "repair", repair: repairCard("A", null, iso(10)) })] })],
      }),
    );
    render(Today, { date: null });
    const [deadline] = await screen.findAllByTestId("repair-deadline");
    expect(deadline.textContent).toMatch(/nog 10 min/);
    // the fix-by deadline is near: the same-day replacement device shows (PvE 7.1.6)
    expect(screen.getByTestId("repair-replacement-by").textContent).toMatch(
      /vervangend hulpmiddel vóór/,
    );
    vi.advanceTimersByTime(11 * 60_000);
    await tick();
    expect(deadline.textContent).toMatch(/1 min te laat/);
  });

  it("shows no replacement deadline before the fix-by deadline's day", async () => {
    today.mockResolvedValue(
      todayView({
        appointments: [
          appointment({ jobs: [job({ kind: "repair", repair: repairCard("A", null, iso(24 * 60)) })] }),
        ],
      }),
    );
    render(Today, { date: null });
    await screen.findAllByTestId("repair-deadline");
    expect(screen.queryByTestId("repair-replacement-by")).toBeNull();
  });

  it("shows the replacement deadline from the start of the fix-by deadline's day", async () => {
    // ten hours to go, but it is the deadline's day: the replacement can still be planned
    const repair = repairCard("A", null, iso(600));
    repair.deadlines.replacement_shown_from = iso(-60);
    today.mockResolvedValue(
      todayView({ appointments: [appointment({ jobs: [job({ kind: "repair", repair })] })] }),
    );
    render(Today, { date: null });
    expect((await screen.findByTestId("repair-replacement-by")).textContent).toMatch(
      /vervangend hulpmiddel vóór/,
    );
  });

  it("shows the holiday name on a non-working day, and the empty state", async () => {
    today.mockResolvedValue(
      todayView({
        date: "2026-04-06",
        working_day: false,
        holiday: { nl: "Tweede Paasdag", en: "Easter Monday" },
      }),
    );
    render(Today, { date: "2026-04-06" });
    expect((await screen.findByTestId("non-working-day")).textContent).toMatch(/Tweede Paasdag/);
    expect(screen.getByTestId("today-empty")).toBeTruthy();
    setLocale("en");
    await tick();
    expect(screen.getByTestId("non-working-day").textContent).toMatch(/Easter Monday/);
    expect(screen.getByTestId("today-empty").textContent).toMatch(/No appointments/);
  });

  it("says weekend when a non-working day is no holiday", async () => {
    today.mockResolvedValue(todayView({ date: "2026-03-28", working_day: false }));
    render(Today, { date: "2026-03-28" });
    expect((await screen.findByTestId("non-working-day")).textContent).toMatch(/Weekend/);
  });

  it("moves the route with the date picker", async () => {
    today.mockResolvedValue(todayView({ date: "2026-03-30" }));
    render(Today, { date: "2026-03-30" });
    await screen.findByTestId("today-empty");
    // in the UI language's order (not the machine's), with the date in words beside it
    expect((screen.getByTestId("today-date") as HTMLInputElement).value).toBe("30-03-2026");
    expect(screen.getByTestId("today-date").dataset.value).toBe("2026-03-30");
    expect(screen.getByTestId("today-date-echo").textContent).toBe("maandag 30 maart 2026");
    await fireEvent.click(screen.getByTestId("date-next"));
    expect(location.hash).toBe("#/today/2026-03-31");
    await fireEvent.click(screen.getByTestId("date-prev"));
    expect(location.hash).toBe("#/today/2026-03-29");
    const input = screen.getByTestId("today-date") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "4-5-2026" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(location.hash).toBe("#/today/2026-05-04");
    await fireEvent.click(screen.getByTestId("date-today"));
    expect(location.hash).toBe("#/today");
  });

  it("opens every job with a large button and shows its draft state and deviation", async () => {
    today.mockResolvedValue(
      todayView({
        appointments: [
          appointment({
            jobs: [
              job({ id: "j1", kind: "fitting", state: null, deviation: "pending", device: null }),
              job({ id: "j2", kind: "preventive_maintenance", state: "in_progress" }),
              job({ id: "j3", kind: "delivery", state: "ready_to_sign", deviation: "rejected" }),
              job({ id: "j4", kind: "repair", status: "completed", state: "completed" }),
            ],
          }),
        ],
      }),
    );
    render(Today, { date: null });
    const open = await screen.findAllByTestId("job-open");
    expect(open.map((a) => a.getAttribute("href"))).toEqual(["#/job/j1", "#/job/j2", "#/job/j3", "#/job/j4"]);
    expect(open[0].getAttribute("aria-label")).toBe("Passing openen");
    expect(screen.getAllByTestId("job-state").map((s) => s.textContent?.trim())).toEqual([
      "Niet begonnen",
      "Bezig",
      "Klaar voor ondertekening",
      "Afgerond",
    ]);
    const deviations = screen.getAllByTestId("job-deviation");
    expect(deviations.map((d) => d.dataset.status)).toEqual(["pending", "rejected"]);
    expect(deviations[0].textContent).toMatch(/wacht op gemeente/);
    expect(deviations[1].textContent).toMatch(/afgewezen/);
  });

  it("an empty day says so once, and offers the next day with visits", async () => {
    today.mockResolvedValue(
      todayView({ date: "2026-12-06", working_day: false, next_day_with_visits: "2026-12-10" }),
    );
    render(Today, { date: "2026-12-06" });
    const empty = await screen.findByTestId("today-empty");
    const text = screen.getByTestId("today-screen").textContent ?? "";
    expect(text.match(/Geen afspraken/g)).toHaveLength(1);
    expect(empty.textContent).toMatch(/Geen afspraken op deze dag\./);
    const next = within(empty).getByTestId("today-next-day");
    expect(next.textContent).toMatch(/Naar donderdag 10 december 2026/);
    expect(next.getAttribute("href")).toBe("#/today/2026-12-10");
    setLocale("en");
    await tick();
    expect(next.textContent).toMatch(/To Thursday,? 10 December 2026/);
  });

  it("shows visits in progress on other days above the day's list, each with its day", async () => {
    const started = appointment({
      id: "apt-old",
      status: "in_progress",
      window: { start: "2026-12-03T09:00:00.000Z", end: "2026-12-03T10:00:00.000Z" },
      resident: residentSummary({ id: "r9", name: "Bea Bosman" }),
      jobs: [job({ id: "job-old", kind: "preventive_maintenance", status: "in_progress", state: "in_progress" })],
    });
    today.mockResolvedValue(
      todayView({ date: "2026-12-07", appointments: [appointment()], in_progress_elsewhere: [started] }),
    );
    render(Today, { date: "2026-12-07" });
    const section = await screen.findByTestId("in-progress-elsewhere");
    expect(within(section).getByRole("heading", { name: "Bezig" })).toBeTruthy();
    const [card] = within(section).getAllByTestId("appointment-card");
    expect(within(card).getByTestId("appointment-resident").textContent).toBe("Bea Bosman");
    const day = within(card).getByTestId("appointment-day");
    expect(day.textContent?.trim()).toBe("donderdag 3 december 2026");
    expect(day.getAttribute("href")).toBe("#/today/2026-12-03");
    expect(within(card).getByTestId("job-open").getAttribute("href")).toBe("#/job/job-old");
    // above the day's own list, which is still there
    const cards = screen.getAllByTestId("appointment-card");
    expect(cards).toHaveLength(2);
    expect(cards[0]).toBe(card);
    expect(within(cards[1]).queryByTestId("appointment-day")).toBeNull();
  });

  it("shows a back-end error in the UI language with its code", async () => {
    today.mockRejectedValue({ code: "no_technician", message: { nl: "Kies eerst wie je bent", en: "Choose who you are first" } });
    render(Today, { date: null });
    const error = await screen.findByTestId("error-message");
    expect(error.textContent).toMatch(/Kies eerst wie je bent/);
    expect(error.textContent).toMatch(/no_technician/);
  });
});
