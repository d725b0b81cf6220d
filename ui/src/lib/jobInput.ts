// What every input component of the guided job receives.
import type { Answer, Item, JobView } from "./bindings";
import type { JobSession } from "./jobSession.svelte";

export type InputProps = {
  /** "step.item" or "step[<sling id>].item". */
  answerKey: string;
  item: Item;
  answer: Answer | undefined;
  session: JobSession;
  view: JobView;
  /** The id of the item's label, for aria-labelledby. */
  labelId: string;
};

/** Quick choices for a date field, in days after the job day. */
export const QUICK_DAYS: readonly { days: number; key: string }[] = [
  { days: 0, key: "today" },
  { days: 1, key: "tomorrow" },
  { days: 7, key: "week" },
  { days: 14, key: "two_weeks" },
  { days: 21, key: "three_weeks" },
];

/** The quick days that fall within an item's bounds (at most four, from the job day on). */
export function quickDays(minDays: number | null | undefined, maxDays: number | null | undefined) {
  const low = minDays ?? Number.NEGATIVE_INFINITY;
  const high = maxDays ?? 14;
  return QUICK_DAYS.filter((q) => q.days >= low && q.days <= high).slice(-4);
}
