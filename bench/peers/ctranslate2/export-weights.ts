/**
 * Exports a MarianMT model folder's fp32 ONNX weights in CTranslate2's layout, for `convert.py`:
 * one raw little-endian float32 file plus a manifest naming each CTranslate2 spec variable
 * (`encoder/layer_0/self_attention/linear_0/weight`, …), its shape and its offset, with the
 * vocabulary in id order and the model's configuration. The converter then only assigns them.
 *
 * CTranslate2 stores linear weights `[outputs, inputs]` (PyTorch's orientation) and fuses the
 * self-attention's query, key and value projections into one, and cross-attention's key and value.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof import('onnx-proto');

const FLOAT_TYPE = 1;

export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

export interface MarianPeerConfig {
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  dModel: number;
  preNorm: boolean;
  layernormEmbedding: boolean;
  activation: string;
  embeddingScale: number;
  layerNormEpsilon: number;
  eosToken: string;
  unkToken: string;
  padToken: string;
  decoderStartToken: string;
  /** Single-token `bad_words_ids`, as pieces: the peer must never generate them either. */
  suppressedTokens: string[];
}

export interface PeerManifestVariable {
  name: string;
  dims: number[];
  /** Offset in float32 values into `weights.bin`. */
  offset: number;
}

export interface PeerManifest {
  config: MarianPeerConfig;
  vocabulary: string[];
  variables: PeerManifestVariable[];
}

export const WEIGHTS_FILE = 'weights.bin';
export const MANIFEST_FILE = 'manifest.json';
/** Marian's layer norms; our ONNX files carry it as an attribute, not a tensor. */
const LAYER_NORM_EPSILON = 1e-5;

/** Every float initializer of a graph and of the graphs nested in its nodes (the merged decoder's `If` branches). */
export function floatInitializers(model: Uint8Array): Map<string, FloatTensor> {
  const found = new Map<string, FloatTensor>();
  const visit = (graph: OnnxTypes.IGraphProto | null | undefined) => {
    if (!graph) return;
    for (const tensor of graph.initializer ?? []) {
      if (tensor.dataType !== FLOAT_TYPE || !tensor.name) continue;
      found.set(tensor.name, { dims: (tensor.dims ?? []).map(Number), data: floatData(tensor) });
    }
    for (const node of graph.node ?? []) for (const attribute of node.attribute ?? []) visit(attribute.g);
  };
  visit(onnx.ModelProto.decode(model).graph);
  return found;
}

function floatData(tensor: OnnxTypes.ITensorProto): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    const bytes = tensor.rawData;
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return Float32Array.from(tensor.floatData ?? []);
}

/** `[inputs, outputs]` (ONNX MatMul) → `[outputs, inputs]`. */
function transposed({ dims, data }: FloatTensor): FloatTensor {
  const [rows, columns] = dims as [number, number];
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = data[r * columns + c]!;
  return { dims: [columns, rows], data: out };
}

/** Stacks tensors along their first axis. */
function stacked(tensors: FloatTensor[]): FloatTensor {
  const rest = tensors[0]!.dims.slice(1);
  const data = new Float32Array(tensors.reduce((sum, t) => sum + t.data.length, 0));
  let offset = 0;
  for (const tensor of tensors) {
    data.set(tensor.data, offset);
    offset += tensor.data.length;
  }
  return { dims: [tensors.reduce((sum, t) => sum + t.dims[0]!, 0), ...rest], data };
}

class VariableMapper {
  readonly variables = new Map<string, FloatTensor>();

  constructor(private readonly onnxWeights: ReadonlyMap<string, FloatTensor>) {}

  has(name: string): boolean {
    return this.onnxWeights.has(name);
  }

  weight(name: string): FloatTensor {
    const tensor = this.onnxWeights.get(name);
    if (!tensor) throw new Error(`the ONNX files have no initializer "${name}"`);
    return tensor;
  }

  /** One or more ONNX linears (q, k, v…), fused into one CTranslate2 linear. */
  linear(target: string, sources: string[]): void {
    this.variables.set(`${target}/weight`, stacked(sources.map((source) => transposed(this.weight(`${source}.weight`)))));
    this.variables.set(`${target}/bias`, stacked(sources.map((source) => this.weight(`${source}.bias`))));
  }

  layerNorm(target: string, source: string): void {
    this.variables.set(`${target}/gamma`, this.weight(`${source}.weight`));
    this.variables.set(`${target}/beta`, this.weight(`${source}.bias`));
  }

  copy(target: string, source: string): void {
    this.variables.set(target, this.weight(source));
  }
}

function mapAttention(mapper: VariableMapper, target: string, source: string, kind: 'self' | 'cross'): void {
  const [q, k, v] = ['q_proj', 'k_proj', 'v_proj'].map((projection) => `${source}.${projection}`) as [string, string, string];
  if (kind === 'self') {
    mapper.linear(`${target}/linear_0`, [q, k, v]);
    mapper.linear(`${target}/linear_1`, [`${source}.out_proj`]);
  } else {
    mapper.linear(`${target}/linear_0`, [q]);
    mapper.linear(`${target}/linear_1`, [k, v]);
    mapper.linear(`${target}/linear_2`, [`${source}.out_proj`]);
  }
}

/** Embeddings, positions and the norms a pre-norm or `normalize_embedding` Marian adds, where present. */
function mapCommon(mapper: VariableMapper, side: 'encoder' | 'decoder'): void {
  mapper.copy(side === 'encoder' ? 'encoder/embeddings_0/weight' : 'decoder/embeddings/weight', 'model.shared.weight');
  mapper.copy(`${side}/position_encodings/encodings`, 'model.embed_positions.weight');
  if (mapper.has(`model.${side}.layer_norm.weight`)) mapper.layerNorm(`${side}/layer_norm`, `model.${side}.layer_norm`);
  if (mapper.has(`model.${side}.layernorm_embedding.weight`)) mapper.layerNorm(`${side}/layernorm_embedding`, `model.${side}.layernorm_embedding`);
}

/** A layer's self-attention block, then (decoder only) its cross-attention block, then its feed-forward block. */
function mapLayer(mapper: VariableMapper, side: 'encoder' | 'decoder', index: number): void {
  const source = `model.${side}.layers.${index}`;
  const target = `${side}/layer_${index}`;
  mapAttention(mapper, `${target}/self_attention`, `${source}.self_attn`, 'self');
  mapper.layerNorm(`${target}/self_attention/layer_norm`, `${source}.self_attn_layer_norm`);
  if (side === 'decoder') {
    mapAttention(mapper, `${target}/attention`, `${source}.encoder_attn`, 'cross');
    mapper.layerNorm(`${target}/attention/layer_norm`, `${source}.encoder_attn_layer_norm`);
  }
  mapper.linear(`${target}/ffn/linear_0`, [`${source}.fc1`]);
  mapper.linear(`${target}/ffn/linear_1`, [`${source}.fc2`]);
  mapper.layerNorm(`${target}/ffn/layer_norm`, `${source}.final_layer_norm`);
}

/** The CTranslate2 TransformerSpec variables, from the encoder's and the merged decoder's fp32 initializers. */
export function ctranslate2Variables(onnxWeights: ReadonlyMap<string, FloatTensor>, config: MarianPeerConfig): Map<string, FloatTensor> {
  const mapper = new VariableMapper(onnxWeights);
  mapCommon(mapper, 'encoder');
  for (let i = 0; i < config.encoderLayers; i++) mapLayer(mapper, 'encoder', i);
  mapCommon(mapper, 'decoder');
  for (let i = 0; i < config.decoderLayers; i++) mapLayer(mapper, 'decoder', i);
  // The output projection is tied to the shared embedding.
  mapper.copy('decoder/projection/weight', 'model.shared.weight');
  mapper.copy('decoder/projection/bias', 'final_logits_bias');
  return mapper.variables;
}

interface HfMarianConfig {
  encoder_layers: number;
  decoder_layers: number;
  encoder_attention_heads: number;
  d_model: number;
  normalize_before?: boolean;
  normalize_embedding?: boolean;
  activation_function: string;
  scale_embedding?: boolean;
  eos_token_id: number;
  pad_token_id: number;
  decoder_start_token_id: number;
  bad_words_ids?: number[][];
}

export function peerConfig(config: HfMarianConfig, vocabulary: readonly string[]): MarianPeerConfig {
  const piece = (id: number) => {
    const token = vocabulary[id];
    if (token === undefined) throw new Error(`token id ${id} is outside the vocabulary of ${vocabulary.length}`);
    return token;
  };
  return {
    encoderLayers: config.encoder_layers,
    decoderLayers: config.decoder_layers,
    heads: config.encoder_attention_heads,
    dModel: config.d_model,
    preNorm: config.normalize_before === true,
    layernormEmbedding: config.normalize_embedding === true,
    activation: config.activation_function,
    embeddingScale: config.scale_embedding === false ? 1 : Math.sqrt(config.d_model),
    layerNormEpsilon: LAYER_NORM_EPSILON,
    eosToken: piece(config.eos_token_id),
    unkToken: vocabulary.includes('<unk>') ? '<unk>' : piece(config.eos_token_id),
    padToken: piece(config.pad_token_id),
    decoderStartToken: piece(config.decoder_start_token_id),
    suppressedTokens: (config.bad_words_ids ?? []).filter((ids) => ids.length === 1).map((ids) => piece(ids[0]!)),
  };
}

/** Pieces in id order, from a Unigram tokenizer.json. */
export function tokenizerVocabulary(tokenizerJson: string): string[] {
  const { model } = JSON.parse(tokenizerJson) as { model: { vocab: Array<[string, number]> } };
  return model.vocab.map(([piece]) => piece);
}

/** Reads `modelFolder` (config.json, tokenizer.json, fp32 ONNX files) and writes the manifest and weights into `outDir`. */
export function exportPeerWeights(modelFolder: string, outDir: string): PeerManifest {
  const vocabulary = tokenizerVocabulary(readFileSync(path.join(modelFolder, 'tokenizer.json'), 'utf8'));
  const config = peerConfig(JSON.parse(readFileSync(path.join(modelFolder, 'config.json'), 'utf8')) as HfMarianConfig, vocabulary);
  const onnxWeights = new Map([
    ...floatInitializers(readFileSync(path.join(modelFolder, 'onnx', 'encoder_model.onnx'))),
    ...floatInitializers(readFileSync(path.join(modelFolder, 'onnx', 'decoder_model_merged.onnx'))),
  ]);
  const variables = ctranslate2Variables(onnxWeights, config);
  mkdirSync(outDir, { recursive: true });
  const manifest: PeerManifest = { config, vocabulary, variables: [] };
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, tensor] of variables) {
    manifest.variables.push({ name, dims: tensor.dims, offset });
    chunks.push(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    offset += tensor.data.length;
  }
  writeFileSync(path.join(outDir, WEIGHTS_FILE), Buffer.concat(chunks));
  writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest));
  return manifest;
}
