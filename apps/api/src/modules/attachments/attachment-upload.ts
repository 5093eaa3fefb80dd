import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '@app/common';
import { cleanFileName, SNIFF_BYTES, sniffContentType } from './attachment-types';

export interface IncomingFile {
  name: string;
  contentType: string;
  /** The whole file, first the sniffed head then the rest as it arrives; throws 413 past the limit. */
  bytes: AsyncIterable<Buffer>;
}

/**
 * Reads one multipart upload (field `file`) as a stream: busboy parses the parts, the first
 * 64 KiB decide the type, and `store` receives the bytes as they arrive, so memory stays at a
 * few chunks whatever the size. Anything past the limit is drained and answered with 413.
 */
export function receiveUpload<T>(
  req: Readable & { headers: IncomingHttpHeaders },
  maxBytes: number,
  store: (file: IncomingFile) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 10, parts: 12, fieldSize: 1024 },
      });
    } catch {
      reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data with the file in the field `file`'));
      return;
    }
    let handled: Promise<T> | undefined;
    let failure: unknown;
    parser.on('file', (field, file, info) => {
      if (field !== 'file' || handled) {
        file.resume();
        return;
      }
      handled = handleFile(file, info.filename, maxBytes, store);
      // Keep the parser flowing even when storing fails (the rest is discarded).
      handled.catch(() => file.resume());
    });
    parser.on('error', (e: Error) => {
      failure ??= new AppError('VALIDATION_FAILED', `Malformed multipart body: ${e.message}`);
      req.unpipe(parser);
      req.resume();
      finish();
    });
    parser.on('close', () => finish());
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (!handled) return reject(failure ?? new AppError('VALIDATION_FAILED', 'The multipart body has no field `file`'));
      handled.then(resolve, reject);
    };
    req.on('aborted', () => {
      failure ??= new AppError('VALIDATION_FAILED', 'Upload aborted');
      parser.destroy();
    });
    req.pipe(parser);
  });
}

async function handleFile<T>(
  file: Readable & { truncated?: boolean },
  filename: string | undefined,
  maxBytes: number,
  store: (file: IncomingFile) => Promise<T>,
): Promise<T> {
  const source = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // A body that breaks off or is malformed fails the file stream: that is the client's 400.
  const it = {
    next: () =>
      source.next().catch((e: Error) => Promise.reject(new AppError('VALIDATION_FAILED', `Malformed multipart body: ${e.message}`))),
  };
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const first = Buffer.concat(head);
  if (file.truncated) throw tooLarge(maxBytes);
  const name = cleanFileName(filename);
  const contentType = await sniffContentType(first, name, ended);
  if (!contentType) {
    file.resume();
    throw new AppError(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'This type of file is not allowed (PDF, images, office documents, CSV and plain text are)',
    );
  }
  async function* bytes(): AsyncGenerator<Buffer> {
    yield first;
    while (!ended) {
      const next = await it.next();
      if (next.done) break;
      yield next.value;
    }
    // busboy ends a file at the limit and marks it truncated: the store must not keep it.
    if (file.truncated) throw tooLarge(maxBytes);
  }
  return store({ name, contentType, bytes: bytes() });
}

const tooLarge = (maxBytes: number) => new AppError('ATTACHMENT_TOO_LARGE', `Files may be at most ${maxBytes} bytes`, [{ maxBytes }]);
