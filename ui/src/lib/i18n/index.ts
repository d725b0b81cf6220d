// The app's languages: Dutch (default) and English, via svelte-i18n (see ui/README.md).
import { addMessages, init, locale, _ } from "svelte-i18n";
import { derived, get, type Readable } from "svelte/store";
import nl from "./nl.json";
import en from "./en.json";

export type Locale = "nl" | "en";
export const LOCALES: readonly Locale[] = ["nl", "en"];
export const DEFAULT_LOCALE: Locale = "nl";
export const LOCALE_STORAGE_KEY = "veldwerk.locale";

/** The dictionaries, for code outside components that must build a `{nl, en}` message. */
export const dictionaries = { nl, en } as const;

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(value)) return value;
  } catch {
    // Storage may be unavailable; the default language is fine then.
  }
  return DEFAULT_LOCALE;
}

addMessages("nl", nl);
addMessages("en", en);
init({ fallbackLocale: DEFAULT_LOCALE, initialLocale: storedLocale() });

/** The current UI language, always one of the app's two. */
export const appLocale: Readable<Locale> = derived(locale, (value) =>
  isLocale(value) ? value : DEFAULT_LOCALE,
);

appLocale.subscribe((value) => {
  if (typeof document !== "undefined") document.documentElement.lang = value;
});

export function setLocale(value: Locale): void {
  locale.set(value);
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, value);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
}

export function currentLocale(): Locale {
  return get(appLocale);
}

/** Replaces `{name}` placeholders (for messages built outside components). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export { _, locale };

/** Whether a message key exists (both dictionaries have the same keys; a test guards that). */
export function hasMessage(key: string): boolean {
  let node: unknown = dictionaries.nl;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

function lookup(tree: unknown, key: string): string | null {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : null;
}

/** A message in both languages (for errors the UI makes itself, shown like the back end's). */
export function bothLanguages(
  key: string,
  values: Record<string, string> = {},
): { nl: string; en: string } {
  return {
    nl: fill(lookup(dictionaries.nl, key) ?? key, values),
    en: fill(lookup(dictionaries.en, key) ?? key, values),
  };
}
