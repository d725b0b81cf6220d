import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { ERROR_CODES, type ErrorCode } from "../src/lib/bindings";
import { ERROR_KINDS, errorKind, isRetryable } from "../src/lib/errors";
import { setLocale } from "../src/lib/i18n";
import ErrorMessage from "../src/components/ErrorMessage.svelte";

describe("what the UI does about an error code", () => {
  it("maps every generated code to a kind", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(40);
    for (const code of ERROR_CODES) expect(ERROR_KINDS, code).toContain(errorKind(code));
    // Every kind is used by some code (none is dead).
    expect(new Set(ERROR_CODES.map(errorKind))).toEqual(new Set(ERROR_KINDS));
  });

  it("retries only what may pass, and sends the rest where it belongs", () => {
    const kinds: [ErrorCode, string][] = [
      ["ipc_failed", "retry"],
      ["not_ready", "retry"],
      ["database_error", "retry"],
      ["disk_full", "retry"],
      ["internal", "retry"],
      ["measurement_out_of_range", "fix_input"],
      ["invalid_input", "fix_input"],
      ["unsaved_answers", "fix_input"],
      ["incomplete_answer", "fix_input"],
      ["invalid_part", "fix_input"],
      ["job_incomplete", "state"],
      ["job_already_completed", "state"],
      ["delivery_blocked_deviation_pending", "state"],
      ["not_found", "not_found"],
      ["store_key_missing", "help_desk"],
      ["store_wrong_key", "help_desk"],
      ["store_corrupt", "help_desk"],
      ["recorded_differently", "conflict"],
    ];
    for (const [code, kind] of kinds) expect(errorKind(code), code).toBe(kind);
    expect(ERROR_CODES.filter(isRetryable).sort()).toEqual(
      ["database_error", "disk_full", "document_failed", "file_error", "internal", "ipc_failed",
        "keyring_unavailable",
        "not_ready", "portal_busy", "portal_error", "portal_unreachable"],
    );
  });
});

describe("the error message", () => {
  const show = (code: ErrorCode) =>
    render(ErrorMessage, { error: { code, message: { nl: "Iets ging mis", en: "Something went wrong" } } });

  it("says to try again only for an error that may pass", async () => {
    show("database_error");
    expect(screen.getByTestId("error-hint").textContent).toMatch(/Probeer het opnieuw/);
    setLocale("en");
    await Promise.resolve();
    expect(screen.getByTestId("error-hint").textContent).toMatch(/Try again/);
    expect(screen.getByTestId("error-message").textContent).toMatch(/Something went wrong/);
  });

  it("sends a broken store to the help desk", () => {
    show("store_corrupt");
    expect(screen.getByTestId("error-hint").dataset.kind).toBe("help_desk");
    expect(screen.getByTestId("error-hint").textContent).toMatch(/servicedesk/);
  });

  it("gives no hint where the message itself says what to change", () => {
    show("measurement_out_of_range");
    expect(screen.queryByTestId("error-hint")).toBeNull();
    expect(screen.getByTestId("error-message").textContent).toMatch(/Iets ging mis.*measurement_out_of_range/s);
  });
});
