/**
 * An export's files on disk: one folder per export and run (`<dir>/<export id>/a<run>/`), NDJSON
 * files appended through small buffers, and a checkpoint (each file's length and line count)
 * that a later run resumes from after the process died: it copies each file's checkpointed
 * prefix into its own folder, so a stalled earlier run can never write into the files the new
 * one is writing. Framework-free (node:fs only).
 */
import { mkdir, open, rm, stat, type FileHandle } from "node:fs/promises";
import { join } from "node:path";

const BUFFER_BYTES = 256 * 1024;

export type FileKind = "output" | "deleted" | "error";
export type FileState = { kind: FileKind; type: string; fhirVersion: string | null; bytes: number; count: number };
export type Checkpoint = { run: string; after: string; done: number; files: Record<string, FileState> };

/** An append-only NDJSON file with its own buffer; `bytes` and `count` cover what was flushed. */
export class NdjsonFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private pendingCount = 0;
  constructor(
    private readonly handle: FileHandle,
    readonly state: FileState,
  ) {}

  /** Adds a line; returns a promise only when the buffer had to be written out first. */
  append(line: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only long lines need measuring.
    const room = BUFFER_BYTES - this.used - 1;
    if (line.length * 3 > room && Buffer.byteLength(line) > room) return this.appendAfterFlush(line);
    this.used += this.buffer.write(line, this.used);
    this.buffer[this.used++] = 0x0a;
    this.pendingCount += 1;
    return undefined;
  }

  private async appendAfterFlush(line: string): Promise<void> {
    await this.flush();
    if (Buffer.byteLength(line) < BUFFER_BYTES) return this.append(line);
    await this.writeAll(Buffer.from(`${line}\n`));
    this.state.count += 1;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.writeAll(this.buffer.subarray(0, this.used));
    this.state.count += this.pendingCount;
    this.used = 0;
    this.pendingCount = 0;
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      written += (await this.handle.write(bytes, written, bytes.length - written, this.state.bytes + written)).bytesWritten;
    }
    this.state.bytes += bytes.length;
  }

  async sync(): Promise<void> {
    await this.flush();
    await this.handle.datasync();
  }

  close = () => this.handle.close();
}

/** The files of one run of one export. */
export class ExportFiles {
  private readonly open = new Map<string, NdjsonFile>();
  private constructor(
    readonly folder: string,
    readonly run: string,
  ) {}

  static exportFolder = (root: string, exportId: string) => join(root, exportId);

  /**
   * Files for run `run` of an export: empty, or (given a checkpoint whose files are all still
   * there at least as long as it says) holding the checkpoint's prefix of each. Null checkpoint
   * state means "start from the beginning".
   */
  static async start(root: string, exportId: string, run: string, checkpoint: Checkpoint | null): Promise<{ files: ExportFiles; resumed: Checkpoint | null }> {
    const folder = join(ExportFiles.exportFolder(root, exportId), run);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const files = new ExportFiles(folder, run);
    if (!checkpoint || !(await files.copyPrefixes(join(ExportFiles.exportFolder(root, exportId), checkpoint.run), checkpoint))) {
      await files.closeAll();
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      return { files: new ExportFiles(folder, run), resumed: null };
    }
    return { files, resumed: { ...checkpoint, run } };
  }

  private async copyPrefixes(previous: string, checkpoint: Checkpoint): Promise<boolean> {
    for (const [name, state] of Object.entries(checkpoint.files)) {
      const source = join(previous, name);
      const size = await stat(source).then((s) => s.size, () => -1);
      if (size < state.bytes) return false;
      const from = await open(source, "r");
      const to = await open(join(this.folder, name), "w");
      this.open.set(name, new NdjsonFile(to, { ...state }));
      try {
        const buffer = Buffer.alloc(BUFFER_BYTES);
        let position = 0;
        while (position < state.bytes) {
          const { bytesRead } = await from.read(buffer, 0, Math.min(BUFFER_BYTES, state.bytes - position), position);
          if (bytesRead === 0) return false;
          let written = 0;
          while (written < bytesRead) written += (await to.write(buffer, written, bytesRead - written, position + written)).bytesWritten;
          position += bytesRead;
        }
      } finally {
        await from.close();
      }
    }
    await rm(previous, { recursive: true, force: true });
    return true;
  }

  /** The file `name` if it is open already (the common case, without a promise). */
  get(name: string): NdjsonFile | undefined {
    return this.open.get(name);
  }

  /** The file `name`, opened (created) on first use. */
  async file(name: string, initial: Omit<FileState, "bytes" | "count"> & Partial<FileState>): Promise<NdjsonFile> {
    let file = this.open.get(name);
    if (!file) {
      const handle = await open(join(this.folder, name), "w");
      file = new NdjsonFile(handle, { bytes: 0, count: 0, ...initial });
      this.open.set(name, file);
    }
    return file;
  }

  /** Flushes every file to disk (fdatasync) and returns their states: what a checkpoint records. */
  async sync(): Promise<Record<string, FileState>> {
    const states: Record<string, FileState> = {};
    for (const [name, file] of this.open) {
      await file.sync();
      states[name] = { ...file.state };
    }
    return states;
  }

  async closeAll(): Promise<void> {
    for (const file of this.open.values()) await file.close().catch(() => undefined);
    this.open.clear();
  }
}

/** Deletes everything an export wrote (every run). */
export async function removeExportFolder(root: string, exportId: string): Promise<void> {
  await rm(ExportFiles.exportFolder(root, exportId), { recursive: true, force: true });
}
