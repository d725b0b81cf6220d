// A logbook entry's details_json, made readable: a JSON object becomes key: value pairs.

export type Details =
  | { kind: "none" }
  | { kind: "pairs"; pairs: [string, string][] }
  | { kind: "text"; text: string };

/** How booleans read in the UI language. */
export type YesNo = { yes: string; no: string };

function valueText(value: unknown, words: YesNo): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (Array.isArray(value)) {
    const nested = value.some((v) => typeof v === "object" && v !== null);
    return value.map((v) => valueText(v, words)).join(nested ? "; " : ", ");
  }
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, v]) => `${key}: ${valueText(v, words)}`)
      .join(", ");
  }
  return String(value);
}

/**
 * `labels` (when the entry has them) gives choices in words per language: `{name: {nl, en}}`;
 * those replace the stored codes, and the labels themselves are not shown.
 */
export function detailPairs(json: string, words: YesNo, locale: "nl" | "en" = "nl"): Details {
  const trimmed = json.trim();
  if (trimmed === "" || trimmed === "{}" || trimmed === "null") return { kind: "none" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { kind: "text", text: trimmed };
  }
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
    const { labels, ...rest } = parsed as Record<string, unknown>;
    const worded = (key: string): string | null => {
      if (typeof labels !== "object" || labels === null) return null;
      const l = (labels as Record<string, unknown>)[key];
      if (typeof l !== "object" || l === null) return null;
      const text = (l as Record<string, unknown>)[locale];
      return typeof text === "string" ? text : null;
    };
    return {
      kind: "pairs",
      pairs: Object.entries(rest).map(([key, value]) => [key, worded(key) ?? valueText(value, words)]),
    };
  }
  return { kind: "text", text: JSON.stringify(parsed, null, 2) };
}
