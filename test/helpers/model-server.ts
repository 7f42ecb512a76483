/**
 * A stand-in for the model hub on 127.0.0.1: serves the files of a local folder under
 * `/<id>/resolve/<revision>/<file>`, and their listing under `/api/models/<id>/tree/<revision>`,
 * like huggingface.co, with knobs to misbehave.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServedRequest {
  method: string;
  /** The file asked for, relative to the model folder (null for anything else). */
  file: string | null;
  revision: string | null;
  range: string | null;
  acceptEncoding: string | null;
  status: number;
}

export interface ModelServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly url: string;
  readonly requests: ServedRequest[];
  /** Answer 206 to Range requests (true), or ignore Range and send the whole file with 200. */
  honourRange: boolean;
  /** Answer `/resolve/` with a 302 to a `/cdn/` address, as the hub does for large files. */
  redirect: boolean;
  /** Bytes per write, and the pause between writes (to make transfers take time). */
  chunkBytes: number;
  chunkDelayMs: number;
  /** Files answered with 404. */
  readonly missing: Set<string>;
  /** Cut the connection after `afterBytes` body bytes, for the next `times` responses for the file. */
  cut(file: string, afterBytes: number, times?: number): void;
  /** Send `afterBytes` body bytes, then nothing more (the connection stays open), `times` times. */
  stall(file: string, afterBytes: number, times?: number): void;
  /** Serve the file with the byte at `offset` flipped (until `restore`). */
  corrupt(file: string, offset: number): void;
  restore(file: string): void;
  /** Requests for `file` (or all, without an argument). */
  requestsFor(file?: string): ServedRequest[];
  /** Clears the request log and every knob. */
  reset(): void;
  close(): Promise<void>;
}

export async function startModelServer(root: string, modelId: string): Promise<ModelServer> {
  const cuts = new Map<string, { afterBytes: number; times: number; stall: boolean }>();
  const corruptions = new Map<string, number>();
  const requests: ServedRequest[] = [];
  const prefix = `/${modelId}/`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    const match = pathname.startsWith(prefix) ? /^(resolve|cdn)\/([^/]+)\/(.+)$/.exec(pathname.slice(prefix.length)) : null;
    const record: ServedRequest = {
      method: req.method ?? 'GET',
      file: match?.[3] ?? null,
      revision: match?.[2] ?? null,
      range: req.headers.range ?? null,
      acceptEncoding: (req.headers['accept-encoding'] as string | undefined) ?? null,
      status: 0,
    };
    requests.push(record);
    const send = (status: number, headers: Record<string, string | number> = {}, body = '') => {
      record.status = status;
      res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    if (pathname.startsWith(`/api/models/${modelId}/tree/`) && req.method === 'GET') {
      return send(200, { 'content-type': 'application/json' }, JSON.stringify(listing(root)));
    }
    if (!match || req.method !== 'GET') return send(404, {}, 'Entry not found');
    const [, kind, revision, file] = match as unknown as [string, string, string, string];
    if (kind === 'resolve' && api.redirect) {
      return send(302, { location: `${prefix}cdn/${encodeURIComponent(revision)}/${file}` });
    }
    if (api.missing.has(file) || file.split('/').includes('..')) return send(404, {}, 'Entry not found');
    let data: Buffer;
    try {
      data = readFileSync(path.join(root, file));
    } catch {
      return send(404, {}, 'Entry not found');
    }
    const flip = corruptions.get(file);
    if (flip !== undefined) {
      data = Buffer.from(data);
      data[flip] = data[flip]! ^ 0xff;
    }

    const size = data.length;
    let start = 0;
    let status = 200;
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'accept-ranges': api.honourRange ? 'bytes' : 'none' };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && api.honourRange) {
      start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size) return send(416, { 'content-range': `bytes */${size}` });
      data = data.subarray(start, end + 1);
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['content-length'] = data.length;
    record.status = status;
    res.writeHead(status, headers);

    const cut = cuts.get(file);
    if (cut) {
      cut.times -= 1;
      if (cut.times <= 0) cuts.delete(file);
    }
    const limit = cut ? Math.min(cut.afterBytes, data.length) : data.length;
    let offset = 0;
    const writeNext = () => {
      if (res.destroyed) return;
      if (offset >= limit) {
        if (!cut) return void res.end();
        if (cut.stall) return; // keep the connection open and silent
        // Give the client time to take in what was sent (a stream that errors drops what it has
        // queued), so the cut lands at a known byte.
        return void setTimeout(() => res.destroy(), 200);
      }
      const piece = data.subarray(offset, Math.min(limit, offset + api.chunkBytes));
      offset += piece.length;
      res.write(piece, () => {
        if (api.chunkDelayMs > 0) setTimeout(writeNext, api.chunkDelayMs);
        else writeNext();
      });
    };
    writeNext();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: ModelServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    honourRange: true,
    redirect: false,
    chunkBytes: 64 * 1024,
    chunkDelayMs: 0,
    missing: new Set(),
    cut(file, afterBytes, times = 1) {
      cuts.set(file, { afterBytes, times, stall: false });
    },
    stall(file, afterBytes, times = 1) {
      cuts.set(file, { afterBytes, times, stall: true });
    },
    corrupt(file, offset) {
      corruptions.set(file, offset);
    },
    restore(file) {
      corruptions.delete(file);
    },
    requestsFor(file) {
      return file === undefined ? [...requests] : requests.filter((r) => r.file === file);
    },
    reset() {
      requests.length = 0;
      cuts.clear();
      corruptions.clear();
      api.missing.clear();
      api.honourRange = true;
      api.redirect = false;
      api.chunkBytes = 64 * 1024;
      api.chunkDelayMs = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return api;
}

/** The hub's recursive file listing of `root`: one entry per file and folder. */
function listing(root: string, relative = ''): Array<{ type: 'file' | 'directory'; path: string; size: number }> {
  return readdirSync(path.join(root, relative)).flatMap((name) => {
    const child = relative ? `${relative}/${name}` : name;
    const stat = statSync(path.join(root, child));
    return stat.isDirectory() ? [{ type: 'directory' as const, path: child, size: 0 }, ...listing(root, child)] : [{ type: 'file' as const, path: child, size: stat.size }];
  });
}
