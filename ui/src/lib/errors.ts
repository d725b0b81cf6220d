// What the UI does about an error, decided from its code alone. `ErrorCode` is generated from
// the Rust enum (bindings.ts); the switch below names every code, and its default branch only
// type-checks while nothing is left, so a code added in Rust fails `npm run check` until it is
// handled here.
import type { ErrorCode } from "./bindings";

export type ErrorKind =
  /** Probably passing (no connection, busy, disk, an internal failure): try again. */
  | "retry"
  /** What was entered (or not entered yet) is not acceptable: change it. */
  | "fix_input"
  /** The job (or the app) is not in a state that allows this: the message says what to do. */
  | "state"
  /** What was asked for is not (or no longer) there. */
  | "not_found"
  /** The technician cannot solve this on the device: the help desk must. */
  | "help_desk"
  /** A record sent again under the same id differs from what is stored: the first stays. */
  | "conflict";

export const ERROR_KINDS: readonly ErrorKind[] = [
  "retry",
  "fix_input",
  "state",
  "not_found",
  "help_desk",
  "conflict",
];

export function errorKind(code: ErrorCode): ErrorKind {
  switch (code) {
    case "not_ready":
    case "keyring_unavailable":
    case "database_error":
    case "disk_full":
    case "file_error":
    case "document_failed":
    case "internal":
    case "ipc_failed":
    case "portal_unreachable":
    case "portal_busy":
    case "portal_error":
      return "retry";

    case "invalid_id":
    case "unknown_category":
    case "window_too_long":
    case "window_ends_before_start":
    case "invalid_postcode":
    case "too_long":
    case "empty":
    case "too_many_contact_persons":
    case "invalid_date":
    case "invalid_registration_number":
    case "not_residents_device":
    case "proposal_in_past":
    case "answer_wrong_type":
    case "measurement_out_of_range":
    case "measurement_precision":
    case "unknown_option":
    case "date_out_of_range":
    case "fix_by_missing":
    case "invalid_part":
    case "signer_missing":
    case "not_a_number":
    case "invalid_answer":
    case "unknown_item":
    case "invalid_input":
    case "unsaved_answers":
    case "incomplete_answer":
    case "portal_url_invalid":
    case "portal_url_insecure":
    case "login_failed":
      return "fix_input";

    case "illegal_transition":
    case "job_incomplete":
    case "delivery_blocked_deviation_pending":
    case "delivery_blocked_deviation_rejected":
    case "signature_required":
    case "job_not_started":
    case "job_ready_to_sign":
    case "job_closed":
    case "job_already_completed":
    case "no_technician":
    case "already_open":
    case "login_required":
    case "other_technician":
      return "state";

    case "not_found":
      return "not_found";

    case "invalid_calendar":
    case "template_unavailable":
    case "store_key_missing":
    case "store_wrong_key":
    case "store_too_new":
    case "store_corrupt":
    case "migration_failed":
    case "portal_refused":
      return "help_desk";

    case "recorded_differently":
      return "conflict";

    default: {
      // Every code is handled above: a new one makes `code` not `never` here. (At run time
      // only a code this build does not know could get here; `toAppError` lets none through.)
      const unhandled: never = code;
      void unhandled;
      return "help_desk";
    }
  }
}

/** Whether trying the same again may well succeed. */
export function isRetryable(code: ErrorCode): boolean {
  return errorKind(code) === "retry";
}
