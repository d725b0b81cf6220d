// Dates as typed and shown in the UI's language, whatever the machine's locale: day first in
// both (Dutch 10-12-2026, British 10/12/2026). Pure: the locale is a parameter.
import type { AppError } from "./backend";
import { dictionaries, fill, type Locale } from "./i18n";
import { formatDate, isYmd } from "./format";

/** The separator the field shows a date with. */
const SEPARATOR: Record<Locale, string> = { nl: "-", en: "/" };

/** yyyy-mm-dd -> "10-12-2026" (nl) / "10/12/2026" (en); "" for anything else. */
export function formatDateText(ymd: string, locale: Locale): string {
  if (!isYmd(ymd)) return "";
  const [y, m, d] = ymd.split("-");
  const sep = SEPARATOR[locale];
  return `${d}${sep}${m}${sep}${y}`;
}

const DAY_FIRST = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A typed date -> yyyy-mm-dd, or null when it is not one. Day first with a four-digit year
 * ("10-12-2026", "10/12/2026", "10.12.2026", "1-2-2026", "10122026"), or ISO ("2026-12-10",
 * which cannot be read another way). Strict: a two-digit year, month first ("12/31/2026") or
 * a day that does not exist (31-02-2026) is not a date.
 */
export function parseDateText(text: string): string | null {
  const t = text.trim();
  let parts: [string, string, string] | null = null;
  const iso = ISO.exec(t);
  if (iso) parts = [iso[1], iso[2], iso[3]];
  const dayFirst = DAY_FIRST.exec(t) ?? COMPACT.exec(t);
  if (dayFirst) parts = [dayFirst[3], dayFirst[2], dayFirst[1]];
  if (!parts) return null;
  const ymd = `${parts[0]}-${parts[1].padStart(2, "0")}-${parts[2].padStart(2, "0")}`;
  return isYmd(ymd) ? ymd : null;
}

export type DateRead = { ok: true; ymd: string } | { ok: false; error: AppError };

/** A message of the `date_field` dictionary in both languages, a date in each one's words. */
function refusal(key: "invalid" | "too_early" | "too_late", date?: string): AppError {
  const message = (lang: Locale) =>
    fill(dictionaries[lang].date_field[key], {
      date: date ? formatDate(date, lang) : "",
      pattern: dictionaries[lang].date_field.pattern,
    });
  return { code: "invalid_date", message: { nl: message("nl"), en: message("en") } };
}

/**
 * What a date field holds: "" (empty, ok), a date within `min`..`max` (yyyy-mm-dd, both
 * inclusive), or the refusal to show (not a date, too early, too late).
 */
export function readDate(text: string, bounds: { min?: string; max?: string } = {}): DateRead {
  if (text.trim() === "") return { ok: true, ymd: "" };
  const ymd = parseDateText(text);
  if (ymd === null) return { ok: false, error: refusal("invalid") };
  if (bounds.min && ymd < bounds.min) return { ok: false, error: refusal("too_early", bounds.min) };
  if (bounds.max && ymd > bounds.max) return { ok: false, error: refusal("too_late", bounds.max) };
  return { ok: true, ymd };
}

const TIME = /^(\d{1,2})[:.](\d{2})$/;
const TIME_COMPACT = /^(\d{2})(\d{2})$/;

/**
 * A typed time of day on the 24-hour clock -> "HH:MM", or null: "9:30", "09:30", "09.30",
 * "0930". No AM/PM, whatever the machine's locale.
 */
export function parseTimeText(text: string): string | null {
  const t = text.trim();
  const match = TIME.exec(t) ?? TIME_COMPACT.exec(t);
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, "0")}:${match[2]}`;
}

/** The refusal for a time that is not one, in both languages. */
export function timeRefusal(): AppError {
  const message = (lang: Locale) =>
    fill(dictionaries[lang].date_field.time_invalid, { pattern: dictionaries[lang].date_field.time_pattern });
  return { code: "invalid_input", message: { nl: message("nl"), en: message("en") } };
}
