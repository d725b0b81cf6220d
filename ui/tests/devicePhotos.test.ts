// The passport's photos: a device in use can get a photo from here (outside any job), shown
// first; a device in the depot only shows its photos.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import DevicePhotos from "../src/components/passport/DevicePhotos.svelte";
import { setLocale } from "../src/lib/i18n";
import type { PhotoUpload, PhotoView } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";

const fake = installFakeBackend();
const DEVICE = "019a0000-0000-7000-8000-0000000000d1";

const view = (id: string, created: string): PhotoView => ({
  id,
  item_key: null,
  annotates: null,
  width: 2048,
  height: 1536,
  captured_at: null,
  created_at: created,
  thumbnail: "data:image/jpeg;base64,/9j/",
});

describe("the passport's photos", () => {
  it("takes a photo of a device in use, shown first", async () => {
    setLocale("nl");
    fake.devicePhotos.mockResolvedValue([view("019a0000-0000-7000-8000-0000000000a1", "2026-03-01T09:00:00.000Z")]);
    fake.addDevicePhoto.mockImplementation((_d: string, p: PhotoUpload) =>
      Promise.resolve(view(p.id, "2026-03-30T09:00:00.000Z")),
    );
    render(DevicePhotos, { deviceId: DEVICE, canAdd: true });
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(1));
    const input = screen.getByTestId("photo-file-input") as HTMLInputElement;
    const file = new File([new Uint8Array([0xff, 0xd8, 3])], "frame.jpg", { type: "image/jpeg" });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(2));
    const [deviceId, upload] = fake.addDevicePhoto.mock.calls[0];
    expect(deviceId).toBe(DEVICE);
    expect(upload.base64).toBe(btoa(String.fromCharCode(0xff, 0xd8, 3)));
    expect(upload.item_key).toBeNull();
  });

  it("only shows the photos of a device that is not in use", async () => {
    setLocale("nl");
    fake.devicePhotos.mockResolvedValue([]);
    render(DevicePhotos, { deviceId: DEVICE });
    await waitFor(() => expect(fake.devicePhotos).toHaveBeenCalledWith(DEVICE));
    expect(screen.queryByTestId("photo-file-input")).toBeNull();
  });
});
