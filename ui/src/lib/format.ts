// Formatting of times, dates, money and countdowns. Pure functions: the locale is a parameter.
import type { Locale } from "./i18n";

/** Every time is shown in the Netherlands' time, whatever the device's own time zone. */
export const TIME_ZONE = "Europe/Amsterdam";

/** The Intl locale for a UI language ("en" uses British conventions: 24-hour clock, d/m/y). */
export function intlLocale(locale: Locale): string {
  return locale === "en" ? "en-GB" : "nl-NL";
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), options);
    cache.set(key, format);
  }
  return format;
}

function toDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "08:00" in Amsterdam time. */
export function formatTime(iso: string, locale: Locale): string {
  const date = toDate(iso);
  if (!date) return iso;
  return dateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

/** "08:00–10:00" (an en dash, no spaces). */
export function formatWindow(window: { start: string; end: string }, locale: Locale): string {
  return `${formatTime(window.start, locale)}–${formatTime(window.end, locale)}`;
}

/** "ma 30 mrt 2026 08:00" / "Mon 30 Mar 2026 08:00" in Amsterdam time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = toDate(iso);
  if (!date) return iso;
  return dateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

/**
 * How a deadline (exclusive: due strictly before the instant) reads, in Amsterdam time:
 * - `time`: on the day of `now`, the time alone ("10:51");
 * - `date_time`: on another day, with its date ("ma 7 dec 10:51");
 * - `end_of_day`: at midnight, as the end of the day before ("zo 6 dec"), which is what an
 *   exclusive 00:00 means; `end_of_today` when that day is today.
 * `text` is the part to put into the sentence ("vóór einde {text}").
 */
export type DeadlineWhen = { kind: "time" | "date_time" | "end_of_day" | "end_of_today"; text: string };

export function deadlineWhen(iso: string, locale: Locale, now: number): DeadlineWhen {
  const parts = amsterdamParts(iso);
  if (!parts) return { kind: "time", text: iso };
  const today = amsterdamDay(now);
  if (parts.time === "00:00") {
    const day = addDays(parts.date, -1);
    return day === today
      ? { kind: "end_of_today", text: "" }
      : { kind: "end_of_day", text: formatDayShort(day, locale) };
  }
  if (parts.date === today) return { kind: "time", text: parts.time };
  return { kind: "date_time", text: `${formatDayShort(parts.date, locale)} ${parts.time}` };
}

/** A calendar day, short with its weekday: "zo 6 dec" / "Sun 6 Dec". */
export function formatDayShort(ymd: string, locale: Locale): string {
  const date = ymdToUtc(ymd);
  if (!date) return ymd;
  return dateTimeFormat(locale, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" })
    .format(date)
    .replace(/\.$/, "")
    .replace(/\. /g, " ");
}

/** The Amsterdam calendar day (yyyy-mm-dd) of an instant. */
export function amsterdamDay(epochMs: number): string {
  const parts = dateTimeFormat("en", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYmd(value: string): boolean {
  const match = YMD.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.toISOString().slice(0, 10) === value;
}

function ymdToUtc(ymd: string): Date | null {
  return isYmd(ymd) ? new Date(`${ymd}T00:00:00Z`) : null;
}

export type DateStyle = "long" | "weekday" | "short" | "weekday_no_year";

/**
 * A calendar date (yyyy-mm-dd, no time zone): "long" = "30 maart 2026", "weekday" =
 * "maandag 30 maart 2026", "short" = "30-03-2026" / "30/03/2026", "weekday_no_year" =
 * "maandag 30 maart" / "Monday 30 March".
 */
export function formatDate(ymd: string, locale: Locale, style: DateStyle = "long"): string {
  const date = ymdToUtc(ymd);
  if (!date) return ymd;
  const options: Intl.DateTimeFormatOptions =
    style === "short"
      ? { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }
      : {
          timeZone: "UTC",
          day: "numeric",
          month: "long",
          ...(style === "weekday_no_year" ? {} : { year: "numeric" as const }),
          ...(style === "weekday" || style === "weekday_no_year" ? { weekday: "long" as const } : {}),
        };
  return dateTimeFormat(locale, options).format(date);
}

/** yyyy-mm-dd plus `days` calendar days. */
export function addDays(ymd: string, days: number): string {
  const date = ymdToUtc(ymd);
  if (!date) return ymd;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Euro cents -> "€ 1.450,00" (nl) / "€1,450.00" (en). */
export function formatMoney(cents: number, locale: Locale): string {
  const text = new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: 2,
  }).format(cents / 100);
  // Intl separates "€" with a no-break space; a plain space reads and matches the same.
  return text.replace(/[\u00a0\u202f]/g, " ");
}

/** A plain number in the UI language ("1.234,5" / "1,234.5"). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(value);
}

export type Urgency = "overdue" | "soon" | "ok";

export type Countdown = {
  overdue: boolean;
  urgency: Urgency;
  days: number;
  hours: number;
  minutes: number;
};

/** Time left before (or past) a deadline. A deadline is exclusive: at the instant itself it is overdue. */
export function countdown(deadlineIso: string, now: number, soonMinutes = 60): Countdown {
  const deadline = toDate(deadlineIso)?.getTime() ?? now;
  const diff = deadline - now;
  const overdue = diff <= 0;
  const totalMinutes = Math.floor(Math.abs(diff) / 60_000);
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  const urgency: Urgency = overdue ? "overdue" : totalMinutes < soonMinutes ? "soon" : "ok";
  return { overdue, urgency, days, hours, minutes };
}

export type DurationPart = { unit: "days" | "hours" | "minutes"; n: number };

/** The parts to show of a countdown: days and hours beyond a day, else hours and minutes. */
export function durationParts(c: Countdown): DurationPart[] {
  const parts: DurationPart[] =
    c.days > 0
      ? [
          { unit: "days", n: c.days },
          { unit: "hours", n: c.hours },
        ]
      : [
          { unit: "hours", n: c.hours },
          { unit: "minutes", n: c.minutes },
        ];
  const shown = parts.filter((p) => p.n > 0);
  return shown.length > 0 ? shown : [{ unit: "minutes", n: 0 }];
}

function amsterdamWall(epochMs: number): number {
  const parts = dateTimeFormat("en", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/**
 * A wall-clock time in Amsterdam ("2026-03-30", "14:30") -> the UTC ISO instant, or null when
 * the input is not a date and time.
 */
export function amsterdamToUtc(ymd: string, hhmm: string): string | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const time = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!date || !time || !isYmd(ymd)) return null;
  const [h, m] = [Number(time[1]), Number(time[2])];
  if (h > 23 || m > 59) return null;
  const wall = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), h, m);
  let utc = wall - (amsterdamWall(wall) - wall);
  utc = wall - (amsterdamWall(utc) - utc);
  return new Date(utc).toISOString();
}

/** A UTC ISO instant -> Amsterdam wall-clock date and time ("2026-03-30", "14:30"). */
export function amsterdamParts(iso: string): { date: string; time: string } | null {
  const date = toDate(iso);
  if (!date) return null;
  const text = new Date(amsterdamWall(date.getTime())).toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}
