// The ONLY module that calls the generated `commands`. Every failure leaves here as an
// `AppError` ({code, message: {nl, en}}), so the UI deals with one error shape only.
import {
  commands,
  type Answer,
  type AppError,
  type AppStatus,
  type Complaint,
  type ComplaintProcess,
  type Completed,
  type DeviceSummary,
  type JobView,
  type Localized,
  type LogbookEntry,
  type NotHomeReason,
  type PassportView,
  type ResidentView,
  type ResponseClass,
  type SearchResults,
  type Signal,
  type SignalKind,
  type Technician,
  type TimeWindow,
  type TodayView,
} from "./bindings";
import { dictionaries, fill } from "./i18n";

export type { AppError };

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: unknown };

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  if (typeof candidate.code !== "string") return false;
  const message = candidate.message as { nl?: unknown; en?: unknown } | null;
  return (
    typeof message === "object" &&
    message !== null &&
    typeof message.nl === "string" &&
    typeof message.en === "string"
  );
}

function localized(key: "invalid_input" | "ipc_failed", detail: string): Localized {
  return {
    nl: fill(dictionaries.nl.errors[key], { detail }),
    en: fill(dictionaries.en.errors[key], { detail }),
  };
}

/**
 * Normalises anything a command can fail with: the back end's AppError passes through; Tauri
 * rejects with a plain string when it cannot even call the command (e.g. an argument of the
 * wrong type) -> "invalid_input"; an Error (IPC unavailable, serialisation) -> "ipc_failed".
 */
export function toAppError(failure: unknown): AppError {
  if (isAppError(failure)) return { code: failure.code, message: failure.message };
  if (typeof failure === "string") {
    return { code: "invalid_input", message: localized("invalid_input", failure) };
  }
  const detail =
    failure instanceof Error ? failure.message || failure.name : safeString(failure);
  return { code: "ipc_failed", message: localized("ipc_failed", detail) };
}

function safeString(value: unknown): string {
  try {
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}

/** Unwraps a command result: the data, or a thrown AppError. */
export async function unwrap<T>(call: () => Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await call();
  } catch (failure) {
    throw toAppError(failure);
  }
  if (result.status === "ok") return result.data;
  throw toAppError(result.error);
}

export const appStatus = (): Promise<AppStatus> => unwrap(() => commands.appStatus());
/** After a failed start: opens the replica again (true when a new attempt started). */
export const retryStartup = (): Promise<boolean> => unwrap(() => commands.retryStartup());

export const listTechnicians = (): Promise<Technician[]> =>
  unwrap(() => commands.listTechnicians());

export const chooseTechnician = (technicianId: string): Promise<Technician> =>
  unwrap(() => commands.chooseTechnician(technicianId));

export const reportDrawn = (screen: string): Promise<null> =>
  unwrap(() => commands.reportDrawn(screen));

/** `date` is yyyy-mm-dd, or null for today in Amsterdam. */
export const today = (date: string | null): Promise<TodayView> =>
  unwrap(() => commands.today(date));

export const resident = (residentId: string): Promise<ResidentView> =>
  unwrap(() => commands.resident(residentId));

export const devicePassport = (deviceId: string): Promise<PassportView> =>
  unwrap(() => commands.devicePassport(deviceId));

export const search = (query: string): Promise<SearchResults> =>
  unwrap(() => commands.search(query));

// Guided jobs -----------------------------------------------------------------------------

export const openJob = (jobId: string): Promise<JobView> => unwrap(() => commands.openJob(jobId));

export const startJob = (jobId: string): Promise<JobView> =>
  unwrap(() => commands.startJob(jobId));

export const saveAnswer = (jobId: string, key: string, answer: Answer): Promise<JobView> =>
  unwrap(() => commands.saveAnswer(jobId, key, answer));

export const clearAnswer = (jobId: string, key: string): Promise<JobView> =>
  unwrap(() => commands.clearAnswer(jobId, key));

/** Answers the unanswered checks of a step (one sling instance of a repeated step) with "ok". */
export const allOk = (jobId: string, stepId: string, instance: string | null): Promise<JobView> =>
  unwrap(() => commands.allOk(jobId, stepId, instance));

/** The UI may only send these two; start, complete and not-home have their own commands. */
export type UiJobEvent = "mark_ready_to_sign" | "reopen";

export const jobEvent = (jobId: string, event: UiJobEvent): Promise<JobView> =>
  unwrap(() => commands.jobEvent(jobId, event));

export const completeJob = (jobId: string): Promise<Completed> =>
  unwrap(() => commands.completeJob(jobId));

/** `reportId`, like the ids of signals, complaints and faults, is made by the client (uuidv7)
 * once per dialog: a retry sends the same id and gets what was stored, never a second record. */
export const reportNotHome = (
  reportId: string,
  appointmentId: string,
  jobIds: string[],
  reason: NotHomeReason,
  note: string,
  proposal: TimeWindow | null,
): Promise<null> =>
  unwrap(() => commands.reportNotHome(reportId, appointmentId, jobIds, reason, note, proposal));

export const recordSignal = (
  signalId: string,
  residentId: string,
  jobId: string | null,
  deviceId: string | null,
  kind: SignalKind,
  urgent: boolean,
  description: string,
): Promise<Signal> =>
  unwrap(() =>
    commands.recordSignal(signalId, residentId, jobId, deviceId, kind, urgent, description),
  );

export const recordComplaint = (
  complaintId: string,
  residentId: string,
  jobId: string | null,
  process: ComplaintProcess,
  description: string,
): Promise<Complaint> =>
  unwrap(() => commands.recordComplaint(complaintId, residentId, jobId, process, description));

export const loanCandidates = (jobId: string): Promise<DeviceSummary[]> =>
  unwrap(() => commands.loanCandidates(jobId));

export const correctLogbookEntry = (
  correctionId: string,
  entryId: string,
  correction: string,
): Promise<LogbookEntry> => unwrap(() => commands.correctLogbookEntry(correctionId, entryId, correction));

/** A fault the resident reports during the visit: a new malfunction and repair job (both ids
 * made by the client). */
export const reportMalfunction = (
  malfunctionId: string,
  repairJobId: string,
  jobId: string,
  deviceId: string,
  responseClass: ResponseClass,
  description: string,
  driveRelated: boolean,
): Promise<JobView> =>
  unwrap(() =>
    commands.reportMalfunction(
      malfunctionId,
      repairJobId,
      jobId,
      deviceId,
      responseClass,
      description,
      driveRelated,
    ),
  );
