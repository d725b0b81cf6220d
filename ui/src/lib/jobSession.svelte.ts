// One open job: its view, and every change to it. Changes run one after another (a queue),
// so the view always reflects the last change and completing waits for the saves before it.
// `pending` counts what is not saved yet: queued or in flight (until the view it returned is
// applied), and "waiting": typed but not sent (a typing pause, a field not left yet). The
// job screen exposes it as data-pending. `errors` (by answer key) is the one record of what
// was refused or failed: an error goes only when that key saves, or its edit is undone.
import * as backend from "./backend";
import { dictionaries, fill } from "./i18n";
import { itemOf } from "./job";
import { notifyRecordsChanged } from "./status";
import type { AppError, UiJobEvent } from "./backend";
import type { Answer, Completed, JobView, Localized, SignOffInput } from "./bindings";

/**
 * What is typed (text, numbers, registration numbers, notes) is saved after this pause in
 * typing, and at once on blur or Enter: a crash a second after the last keystroke loses nothing.
 */
export const TEXT_AUTOSAVE_MS = 800;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
/**
 * Typed and not sent yet. `timer`: sent by itself after the typing pause. `reason`: it cannot
 * be an answer as it is (a defect without its date, a part row not added) until the
 * technician does something; that is the reason shown.
 */
type Waiting = { fire: () => void; timer?: ReturnType<typeof setTimeout>; reason?: AppError };
/** Where a refused action's message belongs: at the top, or beside the buttons that did it. */
export type ActionPlace = "top" | "buttons";
/** A part typed in the add row but not added yet: kept, but not an answer. */
export type PartRow = { number: string; description: string; quantity: string; isNew: boolean };

export class JobSession {
  readonly jobId: string;
  view = $state.raw<JobView | null>(null);
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  /** Refused or failed edits, by answer key. */
  errors = $state<Record<string, AppError>>({});
  /** A refused start, completion, state change or "all OK". */
  actionError = $state<AppError | null>(null);
  /** Where `actionError` is shown: beside the buttons that did it, or at the top. */
  actionAt = $state<ActionPlace>("top");
  /**
   * Completing (or "ready to sign") was refused because required items are missing. That is
   * guidance, not an error: the screen lists `view.missing` (live) beside the buttons.
   */
  incompleteRefused = $state(false);
  /** What completing returned (notices and logbook entries), shown once. */
  completed = $state.raw<Completed | null>(null);
  /** What was typed behind a key's last edit, until that key saves: shown again on return. */
  readonly drafts: Record<string, string> = {};
  /** Part rows typed but not added, by key. */
  readonly partRows: Record<string, PartRow> = {};

  private queued = $state(0);
  private waitingCount = $state(0);
  /** Waiting entries that will be sent by themselves, and the reasons of those that need an action. */
  private typingCount = $state(0);
  private heldReasons = $state.raw<Record<string, AppError>>({});
  /** The answer each key gets once its queued changes are through (null: cleared). */
  private intents = $state.raw<Record<string, Answer | null>>({});
  /** The last answer sent per key; kept when it failed (the back end may hold it after all). */
  private sent: Record<string, { answer: Answer | null; seq: number }> = {};
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = new Map<string, Waiting>();

  constructor(jobId: string) {
    this.jobId = jobId;
  }

  /** Not saved yet: queued, in flight, or typed and waiting to be sent. */
  get pending(): number {
    return this.queued + this.waitingCount;
  }

  /** A change is queued or on its way to the back end (what "saving" means on screen). */
  get saving(): boolean {
    return this.queued > 0;
  }

  /** Something typed waits for the pause in typing, then saves by itself. */
  get typing(): boolean {
    return this.typingCount > 0;
  }

  /**
   * Shown but not an answer yet, by key, with the reason (a defect without its date, a part
   * row not added): not saved until the technician acts.
   */
  get held(): Record<string, AppError> {
    return this.heldReasons;
  }

  /** `apply` runs before the change stops counting as pending. */
  private enqueue<T>(op: () => Promise<T>, apply: (o: Outcome<T>) => void): Promise<Outcome<T>> {
    this.queued += 1;
    const run = async (): Promise<Outcome<T>> => {
      let outcome: Outcome<T>;
      try {
        outcome = { ok: true, value: await op() };
      } catch (failure) {
        outcome = { ok: false, error: backend.toAppError(failure) };
      }
      try {
        apply(outcome);
      } finally {
        this.queued -= 1;
      }
      return outcome;
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

  /** The answer a key will have once the queue is through: build the next change on this. */
  intended(key: string): Answer | undefined {
    return key in this.intents ? (this.intents[key] ?? undefined) : this.view?.answers[key];
  }

  /** The answer last sent for a key (or the saved one): what a typed value is compared with. */
  lastSent(key: string): Answer | undefined {
    const sent = this.sent[key];
    return sent ? (sent.answer ?? undefined) : this.view?.answers[key];
  }

  /** A change of this key was sent and is not confirmed stored yet (in flight, or failed). */
  unconfirmed(key: string): boolean {
    return key in this.sent;
  }

  /** Saves (`answer`) or clears (null) a key's answer; false when refused (kept in `errors`). */
  private async change(key: string, answer: Answer | null, typed?: string): Promise<boolean> {
    this.cancelWaiting(key);
    const seq = ++this.seq;
    this.sent[key] = { answer, seq };
    this.intents = { ...this.intents, [key]: answer };
    if (typed !== undefined) this.drafts[key] = typed;
    const op =
      answer === null
        ? () => backend.clearAnswer(this.jobId, key)
        : () => backend.saveAnswer(this.jobId, key, answer);
    const outcome = await this.enqueue(op, (result) => {
      const latest = this.sent[key]?.seq === seq;
      if (latest) {
        const { [key]: _done, ...rest } = this.intents;
        this.intents = rest;
      }
      if (!result.ok) {
        this.errors[key] = result.error;
        return;
      }
      this.view = result.value;
      if (latest) {
        delete this.sent[key];
        delete this.drafts[key];
        delete this.errors[key];
      }
    });
    return outcome.ok;
  }

  /** Saves an answer now. `typed`: the text behind it, kept until it is saved. */
  save(key: string, answer: Answer, typed?: string): Promise<boolean> {
    return this.change(key, answer, typed);
  }

  clear(key: string): Promise<boolean> {
    return this.change(key, null);
  }

  /** Shows an error the UI found itself (e.g. not a number), keeping what was typed. */
  refuse(key: string, error: AppError, typed: string): void {
    this.errors[key] = error;
    this.drafts[key] = typed;
  }

  /** Drops an item's error and typed text (its edit was undone). */
  forget(key: string): void {
    delete this.errors[key];
    delete this.drafts[key];
  }

  /** A field holds typed text not sent yet (counted as pending); `flush` sends it by `fire`. */
  hold(key: string, fire: () => void): void {
    this.setWaiting(key, { fire });
  }

  /**
   * The field shows something that is not an answer yet (a defect without its date, a part
   * row not added): it counts as not saved, and when it is flushed (completing, closing) it
   * becomes this error at its item.
   */
  holdIncomplete(key: string, error: AppError, typed: string): void {
    this.setWaiting(key, { fire: () => this.refuse(key, error, typed), reason: error });
  }

  /**
   * Typed, not sent yet: `fire` sends it after the pause in typing (a newer call for the same
   * key starts the pause again), or at once when flushed (blur, Enter, leaving, closing).
   */
  holdTyped(key: string, fire: () => void, ms = TEXT_AUTOSAVE_MS): void {
    const waiting: Waiting = { fire };
    waiting.timer = setTimeout(() => {
      if (this.waiting.get(key) !== waiting) return;
      this.cancelWaiting(key);
      fire();
    }, ms);
    this.setWaiting(key, waiting);
  }

  /** The field's text is sent, refused or back to what is saved: no longer waiting. */
  release(key: string): void {
    this.cancelWaiting(key);
  }

  /** Saves after a pause in typing; a newer call for the same key replaces the older one. */
  saveLater(key: string, answer: Answer | null, typed: string, ms = TEXT_AUTOSAVE_MS): void {
    this.holdTyped(key, () => void this.change(key, answer, typed), ms);
  }

  /** Sends whatever waits (for one key, or all) at once. */
  flush(key?: string): void {
    const keys = key === undefined ? [...this.waiting.keys()] : [key];
    for (const k of keys) {
      const waiting = this.waiting.get(k);
      if (!waiting) continue;
      this.cancelWaiting(k);
      waiting.fire();
    }
  }

  /** Drops a change waiting to be sent (the text is back to what is saved). */
  cancel(key: string): void {
    this.cancelWaiting(key);
  }

  /** Sends whatever waits and resolves once every queued change is through. */
  async settle(): Promise<void> {
    this.flush();
    let last: Promise<unknown>;
    do {
      last = this.queue;
      await last;
    } while (last !== this.queue);
  }

  private setWaiting(key: string, waiting: Waiting): void {
    clearTimeout(this.waiting.get(key)?.timer);
    this.waiting.set(key, waiting);
    this.countWaiting();
  }

  private cancelWaiting(key: string): void {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(key);
    this.countWaiting();
  }

  private countWaiting(): void {
    const entries = [...this.waiting];
    this.waitingCount = entries.length;
    // waiting to be sent (after the pause, or when left): everything but what needs an action
    this.typingCount = entries.filter(([, w]) => !w.reason).length;
    this.heldReasons = Object.fromEntries(
      entries.flatMap(([key, w]) => (w.reason ? [[key, w.reason] as const] : [])),
    );
  }

  /** Keys whose last edit is not stored (refused, failed, or not sent), in the form's order. */
  unsaved(): string[] {
    const order = this.view?.applicable ?? [];
    const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
    const keys = new Set([...Object.keys(this.errors), ...this.waiting.keys()]);
    return [...keys].sort((a, b) => rank(a) - rank(b));
  }

  private unsavedError(keys: string[], closing = false): AppError {
    const label = itemLabel(this.view, keys[0]);
    const message = (lang: "nl" | "en") => {
      const text = dictionaries[lang].jobscreen;
      const values = { label: label?.[lang] ?? keys[0], more: String(keys.length - 1) };
      if (closing) return fill(keys.length === 1 ? text.close_unsaved_one : text.close_unsaved_many, values);
      return fill(keys.length === 1 ? text.unsaved_one : text.unsaved_many, values);
    };
    return { code: "unsaved_answers", message: { nl: message("nl"), en: message("en") } };
  }

  /**
   * Before an action that closes the job (not home): sends what waits, then the error that
   * names what is still not stored, or null when everything is. `closing` words it for
   * closing the window.
   */
  async settleBeforeClosing(closing = false): Promise<AppError | null> {
    await this.settle();
    const unsaved = this.unsaved();
    return unsaved.length === 0 ? null : this.unsavedError(unsaved, closing);
  }

  /**
   * Closing the window: sends what waits; true when everything is stored. Otherwise the
   * screen says what is not (the window stays open once; see lib/windowClose.ts).
   */
  async settleForClose(): Promise<boolean> {
    const unsaved = await this.settleBeforeClosing(true);
    if (unsaved) {
      this.actionError = unsaved;
      this.actionAt = "top";
    }
    return unsaved === null;
  }

  async allOk(stepId: string, instance: string | null): Promise<boolean> {
    const outcome = await this.enqueue(
      () => backend.allOk(this.jobId, stepId, instance),
      (result) => {
        if (result.ok) this.view = result.value;
        this.actionError = result.ok ? null : result.error;
        this.actionAt = "top";
      },
    );
    return outcome.ok;
  }

  /**
   * A button's action; its error is shown beside the buttons. `finishing` (completing, ready
   * to sign): refused while any answer is not stored (checked in turn, after the saves), and
   * a refusal for missing items becomes guidance (`incompleteRefused`) when the view lists them.
   */
  private async action(op: () => Promise<JobView>, finishing = false): Promise<boolean> {
    this.flush();
    this.actionError = null;
    this.actionAt = "buttons";
    const guarded = async () => {
      const unsaved = finishing ? this.unsaved() : [];
      if (unsaved.length > 0) throw this.unsavedError(unsaved);
      return op();
    };
    const outcome = await this.enqueue(guarded, (result) => {
      if (result.ok) {
        this.view = result.value;
        this.incompleteRefused = false;
      } else if (finishing && result.error.code === "job_incomplete" && (this.view?.missing.length ?? 0) > 0) {
        this.incompleteRefused = true;
      } else {
        this.actionError = result.error;
      }
    });
    return outcome.ok;
  }

  start(): Promise<boolean> {
    return this.action(() => backend.startJob(this.jobId));
  }

  event(event: UiJobEvent): Promise<boolean> {
    return this.action(() => backend.jobEvent(this.jobId, event), event === "mark_ready_to_sign");
  }

  complete(): Promise<boolean> {
    return this.action(async () => {
      const done = await backend.completeJob(this.jobId);
      this.completed = done;
      notifyRecordsChanged();
      return done.job;
    }, true);
  }

  /** The job read again, after the saves in flight (a photo changes what is missing). */
  async refresh(): Promise<void> {
    await this.enqueue(
      () => backend.openJob(this.jobId),
      (result) => {
        if (result.ok) this.view = result.value;
      },
    );
  }

  /** A sign-off drawn or refused: stored by the back end, then the item's answer names it. */
  async signOff(input: SignOffInput): Promise<AppError | null> {
    this.flush(input.key);
    let error: AppError | null = null;
    await this.enqueue(
      () => backend.signOff(this.jobId, input),
      (result) => {
        if (result.ok) this.view = result.value;
        else error = result.error;
      },
    );
    return error;
  }

  /** A delivery with both signatures: the agreement is made and the device handed over. */
  completeDelivery(): Promise<boolean> {
    return this.action(async () => {
      const done = await backend.completeDelivery(this.jobId);
      this.completed = done;
      notifyRecordsChanged();
      return done.job;
    }, true);
  }

  /** Leaving the screen: whatever waits is sent now. */
  dispose(): void {
    this.flush();
  }
}

function itemLabel(view: JobView | null, key: string): Localized | null {
  return view ? (itemOf(view, key)?.label ?? null) : null;
}
