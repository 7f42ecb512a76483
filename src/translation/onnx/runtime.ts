/**
 * The onnxruntime that warta's own sessions run on, and the settings they are created with.
 *
 * transformers.js 2.x creates its sessions from bytes with no session options, and its own
 * `generate` only runs on the onnxruntime-node it was published with (1.14, kept for it by an npm
 * override). warta creates its encoder, decoder and logits-head sessions itself, from the model
 * files, on the newer onnxruntime-node of package.json, which honours thread settings.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';

export interface RuntimeSettings {
  /** Intra-op threads of each session. */
  threads: number;
  /** onnxruntime's CPU memory arena: faster allocation, but it keeps its peak size for the session's life. */
  memoryArena: boolean;
}

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = { threads: 1, memoryArena: true };

export interface OnnxRuntime {
  InferenceSession: { create(modelPathOrBytes: string | Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: typeof Tensor;
}

let loaded: Promise<OnnxRuntime> | undefined;

/** Imported on first use: `--help`, `status` and fully cached runs never load onnxruntime. */
export function importOnnxRuntime(): Promise<OnnxRuntime> {
  loaded ??= (async () => {
    const module = await import('onnxruntime-node');
    // A CommonJS module: its exports arrive as `default` or as the namespace, depending on the loader.
    const ort = ((module as unknown as { default?: unknown }).default ?? module) as OnnxRuntime;
    return { InferenceSession: ort.InferenceSession, Tensor: ort.Tensor };
  })();
  return loaded;
}

function sessionOptions(settings: RuntimeSettings): InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    intraOpNumThreads: settings.threads,
    // warta runs one session call at a time per translator; inter-op threads would only spin.
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableCpuMemArena: settings.memoryArena,
  };
}

/** Creates a session on warta's onnxruntime with the given settings. */
export async function createSession(model: string | Uint8Array, settings: RuntimeSettings): Promise<InferenceSession> {
  const ort = await importOnnxRuntime();
  return ort.InferenceSession.create(model, sessionOptions(settings));
}
