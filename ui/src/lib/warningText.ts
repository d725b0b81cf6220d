// A passport warning in words (the passport and the resident's page say the same).
import type { PassportWarning } from "./bindings";
import type { Locale } from "./i18n";
import { formatDate, formatNumber } from "./format";

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

export function warningText(warning: PassportWarning, t: Translate, locale: Locale): string {
  switch (warning.kind) {
    case "out_of_use":
      return t("warning.out_of_use");
    case "maintenance_overdue":
      return t("warning.maintenance_overdue", { values: { due: formatDate(warning.due, locale) } });
    case "inspection_overdue":
      return t("warning.inspection_overdue", { values: { due: formatDate(warning.due, locale) } });
    case "sling_withdrawn":
      return t("warning.sling_withdrawn", { values: { number: warning.sling_number } });
    case "battery_below_reconditioned_minimum":
      return t("warning.battery_below_reconditioned_minimum", {
        values: { pct: formatNumber(warning.capacity_pct, locale) },
      });
    case "replacement_due":
      return t("warning.replacement_due", { values: { repairs: warning.repairs, year: warning.year } });
  }
}
