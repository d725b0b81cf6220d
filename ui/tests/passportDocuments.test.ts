// The passport's documents: exporting one says where it was written, and nothing when the
// save dialog was cancelled.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Documents from "../src/components/passport/Documents.svelte";
import { setLocale } from "../src/lib/i18n";
import type { DocumentRecord } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";

const fake = installFakeBackend();
const DEVICE = "019a0000-0000-7000-8000-0000000000d1";

const werkbon: DocumentRecord = {
  id: "019a0000-0000-7000-8000-0000000000e1",
  kind: "job_report",
  resident_id: "019a0000-0000-7000-8000-0000000000f1",
  device_id: DEVICE,
  job_id: null,
  sha256: "ab".repeat(32),
  size: 1234,
  text_sha256: null,
  created_at: "2026-03-30T09:00:00.000Z",
  author: "Monteur Een",
};

describe("the passport's documents", () => {
  it("says where an export was written, and nothing after a cancelled dialog", async () => {
    setLocale("nl");
    fake.deviceDocuments.mockResolvedValue([werkbon]);
    fake.exportDocument.mockResolvedValueOnce({ path: "/home/monteur/werkbon.pdf" });
    render(Documents, { deviceId: DEVICE });
    const button = await screen.findByTestId("passport-document-export");
    await fireEvent.click(button);
    const said = await screen.findByTestId("passport-document-exported");
    expect(said.textContent).toContain("/home/monteur/werkbon.pdf");
    expect(fake.exportDocument).toHaveBeenCalledWith(werkbon.id);

    fake.exportDocument.mockResolvedValueOnce({ path: null });
    await fireEvent.click(button);
    await waitFor(() => expect(fake.exportDocument).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByTestId("passport-document-exported")).toBeNull());
  });
});
