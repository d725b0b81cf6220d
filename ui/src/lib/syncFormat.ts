// Words and numbers of the sync screen: sizes, clock differences, record types and reasons.
import type { Locale } from "./i18n";
import { hasMessage } from "./i18n";
import { intlLocale } from "./format";

/** "850 kB", "1,4 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const n = new Intl.NumberFormat(intlLocale(locale), {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
  return `${n} ${units[unit]}`;
}

/** A clock difference in words: "7 minuten", "3 uur", "11 dagen" (always positive). */
export function formatOffset(ms: number, locale: Locale): string {
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  const fmt = (value: number, unit: "minute" | "hour" | "day") =>
    new Intl.NumberFormat(intlLocale(locale), {
      style: "unit",
      unit,
      unitDisplay: "long",
      maximumFractionDigits: 0,
    }).format(value);
  if (minutes < 120) return fmt(minutes, "minute");
  const hours = Math.round(abs / 3_600_000);
  if (hours < 48) return fmt(hours, "hour");
  return fmt(Math.round(abs / 86_400_000), "day");
}

/** The i18n key of a record type (or null when this build has no words for it). */
export function recordTypeKey(recordType: string): string | null {
  const key = `sync.record_type.${recordType}`;
  return hasMessage(key) ? key : null;
}

/** The i18n key of a reason a record still waits (or null: show the code). */
export function reasonKey(reason: string): string | null {
  const key = `sync.reason.${reason}`;
  return hasMessage(key) ? key : null;
}
