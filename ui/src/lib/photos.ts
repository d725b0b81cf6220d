// Photos picked in the UI (camera or files): what the picker hands over, and the words for why
// there is no camera.

/** A photo as the caller stores it. */
export type PickedFile = { name: string; bytes: Uint8Array; type: string };

/**
 * The camera: `off` (can be opened), `starting`, `live`; or why it cannot be used: `none` (no
 * camera, or no camera API), `refused` (permission denied), `failed` (e.g. in use elsewhere).
 */
export type CameraState = "off" | "starting" | "live" | "none" | "refused" | "failed";

/** Why `getUserMedia` failed, in the picker's terms (by the DOMException's name). */
export function cameraProblem(failure: unknown): "none" | "refused" | "failed" {
  const name = typeof failure === "object" && failure !== null && "name" in failure ? String(failure.name) : "";
  switch (name) {
    case "NotFoundError":
    case "OverconstrainedError":
    case "DevicesNotFoundError":
      return "none";
    case "NotAllowedError":
    case "SecurityError":
    case "PermissionDeniedError":
      return "refused";
    default:
      return "failed";
  }
}

/** "foto-20261206-141502.jpg": a camera photo's file name, from the local time it was taken. */
export function photoName(taken: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${taken.getFullYear()}${two(taken.getMonth() + 1)}${two(taken.getDate())}`;
  const time = `${two(taken.getHours())}${two(taken.getMinutes())}${two(taken.getSeconds())}`;
  return `foto-${day}-${time}.jpg`;
}

/** Whether a file is a photo (an image type; the picker takes nothing else). */
export function isPhoto(file: { type: string }): boolean {
  return file.type.startsWith("image/");
}

/** The photos among `files`, read into bytes, and how many files were not photos. */
export async function readPhotos(files: readonly File[]): Promise<{ photos: PickedFile[]; skipped: number }> {
  const chosen = files.filter(isPhoto);
  const photos = await Promise.all(
    chosen.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), type: file.type })),
  );
  return { photos, skipped: files.length - chosen.length };
}
