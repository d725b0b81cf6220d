// The ONLY module that calls the generated `commands`. Every failure leaves here as an
// `AppError` ({code, message: {nl, en}}), so the UI deals with one error shape only.
import {
  commands,
  type AppError,
  type AppStatus,
  type Localized,
  type PassportView,
  type ResidentView,
  type SearchResults,
  type Technician,
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
