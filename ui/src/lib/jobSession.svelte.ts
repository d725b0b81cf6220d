// One open job: its view, and every change to it. Changes run one after another (a queue),
// so the view always reflects the last change and completing waits for the saves before it.
// `pending` counts what is not saved yet (queued, in flight, or waiting for the typing
// pause); the job screen exposes it as data-pending.
import * as backend from "./backend";
import { notifyRecordsChanged } from "./status";
import type { AppError, UiJobEvent } from "./backend";
import type { Answer, Completed, JobView } from "./bindings";

/** Free text is saved after this pause in typing (and on blur). */
export const TEXT_AUTOSAVE_MS = 800;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

export class JobSession {
  readonly jobId: string;
  view = $state.raw<JobView | null>(null);
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  /** Saves and actions not finished yet (queued, in flight, or waiting for a typing pause). */
  pending = $state(0);
  /** Refused or failed answers, by answer key. */
  errors = $state<Record<string, AppError>>({});
  /** The last failed save (cleared by the next successful one). */
  saveError = $state<AppError | null>(null);
  /** A refused start, completion or state change. */
  actionError = $state<AppError | null>(null);
  /** What completing returned (notices and logbook entries), shown once. */
  completed = $state.raw<Completed | null>(null);
  /** What was typed for an answer that was refused: shown again when the item is reopened. */
  readonly drafts: Record<string, string> = {};

  private queue: Promise<unknown> = Promise.resolve();
  private timers = new Map<string, { timer: ReturnType<typeof setTimeout>; fire: () => void }>();

  constructor(jobId: string) {
    this.jobId = jobId;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<Outcome<T>> {
    this.pending += 1;
    const run = async (): Promise<Outcome<T>> => {
      try {
        return { ok: true, value: await op() };
      } catch (failure) {
        return { ok: false, error: backend.toAppError(failure) };
      } finally {
        this.pending -= 1;
      }
    };
    const next = this.queue.then(run);
    this.queue = next;
    return next;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.loadError = null;
    try {
      this.view = await backend.openJob(this.jobId);
    } catch (failure) {
      this.loadError = backend.toAppError(failure);
    } finally {
      this.loading = false;
    }
  }

  /** Applies a change to an answer; false when refused (the error is kept under `key`). */
  private async change(key: string, op: () => Promise<JobView>, typed?: string): Promise<boolean> {
    const outcome = await this.enqueue(op);
    if (outcome.ok) {
      this.view = outcome.value;
      delete this.errors[key];
      delete this.drafts[key];
      this.saveError = null;
      return true;
    }
    this.errors[key] = outcome.error;
    if (typed !== undefined) this.drafts[key] = typed;
    this.saveError = outcome.error;
    return false;
  }

  /** Saves an answer now. `typed`: the text behind it, kept if the answer is refused. */
  save(key: string, answer: Answer, typed?: string): Promise<boolean> {
    this.cancelTimer(key);
    return this.change(key, () => backend.saveAnswer(this.jobId, key, answer), typed);
  }

  clear(key: string): Promise<boolean> {
    this.cancelTimer(key);
    return this.change(key, () => backend.clearAnswer(this.jobId, key));
  }

  /** Shows an error the UI found itself (e.g. not a number), keeping what was typed. */
  refuse(key: string, error: AppError, typed: string): void {
    this.errors[key] = error;
    this.drafts[key] = typed;
  }

  /** Drops an item's error and typed text (the field was emptied). */
  forget(key: string): void {
    delete this.errors[key];
    delete this.drafts[key];
  }

  /** Saves after a pause in typing; a newer call for the same key replaces the older one. */
  saveLater(key: string, answer: Answer | null, typed: string, ms = TEXT_AUTOSAVE_MS): void {
    this.cancelTimer(key);
    this.pending += 1;
    const fire = () => {
      this.timers.delete(key);
      this.pending -= 1;
      if (answer === null) void this.clear(key);
      else void this.save(key, answer, typed);
    };
    this.timers.set(key, { timer: setTimeout(fire, ms), fire });
  }

  /** Saves a waiting (debounced) change at once. */
  flush(key?: string): void {
    const keys = key === undefined ? [...this.timers.keys()] : [key];
    for (const k of keys) {
      const waiting = this.timers.get(k);
      if (waiting) {
        clearTimeout(waiting.timer);
        waiting.fire();
      }
    }
  }

  /** Drops a change waiting for a typing pause (the text is back to what is saved). */
  cancel(key: string): void {
    this.cancelTimer(key);
  }

  private cancelTimer(key: string): boolean {
    const waiting = this.timers.get(key);
    if (!waiting) return false;
    clearTimeout(waiting.timer);
    this.timers.delete(key);
    this.pending -= 1;
    return true;
  }

  async allOk(stepId: string, instance: string | null): Promise<boolean> {
    const outcome = await this.enqueue(() => backend.allOk(this.jobId, stepId, instance));
    if (outcome.ok) {
      this.view = outcome.value;
      this.saveError = null;
      return true;
    }
    this.saveError = outcome.error;
    return false;
  }

  private async action(op: () => Promise<JobView>): Promise<boolean> {
    this.flush();
    this.actionError = null;
    const outcome = await this.enqueue(op);
    if (outcome.ok) {
      this.view = outcome.value;
      return true;
    }
    this.actionError = outcome.error;
    return false;
  }

  start(): Promise<boolean> {
    return this.action(() => backend.startJob(this.jobId));
  }

  event(event: UiJobEvent): Promise<boolean> {
    return this.action(() => backend.jobEvent(this.jobId, event));
  }

  complete(): Promise<boolean> {
    return this.action(async () => {
      const done = await backend.completeJob(this.jobId);
      this.completed = done;
      notifyRecordsChanged();
      return done.job;
    });
  }

  /** Leaving the screen: whatever waits for a typing pause is saved now. */
  dispose(): void {
    this.flush();
  }
}
