// An answer as read-only text (a completed job, a delivery waiting for signatures).
import type { Answer, Item } from "./bindings";
import type { Locale } from "./i18n";
import type { MessageFormatter } from "./types";
import { formatDate, formatDateTime } from "./format";
import { formatDecimal } from "./job";

function optionLabel(item: Item, id: string, locale: Locale): string {
  const input = item.input;
  if (input.type !== "choice" && input.type !== "multi_choice") return id;
  return input.options.find((o) => o.id === id)?.label[locale] ?? id;
}

export function answerText(answer: Answer, item: Item, t: MessageFormatter, locale: Locale): string {
  switch (answer.type) {
    case "check": {
      const result = t(`check.result.${answer.result}`);
      const main = answer.fix_by
        ? t("check.fix_by_text", { values: { result, date: formatDate(answer.fix_by, locale) } })
        : result;
      return answer.note
        ? t("check.answer_with_note", { values: { result: main, note: answer.note } })
        : main;
    }
    case "yes_no":
      return t(answer.value ? "common.yes" : "common.no");
    case "choice":
      return optionLabel(item, answer.value, locale);
    case "multi_choice":
      return answer.values.map((v) => optionLabel(item, v, locale)).join(", ");
    case "measurement": {
      if (answer.value === null) return t("item.unanswered");
      const unit = item.input.type === "measurement" ? t(`unit.${item.input.unit}`) : "";
      return t("item.value_unit", { values: { value: formatDecimal(answer.value, locale), unit } });
    }
    case "text":
    case "registration":
      return answer.value;
    case "date":
      return formatDate(answer.value, locale);
    case "moment":
      return formatDateTime(answer.value, locale);
    case "parts":
      // An empty list is an answer too: "no parts replaced".
      if (answer.parts.length === 0) return t("parts.none");
      return answer.parts
        .map((p) => {
          const line = t("parts.line", {
            values: { quantity: String(p.quantity), description: p.description },
          });
          const extra = [p.number, t(p.new ? "parts.new" : "parts.reused")].filter(Boolean);
          return `${line} (${extra.join(", ")})`;
        })
        .join("; ");
    case "sign_off":
      return t("signoff.signed", {
        values: { name: answer.name, role: t(`signer_role.${answer.role}`) },
      });
    case "category":
      return t("item.category_option", {
        values: { code: answer.value, name: t(`category.name.${answer.value}`) },
      });
  }
}
