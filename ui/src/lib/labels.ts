// Small helpers that turn back-end values into display text.
import type { MessageFormatter } from "./types";

/** "portal" means history recorded by the office; other authors are technicians' names. */
export function authorName(author: string, t: MessageFormatter): string {
  return author === "portal" ? t("logbook.author_portal") : author;
}

/** "Jan van der Berg": first name, surname prefix and surname. */
export function residentName(r: { first_name: string; name_prefix: string | null; surname: string }): string {
  return [r.first_name, r.name_prefix, r.surname].filter((part) => part && part.trim()).join(" ");
}
