// A signal recorded during a job can have photos: stored with the job's, marked as the
// signal's; outside a job the dialog offers none.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SignalDialog from "../src/components/visit/SignalDialog.svelte";
import { setLocale } from "../src/lib/i18n";
import { JOB_PHOTOS, PhotoList } from "../src/lib/jobPhotos.svelte";
import type { PhotoUpload } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";

const fake = installFakeBackend();
const JOB = "019a0000-0000-7000-8000-000000000001";
const RESIDENT = "019a0000-0000-7000-8000-000000000002";

describe("photos of a signal", () => {
  it("are taken in the signal dialog within a job, marked as the signal's", async () => {
    setLocale("nl");
    fake.addPhoto.mockImplementation((_job: string, photo: PhotoUpload) =>
      Promise.resolve({
        id: photo.id,
        item_key: photo.item_key,
        annotates: null,
        width: 2048,
        height: 1536,
        captured_at: null,
        created_at: "2026-03-30T09:00:00.000Z",
        thumbnail: "data:image/jpeg;base64,/9j/",
      }),
    );
    const list = new PhotoList(JOB);
    render(SignalDialog, {
      props: { residentId: RESIDENT, jobId: JOB, deviceId: null, onclose: () => {}, onsaved: () => {} },
      context: new Map([[JOB_PHOTOS, list]]),
    });
    const input = screen.getByTestId("photo-file-input") as HTMLInputElement;
    const photo = new File([new Uint8Array([0xff, 0xd8, 7])], "trap.jpg", { type: "image/jpeg" });
    Object.defineProperty(input, "files", { value: [photo], configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(1));
    expect(fake.addPhoto.mock.calls[0][1].item_key).toMatch(/^signal:[0-9a-f-]{36}$/);
    expect(list.photos).toHaveLength(1);
  });

  it("are not offered outside a job", () => {
    setLocale("nl");
    render(SignalDialog, {
      props: { residentId: RESIDENT, jobId: null, deviceId: null, onclose: () => {}, onsaved: () => {} },
    });
    expect(screen.queryByTestId("photo-file-input")).toBeNull();
  });
});
