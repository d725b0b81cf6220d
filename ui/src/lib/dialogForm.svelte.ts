// The state every record dialog has: the error shown under the form, and whether a save is
// on its way (the Save button is disabled meanwhile, so a double tap sends once).
import * as backend from "./backend";
import type { AppError } from "./backend";
import { bothLanguages } from "./i18n";

export class DialogForm {
  error = $state<AppError | null>(null);
  saving = $state(false);

  /** Refuses before anything is sent, with a message key from the dictionaries. */
  refuse(key: string, values: Record<string, string> = {}): void {
    this.error = { code: "invalid_input", message: bothLanguages(key, values) };
  }

  /**
   * Sends `op`; its result goes to `done`. A failure (or an AppError `op` throws itself) is
   * shown, and the dialog stays open with everything typed.
   */
  async submit<T>(op: () => Promise<T>, done: (result: T) => void): Promise<void> {
    this.saving = true;
    this.error = null;
    try {
      done(await op());
    } catch (failure) {
      this.error = backend.toAppError(failure);
    } finally {
      this.saving = false;
    }
  }
}
