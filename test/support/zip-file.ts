import { Readable } from 'node:stream';
import yazl from 'yazl';

type ZipSource = Uint8Array | string | { zeros: number };

/** A zip archive of `files` (path -> content), deflated; `{ zeros: n }` streams n zero bytes (a bomb's payload) without holding them. */
export async function zipFile(files: Record<string, ZipSource>): Promise<Uint8Array<ArrayBuffer>> {
  const zip = new yazl.ZipFile();
  for (const [path, source] of Object.entries(files)) {
    if (typeof source === 'string') zip.addBuffer(Buffer.from(source), path);
    else if (source instanceof Uint8Array) zip.addBuffer(Buffer.from(source), path);
    else zip.addReadStream(zeros(source.zeros), path, { size: source.zeros });
  }
  zip.end();
  const parts: Buffer[] = [];
  for await (const part of zip.outputStream) parts.push(part as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

function zeros(total: number): Readable {
  const block = Buffer.alloc(1024 * 1024);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const size = Math.min(left, block.length);
      left -= size;
      this.push(block.subarray(0, size));
    },
  });
}
