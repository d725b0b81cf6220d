// The photo picker: the camera where there is one (and words where there is none), files
// imported or dropped, a batch's progress, and the camera off when the picker goes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { tick, type ComponentProps } from "svelte";
import PhotoPicker from "../src/components/media/PhotoPicker.svelte";
import { setLocale } from "../src/lib/i18n";
import { cameraProblem, photoName, type PickedFile } from "../src/lib/photos";
import { installCanvasStub, JPEG_SIGNATURE, type CanvasCall } from "./canvasStub";
import { seriousViolations } from "./axe";

let canvasStub: { calls: CanvasCall[]; restore: () => void };

/** A camera stream whose tracks record being stopped. */
function fakeStream() {
  const tracks = [{ kind: "video", stop: vi.fn() }];
  return { tracks, stream: { getTracks: () => tracks } as unknown as MediaStream };
}

function setMediaDevices(value: unknown): void {
  Object.defineProperty(navigator, "mediaDevices", { value, configurable: true });
}

beforeEach(() => {
  canvasStub = installCanvasStub();
  vi.spyOn(HTMLMediaElement.prototype, "play").mockResolvedValue(undefined);
});

afterEach(() => {
  canvasStub.restore();
  vi.restoreAllMocks();
  setMediaDevices(undefined);
});

function open(props: Partial<ComponentProps<typeof PhotoPicker>> = {}) {
  const onfiles = vi.fn<(files: PickedFile[]) => void>();
  const result = render(PhotoPicker, { onfiles, ...props });
  return { ...result, onfiles };
}

const photo = (name: string, bytes: number[], type = "image/jpeg") => new File([new Uint8Array(bytes)], name, { type });

describe("importing photos", () => {
  it("reads the chosen files and hands over their bytes", async () => {
    const { onfiles } = open();
    const input = screen.getByTestId("photo-file-input") as HTMLInputElement;
    expect(input.accept).toBe("image/*");
    expect(input.multiple).toBe(true);
    const files = [photo("rolstoel.jpg", [1, 2, 3]), photo("label.png", [4, 5], "image/png")];
    Object.defineProperty(input, "files", { value: files, configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(onfiles).toHaveBeenCalledTimes(1));
    expect(onfiles.mock.calls[0][0]).toEqual([
      { name: "rolstoel.jpg", bytes: new Uint8Array([1, 2, 3]), type: "image/jpeg" },
      { name: "label.png", bytes: new Uint8Array([4, 5]), type: "image/png" },
    ]);
  });

  it("the import button opens the file chooser", async () => {
    open();
    const click = vi.spyOn(screen.getByTestId("photo-file-input") as HTMLInputElement, "click");
    await fireEvent.click(screen.getByTestId("photo-import"));
    expect(click).toHaveBeenCalledTimes(1);
  });

  it("takes photos dropped on the box, and says which files were not photos", async () => {
    const { onfiles } = open();
    const zone = screen.getByTestId("photo-drop");
    const dataTransfer = { files: [photo("a.jpg", [9, 8]), new File(["x"], "notes.txt", { type: "text/plain" })], dropEffect: "none" };
    await fireEvent.dragOver(zone, { dataTransfer });
    expect(zone.classList.contains("dragging")).toBe(true);
    expect(dataTransfer.dropEffect).toBe("copy");
    await fireEvent.drop(zone, { dataTransfer });
    await waitFor(() => expect(onfiles).toHaveBeenCalledTimes(1));
    expect(onfiles.mock.calls[0][0]).toEqual([{ name: "a.jpg", bytes: new Uint8Array([9, 8]), type: "image/jpeg" }]);
    expect(zone.classList.contains("dragging")).toBe(false);
    expect(screen.getByTestId("photo-skipped").textContent).toContain("1 bestand is geen foto");
  });

  it("hands over nothing when nothing dropped is a photo", async () => {
    const { onfiles } = open();
    await fireEvent.drop(screen.getByTestId("photo-drop"), {
      dataTransfer: { files: [new File(["x"], "a.pdf", { type: "application/pdf" })] },
    });
    await screen.findByTestId("photo-skipped");
    expect(onfiles).not.toHaveBeenCalled();
  });
});

describe("the camera", () => {
  it("without a camera API: says there is no camera, and import is still there", () => {
    setMediaDevices(undefined);
    open();
    const problem = screen.getByTestId("photo-camera-problem");
    expect(problem.textContent).toMatch(/geen camera/i);
    expect(problem.dataset.problem).toBe("none");
    expect(screen.queryByTestId("photo-camera-open")).toBeNull();
    expect(screen.queryByTestId("photo-camera-retry")).toBeNull();
    expect(screen.getByTestId("photo-import")).toBeTruthy();
  });

  it("permission refused: says so, in other words than no camera", async () => {
    setMediaDevices({ getUserMedia: vi.fn().mockRejectedValue(new DOMException("denied", "NotAllowedError")) });
    open();
    await fireEvent.click(screen.getByTestId("photo-camera-open"));
    const problem = await screen.findByTestId("photo-camera-problem");
    expect(problem.dataset.problem).toBe("refused");
    expect(problem.textContent).toMatch(/toestemming is geweigerd/);
    expect(problem.textContent).not.toMatch(/geen camera/i);
    expect(screen.getByTestId("photo-import")).toBeTruthy();
    expect(screen.getByTestId("photo-camera-retry")).toBeTruthy();
  });

  it("no camera found (NotFoundError): the no-camera words", async () => {
    setMediaDevices({ getUserMedia: vi.fn().mockRejectedValue(new DOMException("none", "NotFoundError")) });
    open({ autostart: true });
    const problem = await screen.findByTestId("photo-camera-problem");
    expect(problem.dataset.problem).toBe("none");
    expect(problem.textContent).toMatch(/geen camera/i);
  });

  it("takes a photo: the frame as a JPEG, handed over like an imported one", async () => {
    const { stream } = fakeStream();
    const getUserMedia = vi.fn().mockResolvedValue(stream);
    setMediaDevices({ getUserMedia });
    const { onfiles } = open();
    await fireEvent.click(screen.getByTestId("photo-camera-open"));
    const video = (await screen.findByTestId("photo-video")) as HTMLVideoElement;
    expect(getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ audio: false }));
    expect(video.srcObject).toBe(stream);
    const capture = screen.getByTestId("photo-capture") as HTMLButtonElement;
    // No frame yet: nothing to take.
    expect(capture.disabled).toBe(true);
    Object.defineProperty(video, "videoWidth", { value: 1280 });
    Object.defineProperty(video, "videoHeight", { value: 720 });
    await fireEvent(video, new Event("loadedmetadata"));
    expect(capture.disabled).toBe(false);
    await fireEvent.click(capture);
    await waitFor(() => expect(onfiles).toHaveBeenCalledTimes(1));
    const [file] = onfiles.mock.calls[0][0];
    expect(file.type).toBe("image/jpeg");
    expect(file.name).toMatch(/^foto-\d{8}-\d{6}\.jpg$/);
    expect([...file.bytes.slice(0, 3)]).toEqual(JPEG_SIGNATURE);
    const drawn = canvasStub.calls.find((c) => c.method === "drawImage");
    expect(drawn?.args).toEqual([video, 0, 0, 1280, 720]);
  });

  it("stops the camera when it is closed", async () => {
    const { tracks, stream } = fakeStream();
    setMediaDevices({ getUserMedia: vi.fn().mockResolvedValue(stream) });
    open();
    await fireEvent.click(screen.getByTestId("photo-camera-open"));
    await screen.findByTestId("photo-video");
    await fireEvent.click(screen.getByTestId("photo-camera-close"));
    expect(tracks[0].stop).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("photo-video")).toBeNull();
    expect(screen.getByTestId("photo-camera-open")).toBeTruthy();
  });

  it("stops the camera when the picker goes", async () => {
    const { tracks, stream } = fakeStream();
    setMediaDevices({ getUserMedia: vi.fn().mockResolvedValue(stream) });
    const { unmount } = open({ autostart: true });
    await screen.findByTestId("photo-video");
    expect(tracks[0].stop).not.toHaveBeenCalled();
    unmount();
    expect(tracks[0].stop).toHaveBeenCalledTimes(1);
  });

  it("a camera that opens after the picker went is stopped at once", async () => {
    const { tracks, stream } = fakeStream();
    let answer: (s: MediaStream) => void = () => undefined;
    setMediaDevices({ getUserMedia: () => new Promise<MediaStream>((resolve) => (answer = resolve)) });
    const { unmount } = open({ autostart: true });
    await tick();
    unmount();
    answer(stream);
    await waitFor(() => expect(tracks[0].stop).toHaveBeenCalledTimes(1));
  });
});

describe("a batch being stored", () => {
  it("shows its progress in words and as a bar", () => {
    open({ busy: { done: 2, total: 5 } });
    const progress = screen.getByTestId("photo-progress");
    expect(progress.textContent).toContain("2 van 5");
    const bar = progress.querySelector("progress")!;
    expect([bar.value, bar.max]).toEqual([2, 5]);
  });

  it("shows the back end's message", () => {
    open({ error: "Schijf vol: foto niet opgeslagen" });
    expect(screen.getByRole("alert").textContent).toContain("Schijf vol: foto niet opgeslagen");
  });

  it("in English too", async () => {
    open({ busy: { done: 2, total: 5 } });
    setLocale("en");
    await tick();
    expect(screen.getByTestId("photo-progress").textContent).toContain("2 of 5");
  });
});

describe("accessibility", () => {
  it("no serious violations: no camera, live camera, progress and an error", async () => {
    setMediaDevices(undefined);
    const first = open({ busy: { done: 1, total: 3 }, error: "Mislukt" });
    expect(await seriousViolations()).toEqual([]);
    first.unmount();

    setMediaDevices({ getUserMedia: vi.fn().mockResolvedValue(fakeStream().stream) });
    open({ autostart: true });
    await screen.findByTestId("photo-video");
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("camera words and names", () => {
  it("map getUserMedia's failures", () => {
    expect(cameraProblem(new DOMException("", "NotFoundError"))).toBe("none");
    expect(cameraProblem(new DOMException("", "OverconstrainedError"))).toBe("none");
    expect(cameraProblem(new DOMException("", "NotAllowedError"))).toBe("refused");
    expect(cameraProblem(new DOMException("", "SecurityError"))).toBe("refused");
    expect(cameraProblem(new DOMException("", "NotReadableError"))).toBe("failed");
    expect(cameraProblem("weird")).toBe("failed");
  });

  it("name a camera photo after the local time it was taken", () => {
    expect(photoName(new Date(2026, 2, 5, 9, 7, 3))).toBe("foto-20260305-090703.jpg");
  });
});
