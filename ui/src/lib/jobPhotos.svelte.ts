// The photos of one job, shared by the job's photo section and its items (a checklist item,
// the damage report): each picked file goes to the back end in turn; a refused file is kept
// with why, beside the place it was picked at, and the others still go in.

import type { AppError, PhotoUpload, PhotoView } from "./bindings";
import { addPhoto, jobPhotos } from "./backend";
import type { PickedFile } from "./photos";
import { uuidv7 } from "./uuid";

/** The context key under which the job screen shares its PhotoList with the items. */
export const JOB_PHOTOS = Symbol("job-photos");

/** The place of a signal's photos (taken during the job, for the signal recorded in it). */
export function signalPlace(signalId: string): string {
  return `signal:${signalId}`;
}

/** Where photos are picked: the job as a whole (null) or an item's answer key. */
export type PhotoPlace = string | null;

/** The bytes in base64, by the webview's own encoder (fast for photos of several MB). */
export function toBase64(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(new Blob([bytes as BlobPart]));
  });
}

/** A file the back end refused, and why. */
export type Refused = { name: string; error: AppError };

/**
 * Stores `files` one at a time through `store` (each with a fresh id, in base64); after each
 * file `progress` gets how many are done, and each stored photo goes to `stored`. Resolves
 * with the files refused.
 */
export async function storeEach(
  files: PickedFile[],
  store: (upload: PhotoUpload) => Promise<PhotoView>,
  stored: (view: PhotoView) => void,
  progress: (done: number) => void,
  upload: Omit<PhotoUpload, "id" | "base64"> = { item_key: null, annotates: null },
): Promise<Refused[]> {
  const refused: Refused[] = [];
  let done = 0;
  for (const file of files) {
    try {
      stored(await store({ ...upload, id: uuidv7(), base64: await toBase64(file.bytes) }));
    } catch (e) {
      refused.push({ name: file.name, error: e as AppError });
    }
    done += 1;
    progress(done);
  }
  return refused;
}

export class PhotoList {
  readonly jobId: string;
  photos = $state.raw<PhotoView[]>([]);
  /** A batch being stored, and where it was picked. */
  busy = $state<{ done: number; total: number; at: PhotoPlace } | null>(null);
  /** The files refused in the last batch, and where it was picked. */
  refused = $state.raw<{ at: PhotoPlace; files: Refused[] } | null>(null);
  loadError = $state<AppError | null>(null);
  private readonly onadded?: () => void;

  constructor(jobId: string, onadded?: () => void) {
    this.jobId = jobId;
    this.onadded = onadded;
  }

  async load(): Promise<void> {
    try {
      this.photos = await jobPhotos(this.jobId);
      this.loadError = null;
    } catch (e) {
      this.loadError = e as AppError;
    }
  }

  /** The photos taken at `at` (an item's), or all of them. */
  of(at: PhotoPlace | undefined): PhotoView[] {
    return at === undefined ? this.photos : this.photos.filter((p) => p.item_key === at);
  }

  /**
   * Stores `files` one at a time for `at`; `annotates`: the photo they are a marked copy of.
   * Resolves with how many were stored.
   */
  async add(files: PickedFile[], at: PhotoPlace, annotates: string | null = null): Promise<number> {
    this.busy = { done: 0, total: files.length, at };
    const refused = await storeEach(
      files,
      (upload) => addPhoto(this.jobId, upload),
      (view) => (this.photos = [...this.photos, view]),
      (done) => (this.busy = { done, total: files.length, at }),
      { item_key: at, annotates },
    );
    this.busy = null;
    this.refused = refused.length > 0 ? { at, files: refused } : null;
    const stored = files.length - refused.length;
    if (stored > 0) this.onadded?.();
    return stored;
  }
}
