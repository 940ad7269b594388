/**
 * Node's zlib as the zip codec (see ZipCodec in ./zip.ts): inflate stops at the output limit as it goes
 * (maxOutputLength, checked after every output chunk: the declared size, at least 4 KB and at most 64 MB), deflate
 * and CRC-32 run natively. Node only; the browser keeps fflate.
 */
import { constants as bufferConstants } from "node:buffer";
import * as zlib from "node:zlib";
import { crc32Js, useZipCodec, type ZipCodec } from "./zip";

const nativeCrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;

export const nodeZipCodec: ZipCodec = {
  inflateRaw(data, maxOutput, sizeHint = 0) {
    // Output chunks of the declared size (+1, so an honest part ends in its first chunk and is not copied again),
    // between 4 KB and 64 MB; the output limit is checked after every chunk. (A fixed 64 KB chunk cost more than the
    // inflating itself for the few-kilobyte parts of a checklist: a batch of 200 small files ran about 1.5x slower.)
    const chunkSize = Math.max(4 * 1024, Math.min(sizeHint + 1, 64 * 1024 * 1024));
    try {
      return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(maxOutput, bufferConstants.MAX_LENGTH)), chunkSize });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return null;
      throw e;
    }
  },
  deflateRaw(data, level) {
    return zlib.deflateRawSync(data, { level });
  },
  // zlib.crc32 exists from Node 20.15 on; older ones use the JavaScript table.
  crc32: typeof nativeCrc === "function" ? (data) => nativeCrc(data) >>> 0 : crc32Js,
};

/** Installs Node's zlib for every package read or written in this process (or worker thread). */
export function useNodeZlib(): void {
  useZipCodec(nodeZipCodec);
}
