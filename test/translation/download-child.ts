/**
 * One downloader of the download-lock tests, in its own process (a lock is per process). Loads
 * everything, says `ready`, downloads the copy model into the models folder given as argument when
 * told `go`, and reports the outcome. It also reports the first time it has part of a file on disk,
 * so a test can kill it mid-download.
 */
import { downloadModel } from '../../src/translation/hub/download.ts';
import { locateModel } from '../../src/translation/model-files.ts';

export type ChildReport =
  | { type: 'ready' }
  | { type: 'partial'; file: string; received: number }
  | { type: 'done'; downloaded: string[]; skipped: string[]; notices: string[] }
  | { type: 'failed'; code: string | undefined; message: string; notices: string[] };

const [modelId, modelsDir, endpoint] = process.argv.slice(2) as [string, string, string];
const send = (report: ChildReport) => process.send!(report);

process.on('message', (message: 'go') => {
  if (message === 'go') void download();
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });

async function download(): Promise<void> {
  const location = locateModel({ id: modelId, dir: modelsDir, engine: 'transformers-v2', dtype: 'q8' });
  const notices: string[] = [];
  let partialSeen = false;
  try {
    const result = await downloadModel(location, {
      endpoint,
      revision: 'main',
      retryDelayMs: 0,
      progressIntervalMs: 0,
      onNotice: (notice) => notices.push(notice),
      onProgress: ({ file, received, total }) => {
        if (partialSeen || received === 0 || total === null || received >= total) return;
        partialSeen = true;
        send({ type: 'partial', file, received });
      },
    });
    send({ type: 'done', downloaded: result.downloaded, skipped: result.skipped, notices });
  } catch (error) {
    send({ type: 'failed', code: (error as { code?: string }).code, message: String(error), notices });
  }
}
