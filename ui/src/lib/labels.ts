// Small helpers that turn back-end values into display text.
import type { MessageFormatter } from "./types";

/** "portal" means history recorded by the office; other authors are technicians' names. */
export function authorName(author: string, t: MessageFormatter): string {
  return author === "portal" ? t("logbook.author_portal") : author;
}

