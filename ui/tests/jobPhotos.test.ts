// The job's photos: each picked file goes to the back end in turn; stored ones show as
// thumbnails, a refused one says why in the user's language and the others still go in.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import JobPhotos from "../src/components/media/JobPhotos.svelte";
import { PhotoList } from "../src/lib/jobPhotos.svelte";
import { setLocale } from "../src/lib/i18n";
import type { PhotoUpload, PhotoView } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";

const fake = installFakeBackend();
const JOB = "019a0000-0000-7000-8000-000000000001";

const view = (id: string): PhotoView => ({
  id,
  item_key: null,
  annotates: null,
  width: 2048,
  height: 1536,
  captured_at: null,
  created_at: "2026-03-30T09:00:00.000Z",
  thumbnail: "data:image/jpeg;base64,/9j/",
});

function file(name: string, bytes: number[]): File {
  return new File([new Uint8Array(bytes)], name, { type: "image/jpeg" });
}

describe("the job's photos", () => {
  it("stores a batch one by one, shows the stored ones and why one was refused", async () => {
    setLocale("nl");
    let n = 0;
    fake.addPhoto.mockImplementation((_job: string, photo: PhotoUpload) => {
      n += 1;
      if (photo.base64.length === 0) {
        return Promise.reject({
          code: "invalid_input",
          message: { nl: "Het bestand is leeg.", en: "The file is empty." },
        });
      }
      return Promise.resolve(view(`019a0000-0000-7000-8000-00000000000${n}`));
    });
    render(JobPhotos, { jobId: JOB });
    await waitFor(() => expect(fake.jobPhotos).toHaveBeenCalledWith(JOB));
    const input = screen.getByTestId("photo-file-input") as HTMLInputElement;
    const files = [file("a.jpg", [0xff, 0xd8, 1]), file("leeg.jpg", []), file("b.jpg", [0xff, 0xd8, 2])];
    Object.defineProperty(input, "files", { value: files, configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(fake.addPhoto).toHaveBeenCalledTimes(3));
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(2));
    const error = await screen.findByTestId("photo-error");
    expect(error.textContent).toContain("leeg.jpg: Het bestand is leeg.");
    expect(fake.addPhoto.mock.calls[0][1].base64).toBe(btoa(String.fromCharCode(0xff, 0xd8, 1)));
  });

  it("adds an item's photos to that item and shows only them there", async () => {
    setLocale("nl");
    const brakes = { ...view("019a0000-0000-7000-8000-0000000000b1"), item_key: "drive.brakes" };
    fake.jobPhotos.mockResolvedValue([view("019a0000-0000-7000-8000-0000000000a1"), brakes]);
    fake.addPhoto.mockImplementation((_job: string, photo: PhotoUpload) =>
      Promise.resolve({ ...view(photo.id), item_key: photo.item_key }),
    );
    const list = new PhotoList(JOB);
    await list.load();
    render(JobPhotos, { jobId: JOB, list, at: "drive.brakes" });
    expect(screen.getAllByTestId("photo-thumb")).toHaveLength(1);
    const input = screen.getByTestId("photo-file-input") as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [file("rem.jpg", [0xff, 0xd8, 9])], configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(2));
    expect(fake.addPhoto.mock.calls[0][1].item_key).toBe("drive.brakes");
    expect(fake.addPhoto.mock.calls[0][1].annotates).toBeNull();
    expect(list.photos).toHaveLength(3);
  });

  it("opens a photo to mark it, with its full image", async () => {
    setLocale("nl");
    fake.jobPhotos.mockResolvedValue([view("019a0000-0000-7000-8000-0000000000a1")]);
    fake.photoImage.mockResolvedValue("data:image/jpeg;base64,/9j/");
    render(JobPhotos, { jobId: JOB });
    await fireEvent.click(await screen.findByTestId("photo-mark"));
    await waitFor(() => expect(fake.photoImage).toHaveBeenCalledWith("019a0000-0000-7000-8000-0000000000a1"));
    expect(await screen.findByTestId("annotator")).toBeTruthy();
  });

  it("says why a photo cannot be opened to mark", async () => {
    setLocale("en");
    fake.jobPhotos.mockResolvedValue([view("019a0000-0000-7000-8000-0000000000a1")]);
    fake.photoImage.mockRejectedValue({
      code: "not_found",
      message: { nl: "Deze foto bestaat niet (meer).", en: "This photo does not exist (any more)." },
    });
    render(JobPhotos, { jobId: JOB });
    await fireEvent.click(await screen.findByTestId("photo-mark"));
    expect((await screen.findByTestId("photo-mark-error")).textContent).toContain("does not exist");
    expect(screen.queryByTestId("annotator")).toBeNull();
  });
});
