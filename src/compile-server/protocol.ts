// The compile server's wire format, between the `jitcc` client and the
// server (server.ts), and the request it carries.
//
// A connection carries one compile: the client sends a `request` frame, the
// server answers with `stdout`/`stderr` frames in the order the driver wrote
// them, then one `exit` frame (the driver's exit status) or a `local` frame
// (the server cannot run this one; the client runs the driver itself).
// A frame is one byte of kind, a 32-bit big-endian payload length, and the
// payload: raw bytes for output, JSON for the request and the exit status.

export const FrameKind = { request: 1, stdout: 2, stderr: 3, exit: 4, local: 5 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

export interface Frame {
  readonly kind: FrameKind;
  readonly payload: Buffer;
}

/** What a compile needs from the process that asked for it, so the server can stand in for it. */
export interface ServerRequest {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly umask: number;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

const headerSize = 5;

export function encodeFrame(kind: FrameKind, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const frame = Buffer.allocUnsafe(headerSize + body.length);
  frame.writeUInt8(kind, 0);
  frame.writeUInt32BE(body.length, 1);
  body.copy(frame, headerSize);
  return frame;
}

/** Splits a byte stream into frames; a chunk may end inside a frame. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= headerSize) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < headerSize + length) break;
      frames.push({ kind: this.pending.readUInt8(0) as FrameKind, payload: this.pending.subarray(headerSize, headerSize + length) });
      this.pending = this.pending.subarray(headerSize + length);
    }
    return frames;
  }
}
