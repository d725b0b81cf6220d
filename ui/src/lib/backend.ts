// The one way to the back end. `Backend` is every call the UI makes; the app uses
// `tauriBackend` (the ONLY caller of the generated `commands`), tests install their own with
// `useBackend`. Every failure leaves an implementation as an `AppError` ({code, message:
// {nl, en}}), so the UI deals with one error shape only. The named functions below delegate to
// the current implementation, so components import them and never know which one runs.
import {
  commands,
  ERROR_CODES,
  type AgreementPreview,
  type AgreementSigners,
  type Answer,
  type AppError,
  type ComplaintChannel,
  type DocumentRecord,
  type MessageRecord,
  type PlanUpdate,
  type PlanUpdateKind,
  type PlanView,
  type WorkPlan,
  type ExportedDocument,
  type SignatureInput,
  type SignOffInput,
  type PhotoUpload,
  type PhotoView,
  type SignedBy,
  type AppStatus,
  type Complaint,
  type ComplaintProcess,
  type Completed,
  type DeviceSummary,
  type ErrorCode,
  type JobView,
  type Localized,
  type LogbookEntry,
  type NotHomeReason,
  type PassportView,
  type ResidentView,
  type ResponseClass,
  type SearchResults,
  type Signal,
  type SyncStatus,
  type JobSyncState,
  type SignalKind,
  type Technician,
  type TimeWindow,
  type TodayView,
} from "./bindings";
import { dictionaries, fill } from "./i18n";

export type { AppError };

/** The UI may only send these two; start, complete and not-home have their own commands. */
export type UiJobEvent = "mark_ready_to_sign" | "reopen";

/** Every call the UI makes. Each rejects with an `AppError` only. */
export interface Backend {
  appStatus(): Promise<AppStatus>;
  /** After a failed start: opens the replica again (true when a new attempt started). */
  retryStartup(): Promise<boolean>;
  listTechnicians(): Promise<Technician[]>;
  chooseTechnician(technicianId: string): Promise<Technician>;
  reportDrawn(screen: string): Promise<null>;
  /** `date` is yyyy-mm-dd, or null for today in Amsterdam. */
  today(date: string | null): Promise<TodayView>;
  resident(residentId: string): Promise<ResidentView>;
  devicePassport(deviceId: string): Promise<PassportView>;
  search(query: string): Promise<SearchResults>;
  openJob(jobId: string): Promise<JobView>;
  startJob(jobId: string): Promise<JobView>;
  saveAnswer(jobId: string, key: string, answer: Answer): Promise<JobView>;
  clearAnswer(jobId: string, key: string): Promise<JobView>;
  /** Answers the unanswered checks of a step (one sling instance of a repeated step) with "ok". */
  allOk(jobId: string, stepId: string, instance: string | null): Promise<JobView>;
  jobEvent(jobId: string, event: UiJobEvent): Promise<JobView>;
  completeJob(jobId: string): Promise<Completed>;
  /** The user agreement of a delivery that is ready to sign, as the signer reads it. */
  agreementPreview(
    jobId: string,
    lang: "nl" | "en",
    representative: string | null,
  ): Promise<AgreementPreview>;
  agreementSigners(jobId: string): Promise<AgreementSigners>;
  recordSignature(jobId: string, signature: SignatureInput): Promise<SignedBy>;
  /** Renders and stores the signed agreement, then completes the delivery. */
  completeDelivery(jobId: string): Promise<Completed>;
  /** A maintenance or repair sign-off: a drawn paraaf (stored first) or a refusal. */
  signOff(jobId: string, signOff: SignOffInput): Promise<JobView>;
  deviceDocuments(deviceId: string): Promise<DocumentRecord[]>;
  /** One photo for a job, through the photo pipeline; hostile input is refused with why. */
  addPhoto(jobId: string, photo: PhotoUpload): Promise<PhotoView>;
  jobPhotos(jobId: string): Promise<PhotoView[]>;
  /** Tells the resident and the municipality that the repair deadline will be missed. */
  informMissedDeadline(
    jobId: string,
    messageIds: [string, string],
    newDate: string,
    reason: string,
  ): Promise<MessageRecord[]>;
  jobMessages(jobId: string): Promise<MessageRecord[]>;
  residentPlans(residentId: string): Promise<PlanView[]>;
  recordWorkPlan(
    planId: string,
    residentId: string,
    orderId: string | null,
    specification: string,
    timeline: string,
    evaluateOn: string,
  ): Promise<WorkPlan>;
  recordPlanUpdate(
    updateId: string,
    planId: string,
    residentId: string,
    kind: PlanUpdateKind,
    text: string,
  ): Promise<PlanUpdate>;
  /** Tells the resident the appointment cannot be kept as planned, with a new time. */
  informAppointmentMoved(
    appointmentId: string,
    messageId: string,
    proposed: TimeWindow,
    reason: string,
  ): Promise<MessageRecord>;
  /** A photo of a device from its passport, outside any job. */
  addDevicePhoto(deviceId: string, photo: PhotoUpload): Promise<PhotoView>;
  /** A photo's image (at most 2048 px) as a data URL, to mark it. */
  photoImage(photoId: string): Promise<string>;
  devicePhotos(deviceId: string): Promise<PhotoView[]>;
  /** Writes the document's PDF to the export folder; answers where. */
  exportDocument(documentId: string): Promise<ExportedDocument>;
  /**
   * `reportId`, like the ids of signals, complaints and faults, is made by the client (uuidv7)
   * once per dialog: a retry sends the same id and gets what was stored, never a second
   * record. Which jobs the report closes is decided by the back end (`JobView.not_home_closes`).
   */
  reportNotHome(
    reportId: string,
    jobId: string,
    reason: NotHomeReason,
    note: string,
    proposal: TimeWindow | null,
  ): Promise<null>;
  recordSignal(
    signalId: string,
    residentId: string,
    jobId: string | null,
    deviceId: string | null,
    kind: SignalKind,
    urgent: boolean,
    description: string,
  ): Promise<Signal>;
  recordComplaint(
    complaintId: string,
    residentId: string,
    jobId: string | null,
    process: ComplaintProcess,
    description: string,
    receivedAs: ComplaintChannel,
    receivedOn: string | null,
  ): Promise<Complaint>;
  loanCandidates(jobId: string): Promise<DeviceSummary[]>;
  correctLogbookEntry(correctionId: string, entryId: string, correction: string): Promise<LogbookEntry>;
  /** A fault the resident reports during the visit: a new malfunction and repair job (both ids
   * made by the client). */
  reportMalfunction(
    malfunctionId: string,
    repairJobId: string,
    jobId: string,
    deviceId: string,
    responseClass: ResponseClass,
    description: string,
    driveRelated: boolean,
  ): Promise<JobView>;
  // The portal
  /** Records and blobs waiting, progress, the last sync and errors, the items not sent. */
  syncStatus(): Promise<SyncStatus>;
  /** Starts a sync now (the button, the end of the shift, the network back); returns at once. */
  syncNow(): Promise<SyncStatus>;
  /** Logs in at a portal (https, or http on this computer); the technician is who logs in. */
  portalLogin(url: string, name: string, password: string): Promise<SyncStatus>;
  /** Logs out; nothing on this computer is removed. */
  portalLogout(): Promise<SyncStatus>;
  /** What a sync changed under an open job, and its records the portal refused. */
  jobSyncState(jobId: string): Promise<JobSyncState>;
}

// Errors ------------------------------------------------------------------------------------

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: unknown };

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** One of the generated error codes (a code this build does not know is not one). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && KNOWN_CODES.has(value);
}

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  if (!isErrorCode(candidate.code)) return false;
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
 * wrong type) -> "invalid_input"; an Error (IPC unavailable, serialisation), or an error with a
 * code this build does not know -> "ipc_failed" (with what arrived as the detail).
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

// The app's implementation: the generated commands over Tauri's IPC ------------------------

export const tauriBackend: Backend = {
  appStatus: () => unwrap(() => commands.appStatus()),
  retryStartup: () => unwrap(() => commands.retryStartup()),
  listTechnicians: () => unwrap(() => commands.listTechnicians()),
  chooseTechnician: (technicianId) => unwrap(() => commands.chooseTechnician(technicianId)),
  reportDrawn: (screen) => unwrap(() => commands.reportDrawn(screen)),
  today: (date) => unwrap(() => commands.today(date)),
  resident: (residentId) => unwrap(() => commands.resident(residentId)),
  devicePassport: (deviceId) => unwrap(() => commands.devicePassport(deviceId)),
  search: (query) => unwrap(() => commands.search(query)),
  openJob: (jobId) => unwrap(() => commands.openJob(jobId)),
  startJob: (jobId) => unwrap(() => commands.startJob(jobId)),
  saveAnswer: (jobId, key, answer) => unwrap(() => commands.saveAnswer(jobId, key, answer)),
  clearAnswer: (jobId, key) => unwrap(() => commands.clearAnswer(jobId, key)),
  allOk: (jobId, stepId, instance) => unwrap(() => commands.allOk(jobId, stepId, instance)),
  jobEvent: (jobId, event) => unwrap(() => commands.jobEvent(jobId, event)),
  completeJob: (jobId) => unwrap(() => commands.completeJob(jobId)),
  agreementPreview: (jobId, lang, representative) =>
    unwrap(() => commands.agreementPreview(jobId, lang, representative)),
  agreementSigners: (jobId) => unwrap(() => commands.agreementSigners(jobId)),
  recordSignature: (jobId, signature) => unwrap(() => commands.recordSignature(jobId, signature)),
  completeDelivery: (jobId) => unwrap(() => commands.completeDelivery(jobId)),
  signOff: (jobId, signOff) => unwrap(() => commands.signOff(jobId, signOff)),
  deviceDocuments: (deviceId) => unwrap(() => commands.deviceDocuments(deviceId)),
  addPhoto: (jobId, photo) => unwrap(() => commands.addPhoto(jobId, photo)),
  jobPhotos: (jobId) => unwrap(() => commands.jobPhotos(jobId)),
  informMissedDeadline: (jobId, messageIds, newDate, reason) =>
    unwrap(() => commands.informMissedDeadline(jobId, messageIds, newDate, reason)),
  jobMessages: (jobId) => unwrap(() => commands.jobMessages(jobId)),
  residentPlans: (residentId) => unwrap(() => commands.residentPlans(residentId)),
  recordWorkPlan: (...args) => unwrap(() => commands.recordWorkPlan(...args)),
  recordPlanUpdate: (...args) => unwrap(() => commands.recordPlanUpdate(...args)),
  informAppointmentMoved: (appointmentId, messageId, proposed, reason) =>
    unwrap(() => commands.informAppointmentMoved(appointmentId, messageId, proposed, reason)),
  addDevicePhoto: (deviceId, photo) => unwrap(() => commands.addDevicePhoto(deviceId, photo)),
  photoImage: (photoId) => unwrap(() => commands.photoImage(photoId)),
  devicePhotos: (deviceId) => unwrap(() => commands.devicePhotos(deviceId)),
  exportDocument: (documentId) => unwrap(() => commands.exportDocument(documentId)),
  reportNotHome: (reportId, jobId, reason, note, proposal) =>
    unwrap(() => commands.reportNotHome(reportId, jobId, reason, note, proposal)),
  recordSignal: (signalId, residentId, jobId, deviceId, kind, urgent, description) =>
    unwrap(() =>
      commands.recordSignal(signalId, residentId, jobId, deviceId, kind, urgent, description),
    ),
  recordComplaint: (complaintId, residentId, jobId, process, description, receivedAs, receivedOn) =>
    unwrap(() =>
      commands.recordComplaint(complaintId, residentId, jobId, process, description, receivedAs, receivedOn),
    ),
  loanCandidates: (jobId) => unwrap(() => commands.loanCandidates(jobId)),
  correctLogbookEntry: (correctionId, entryId, correction) =>
    unwrap(() => commands.correctLogbookEntry(correctionId, entryId, correction)),
  reportMalfunction: (
    malfunctionId,
    repairJobId,
    jobId,
    deviceId,
    responseClass,
    description,
    driveRelated,
  ) =>
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
    ),
  syncStatus: () => unwrap(() => commands.syncStatus()),
  syncNow: () => unwrap(() => commands.syncNow()),
  portalLogin: (url, name, password) => unwrap(() => commands.portalLogin(url, name, password)),
  portalLogout: () => unwrap(() => commands.portalLogout()),
  jobSyncState: (jobId) => unwrap(() => commands.jobSyncState(jobId)),
};

// The current implementation, and the calls the UI makes through it ------------------------

let current: Backend = tauriBackend;

/** Replaces the implementation (tests); returns the one it replaced. */
export function useBackend(backend: Backend): Backend {
  const previous = current;
  current = backend;
  return previous;
}

export const appStatus: Backend["appStatus"] = () => current.appStatus();
export const retryStartup: Backend["retryStartup"] = () => current.retryStartup();
export const listTechnicians: Backend["listTechnicians"] = () => current.listTechnicians();
export const chooseTechnician: Backend["chooseTechnician"] = (technicianId) =>
  current.chooseTechnician(technicianId);
export const reportDrawn: Backend["reportDrawn"] = (screen) => current.reportDrawn(screen);
export const today: Backend["today"] = (date) => current.today(date);
export const resident: Backend["resident"] = (residentId) => current.resident(residentId);
export const devicePassport: Backend["devicePassport"] = (deviceId) =>
  current.devicePassport(deviceId);
export const search: Backend["search"] = (query) => current.search(query);

// Guided jobs
export const openJob: Backend["openJob"] = (jobId) => current.openJob(jobId);
export const startJob: Backend["startJob"] = (jobId) => current.startJob(jobId);
export const saveAnswer: Backend["saveAnswer"] = (jobId, key, answer) =>
  current.saveAnswer(jobId, key, answer);
export const clearAnswer: Backend["clearAnswer"] = (jobId, key) => current.clearAnswer(jobId, key);
export const allOk: Backend["allOk"] = (jobId, stepId, instance) =>
  current.allOk(jobId, stepId, instance);
export const jobEvent: Backend["jobEvent"] = (jobId, event) => current.jobEvent(jobId, event);
export const completeJob: Backend["completeJob"] = (jobId) => current.completeJob(jobId);
export const agreementPreview: Backend["agreementPreview"] = (...args) =>
  current.agreementPreview(...args);
export const agreementSigners: Backend["agreementSigners"] = (jobId) =>
  current.agreementSigners(jobId);
export const recordSignature: Backend["recordSignature"] = (jobId, signature) =>
  current.recordSignature(jobId, signature);
export const completeDelivery: Backend["completeDelivery"] = (jobId) =>
  current.completeDelivery(jobId);
export const signOff: Backend["signOff"] = (jobId, input) => current.signOff(jobId, input);
export const deviceDocuments: Backend["deviceDocuments"] = (deviceId) =>
  current.deviceDocuments(deviceId);
export const addPhoto: Backend["addPhoto"] = (jobId, photo) => current.addPhoto(jobId, photo);
export const jobPhotos: Backend["jobPhotos"] = (jobId) => current.jobPhotos(jobId);
export const informMissedDeadline: Backend["informMissedDeadline"] = (jobId, messageIds, newDate, reason) =>
  current.informMissedDeadline(jobId, messageIds, newDate, reason);
export const jobMessages: Backend["jobMessages"] = (jobId) => current.jobMessages(jobId);
export const residentPlans: Backend["residentPlans"] = (residentId) => current.residentPlans(residentId);
export const recordWorkPlan: Backend["recordWorkPlan"] = (...args) => current.recordWorkPlan(...args);
export const recordPlanUpdate: Backend["recordPlanUpdate"] = (...args) => current.recordPlanUpdate(...args);
export const informAppointmentMoved: Backend["informAppointmentMoved"] = (appointmentId, messageId, proposed, reason) =>
  current.informAppointmentMoved(appointmentId, messageId, proposed, reason);
export const addDevicePhoto: Backend["addDevicePhoto"] = (deviceId, photo) =>
  current.addDevicePhoto(deviceId, photo);
export const photoImage: Backend["photoImage"] = (photoId) => current.photoImage(photoId);
export const devicePhotos: Backend["devicePhotos"] = (deviceId) => current.devicePhotos(deviceId);
export const exportDocument: Backend["exportDocument"] = (documentId) =>
  current.exportDocument(documentId);
export const reportNotHome: Backend["reportNotHome"] = (reportId, jobId, reason, note, proposal) =>
  current.reportNotHome(reportId, jobId, reason, note, proposal);
export const loanCandidates: Backend["loanCandidates"] = (jobId) => current.loanCandidates(jobId);
export const reportMalfunction: Backend["reportMalfunction"] = (...args) =>
  current.reportMalfunction(...args);

// Records made during a visit, and corrections
export const recordSignal: Backend["recordSignal"] = (...args) => current.recordSignal(...args);
export const recordComplaint: Backend["recordComplaint"] = (...args) =>
  current.recordComplaint(...args);
export const correctLogbookEntry: Backend["correctLogbookEntry"] = (...args) =>
  current.correctLogbookEntry(...args);

// The portal
export const syncStatus: Backend["syncStatus"] = () => current.syncStatus();
export const syncNow: Backend["syncNow"] = () => current.syncNow();
export const portalLogin: Backend["portalLogin"] = (url, name, password) =>
  current.portalLogin(url, name, password);
export const portalLogout: Backend["portalLogout"] = () => current.portalLogout();
export const jobSyncState: Backend["jobSyncState"] = (jobId) => current.jobSyncState(jobId);
