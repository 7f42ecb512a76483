/**
 * The bench model as a CTranslate2 model, in int8 and float32, under `bench/.work/ctranslate2/`:
 * exported from the same fp32 ONNX weights (export-weights.ts), converted by convert.py, and
 * rebuilt only when the ONNX files change.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportPeerWeights } from './export-weights.ts';

const execFileAsync = promisify(execFile);
const CONVERT_SCRIPT = path.join(import.meta.dirname, 'convert.py');
const STAMP_FILE = 'source.json';

export type ComputeType = 'int8' | 'float32';

export interface PeerModel {
  directory(computeType: ComputeType): string;
}

/** What the conversion was made from: the fp32 ONNX files' sizes and modification times. */
function sourceStamp(modelFolder: string): string {
  const files = ['encoder_model.onnx', 'decoder_model_merged.onnx', '../config.json', '../tokenizer.json'];
  return JSON.stringify(files.map((file) => {
    const stats = statSync(path.join(modelFolder, 'onnx', file));
    return [file, stats.size, stats.mtimeMs];
  }));
}

export async function preparePeerModel(python: string, modelFolder: string, outDir: string): Promise<PeerModel> {
  const model: PeerModel = { directory: (computeType) => path.join(outDir, computeType) };
  const stamp = sourceStamp(modelFolder);
  const stampFile = path.join(outDir, STAMP_FILE);
  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (current && ['int8', 'float32'].every((type) => existsSync(path.join(model.directory(type as ComputeType), 'model.bin')))) return model;

  console.error(`converting the bench model for CTranslate2 into ${outDir} (once)…`);
  const exportDir = path.join(outDir, 'export');
  exportPeerWeights(modelFolder, exportDir);
  await execFileAsync(python, [CONVERT_SCRIPT, exportDir, outDir], { maxBuffer: 16 * 1024 * 1024 });
  rmSync(exportDir, { recursive: true, force: true });
  writeFileSync(stampFile, stamp);
  return model;
}

/** The source sentences as the pieces of our tokenizer, so both engines get the same token ids. */
export function sourcePieces(sourceIds: readonly number[][], vocabulary: readonly string[]): string[][] {
  return sourceIds.map((ids) => ids.map((id) => vocabulary[id]!));
}
