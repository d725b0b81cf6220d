/** svelte-i18n's `$_`, as passed into plain helper functions. */
export type MessageFormatter = (
  id: string,
  options?: { values?: Record<string, string | number | boolean | Date | null | undefined> },
) => string;
