import { describe, expect, it } from "vitest";
import {
  addDays,
  amsterdamDay,
  amsterdamParts,
  amsterdamToUtc,
  countdown,
  durationParts,
  formatDate,
  deadlineWhen,
  formatDayShort,
  formatMoney,
  formatTime,
  formatWindow,
  isYmd,
} from "../src/lib/format";

describe("Amsterdam wall-clock time to UTC and back", () => {
  it("converts across the summer-time change", () => {
    expect(amsterdamToUtc("2026-03-28", "10:00")).toBe("2026-03-28T09:00:00.000Z"); // CET
    expect(amsterdamToUtc("2026-03-31", "10:00")).toBe("2026-03-31T08:00:00.000Z"); // CEST
    expect(amsterdamToUtc("2026-10-25", "12:00")).toBe("2026-10-25T11:00:00.000Z"); // CET again
    expect(amsterdamToUtc("2026-02-30", "10:00")).toBeNull();
    expect(amsterdamToUtc("2026-03-31", "25:00")).toBeNull();
    expect(amsterdamToUtc("", "")).toBeNull();
    expect(amsterdamParts("2026-03-31T08:00:00.000Z")).toEqual({ date: "2026-03-31", time: "10:00" });
    expect(amsterdamParts("2026-12-31T23:30:00.000Z")).toEqual({ date: "2027-01-01", time: "00:30" });
  });
});

describe("times in Europe/Amsterdam", () => {
  it("shows UTC instants in winter time (UTC+1) before the DST change", () => {
    // On Sunday 29 March 2026 the clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    expect(formatTime("2026-03-28T08:00:00.000Z", "nl")).toBe("09:00");
    expect(formatTime("2026-03-29T00:59:00.000Z", "nl")).toBe("01:59");
  });

  it("shows UTC instants in summer time (UTC+2) after the DST change", () => {
    expect(formatTime("2026-03-29T01:00:00.000Z", "nl")).toBe("03:00");
    expect(formatTime("2026-03-30T08:00:00.000Z", "nl")).toBe("10:00");
    expect(formatTime("2026-03-30T08:00:00.000Z", "en")).toBe("10:00");
  });

  it("goes back to winter time in October", () => {
    expect(formatTime("2026-10-25T00:30:00.000Z", "nl")).toBe("02:30"); // CEST
    expect(formatTime("2026-10-25T01:30:00.000Z", "nl")).toBe("02:30"); // CET, again
  });

  it("formats a window with an en dash", () => {
    expect(
      formatWindow({ start: "2026-03-30T06:00:00.000Z", end: "2026-03-30T08:00:00.000Z" }, "nl"),
    ).toBe("08:00–10:00");
  });

  it("finds the Amsterdam calendar day of an instant", () => {
    expect(amsterdamDay(Date.parse("2026-03-30T22:30:00.000Z"))).toBe("2026-03-31");
    expect(amsterdamDay(Date.parse("2026-01-15T22:30:00.000Z"))).toBe("2026-01-15");
  });

  it("adds the date to a deadline on another day", () => {
    const now = Date.parse("2026-03-30T10:00:00.000Z");
    expect(deadlineWhen("2026-03-30T12:00:00.000Z", "nl", now)).toEqual({ kind: "time", text: "14:00" });
    expect(deadlineWhen("2026-04-01T12:00:00.000Z", "nl", now)).toEqual({ kind: "date_time", text: "wo 1 apr 14:00" });
    expect(deadlineWhen("2026-04-01T12:00:00.000Z", "en", now)).toEqual({ kind: "date_time", text: "Wed 1 Apr 14:00" });
    // yesterday's deadline, seen this morning, has its date too
    expect(deadlineWhen("2026-03-29T08:51:00.000Z", "nl", now).text).toBe("zo 29 mrt 10:51");
  });

  it("says an exclusive midnight as the end of the day before", () => {
    // Sunday 6 December 2026, evening; fixed before Monday 7 December 00:00 (Amsterdam)
    const sunday = Date.parse("2026-12-06T18:47:00.000Z");
    const mondayMidnight = "2026-12-06T23:00:00.000Z";
    expect(deadlineWhen(mondayMidnight, "nl", sunday)).toEqual({ kind: "end_of_today", text: "" });
    const saturday = Date.parse("2026-12-05T12:00:00.000Z");
    expect(deadlineWhen(mondayMidnight, "nl", saturday)).toEqual({ kind: "end_of_day", text: "zo 6 dec" });
    expect(deadlineWhen(mondayMidnight, "en", saturday)).toEqual({ kind: "end_of_day", text: "Sun 6 Dec" });
    // summer time: midnight is 22:00 UTC
    expect(deadlineWhen("2026-07-01T22:00:00.000Z", "nl", saturday)).toEqual({ kind: "end_of_day", text: "wo 1 jul" });
    expect(formatDayShort("2026-12-06", "nl")).toBe("zo 6 dec");
  });
});

describe("calendar dates", () => {
  it("formats yyyy-mm-dd without a time-zone shift", () => {
    expect(formatDate("2026-03-30", "nl")).toBe("30 maart 2026");
    expect(formatDate("2026-03-30", "en")).toBe("30 March 2026");
    expect(formatDate("2026-03-30", "nl", "weekday")).toBe("maandag 30 maart 2026");
    expect(formatDate("2026-03-30", "nl", "short")).toBe("30-03-2026");
  });

  it("adds days across month and DST boundaries", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });

  it("validates dates", () => {
    expect(isYmd("2026-02-28")).toBe(true);
    expect(isYmd("2026-02-30")).toBe(false);
    expect(isYmd("30-03-2026")).toBe(false);
  });
});

describe("money", () => {
  it("formats euro cents the Dutch way", () => {
    expect(formatMoney(145000, "nl")).toBe("€ 1.450,00");
    expect(formatMoney(0, "nl")).toBe("€ 0,00");
    expect(formatMoney(1250, "nl")).toBe("€ 12,50");
    expect(formatMoney(10752, "nl")).toBe("€ 107,52");
  });

  it("formats euro cents in English", () => {
    expect(formatMoney(145000, "en")).toBe("€1,450.00");
  });
});

describe("countdown", () => {
  const now = Date.parse("2026-03-30T08:00:00.000Z");

  it("counts down to a deadline", () => {
    const c = countdown("2026-03-30T09:20:00.000Z", now);
    expect(c).toMatchObject({ overdue: false, urgency: "ok", hours: 1, minutes: 20 });
    expect(durationParts(c)).toEqual([
      { unit: "hours", n: 1 },
      { unit: "minutes", n: 20 },
    ]);
  });

  it("is overdue at and after the (exclusive) deadline", () => {
    expect(countdown("2026-03-30T08:00:00.000Z", now).overdue).toBe(true);
    const late = countdown("2026-03-30T05:55:00.000Z", now);
    expect(late).toMatchObject({ overdue: true, urgency: "overdue", hours: 2, minutes: 5 });
  });

  it("is urgent in the last hour", () => {
    expect(countdown("2026-03-30T08:45:00.000Z", now).urgency).toBe("soon");
  });

  it("shows days and hours for long deadlines", () => {
    const c = countdown("2026-04-01T11:30:00.000Z", now);
    expect(durationParts(c)).toEqual([
      { unit: "days", n: 2 },
      { unit: "hours", n: 3 },
    ]);
  });
});
