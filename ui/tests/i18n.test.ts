import { describe, expect, it } from "vitest";
import nl from "../src/lib/i18n/nl.json";
import en from "../src/lib/i18n/en.json";
import { hasMessage } from "../src/lib/i18n";
import {
  CATEGORIES,
  CHECK_RESULTS,
  COMPLAINT_PROCESSES,
  NOT_HOME_REASONS,
  SIGNAL_KINDS,
  SIGNER_ROLES,
} from "../src/lib/job";

type Tree = { [key: string]: Tree | string };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : keys(value, `${prefix}${key}.`),
  );
}

describe("dictionaries", () => {
  it("nl and en have exactly the same keys", () => {
    const nlKeys = new Set(keys(nl));
    const enKeys = new Set(keys(en));
    expect([...nlKeys].filter((k) => !enKeys.has(k)), "in nl but not in en").toEqual([]);
    expect([...enKeys].filter((k) => !nlKeys.has(k)), "in en but not in nl").toEqual([]);
  });

  it("has no empty messages, and the same placeholders in both languages", () => {
    const placeholders = (s: string) =>
      [...new Set([...s.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
    const lookup = (tree: Tree, key: string) =>
      key.split(".").reduce<Tree | string>((node, part) => (node as Tree)[part], tree) as string;
    for (const key of keys(nl)) {
      const a = lookup(nl, key);
      const b = lookup(en, key);
      expect(a.trim(), key).not.toBe("");
      expect(b.trim(), key).not.toBe("");
      expect(placeholders(b), key).toEqual(placeholders(a));
    }
  });

  it("translates every value of the back end's enums", () => {
    const enums: Record<string, string[]> = {
      "job.kind": ["fitting", "delivery", "preventive_maintenance", "hoist_inspection", "repair",
        "adjustment", "replacement", "collection", "loan_device"],
      "job.status": ["open", "in_progress", "completed", "cannot_proceed"],
      "appointment.status": ["planned", "confirmed", "in_progress", "done", "not_home", "cancelled"],
      role: ["fitter", "mechanic", "case_manager"],
      comm: ["phone", "post", "email", "app"],
      "device.status": ["in_use", "awaiting_repair", "out_of_use", "in_depot", "on_loan"],
      "order.kind": ["provision", "adjustment", "replacement", "collection"],
      "order.status": ["open", "completed", "cancelled"],
      "resident.caregiver_kind": ["informal", "professional"],
      "battery.chemistry": ["lead_agm", "lead_gel", "lithium"],
      "sling.state": ["in_use", "withdrawn"],
      "repair.class_meaning": ["A", "B", "C"],
      "chain.reason": ["hash_mismatch", "prev_hash_mismatch", "sequence_gap", "wrong_device", "tail_missing"],
      warning: ["out_of_use", "maintenance_overdue", "inspection_overdue", "sling_withdrawn",
        "battery_below_reconditioned_minimum", "replacement_due"],
      "job.state": ["not_started", "in_progress", "ready_to_sign", "completed", "cannot_proceed"],
      "job.deviation": ["pending", "approved", "rejected"],
      "jobscreen.blocked": ["deviation_pending", "deviation_rejected"],
      "check.result": ["ok", "repaired", "defect_fix_by", "out_of_use", "not_applicable"],
      unit: ["mm", "cm", "kg", "bar", "volt", "ampere", "milliampere", "ohm", "megaohm",
        "ampere_hour", "percent", "km", "hours", "minutes", "km_per_hour", "degrees", "count",
        "euro"],
      "signal.kind": ["not_used", "improper_use", "unauthorised_modification", "unsafe_situation",
        "safety_threat", "driving_ability_doubt", "no_longer_adequate", "suspected_wilful_damage"],
      "complaint.process": ["delivery", "fitting", "malfunction_and_maintenance", "service",
        "aftercare", "communication", "staff_attitude", "reachability"],
      "not_home.reason": ["not_home", "refused", "cannot_proceed"],
      signer_role: ["resident", "caregiver", "representative"],
      "category.name": ["1", "2", "3", "4", "5a", "5b", "6", "7", "8a", "8b", "9", "10", "11",
        "12", "13", "14", "15", "16", "17", "18"],
      "logbook.kind": ["registered", "fitting", "delivery", "preventive_maintenance",
        "hoist_inspection", "sling_inspection", "malfunction_reported", "repair", "adjustment",
        "replacement", "collection", "loan_placed", "loan_returned", "usage_check", "signal",
        "damage_report", "correction", "note"],
      "passport.field": ["registration_number", "category", "brand", "model", "serial_number",
        "build_year", "first_issued_on", "first_delivered_on", "last_delivered_on",
        "catalogue_value_cents", "accessories_value_cents", "configuration", "measurements",
        "reconditioned", "electric", "battery", "insurance_plate", "wlz_use",
        "max_user_weight_kg", "swl_kg", "status", "resident_id",
        "last_preventive_maintenance_on", "last_malfunction_on", "last_misuse_maintenance_on",
        "next_maintenance_due", "next_inspection_due"],
    };
    const missing = Object.entries(enums).flatMap(([prefix, values]) =>
      values.map((v) => `${prefix}.${v}`).filter((key) => !hasMessage(key)),
    );
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// No user-facing literal text in components: all of it must come from the dictionaries.

/** Symbols that may stand as literal text between tags or expressions. */
const ALLOWED_SYMBOLS = ["·", "–", "—", "€", "⚠", "⛔", "✔", "✖", "◀", "▶", "⏱", "%"];
const ALLOWED_PUNCTUATION = /[\s,.:;()[\]!?/'"-]/g;
const TEXT_ATTRIBUTES = ["aria-label", "title", "placeholder", "alt", "aria-description"];

/** Removes `{...}` expressions (nested braces and quoted strings included). */
function stripExpressions(source: string): string {
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (depth === 0) {
      if (c === "{") depth = 1;
      else out += c;
      continue;
    }
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
  }
  return out;
}

export function literalTexts(component: string): string[] {
  const markup = stripExpressions(
    component
      .replace(/<script[\s\S]*?<\/script>/g, "")
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<!--[\s\S]*?-->/g, ""),
  );
  const found: string[] = [];
  const meaningful = (text: string) => {
    let rest = text.replace(ALLOWED_PUNCTUATION, "");
    for (const symbol of ALLOWED_SYMBOLS) rest = rest.split(symbol).join("");
    return rest.length > 0;
  };
  for (const match of markup.matchAll(/>([^<>]*)</g)) {
    if (meaningful(match[1])) found.push(match[1].trim());
  }
  for (const name of TEXT_ATTRIBUTES) {
    for (const match of markup.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))) {
      if (meaningful(match[1])) found.push(`${name}="${match[1]}"`);
    }
  }
  return found;
}

const components = import.meta.glob("../src/**/*.svelte", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("components", () => {
  it("the scanner finds literal text (self-test)", () => {
    expect(literalTexts('<p>Hallo {name}</p><button aria-label="Sluiten">{x}</button>')).toEqual([
      "Hallo",
      'aria-label="Sluiten"',
    ]);
    expect(literalTexts('<p>{$_("a")} · {b} – €</p><span>{"x > y"}</span>')).toEqual([]);
  });

  it("were all scanned", () => {
    expect(Object.keys(components).length).toBeGreaterThan(20);
  });

  it("contain no user-facing literal text", () => {
    const offenders = Object.entries(components).flatMap(([file, source]) =>
      literalTexts(source).map((text) => `${file}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("enum lists of the job screen", () => {
  it("cover exactly the back end's values, each translated", () => {
    expect([...CHECK_RESULTS]).toEqual(["ok", "repaired", "defect_fix_by", "out_of_use", "not_applicable"]);
    expect(SIGNAL_KINDS).toHaveLength(8);
    expect(COMPLAINT_PROCESSES).toHaveLength(8);
    expect(CATEGORIES).toHaveLength(20);
    const keys = [
      ...SIGNAL_KINDS.map((k) => `signal.kind.${k}`),
      ...COMPLAINT_PROCESSES.map((p) => `complaint.process.${p}`),
      ...NOT_HOME_REASONS.map((r) => `not_home.reason.${r}`),
      ...CATEGORIES.map((c) => `category.name.${c}`),
      ...SIGNER_ROLES.map((r) => `signer_role.${r}`),
    ];
    expect(keys.filter((k) => !hasMessage(k))).toEqual([]);
  });
});
