/**
 * `config.json` and `generation_config.json` laid out like Helsinki-NLP/opus-mt-id-en's.
 * transformers.js reads `is_encoder_decoder`, the token ids, `d_model` and the layer/head counts
 * (they size the empty past key/values of the first decoder step); generation settings layer as
 * config.json → generation_config.json → call options.
 */
import {
  MODEL_MAX_LENGTH,
  specialTokensMapJson,
  tokenizerConfigJson,
  tokenizerJson,
  type Vocabulary,
  vocabularySize,
} from './tokenizer-files.ts';

export interface MarianShape {
  dModel: number;
  encoderLayers: number;
  decoderLayers: number;
  attentionHeads: number;
  ffnDim: number;
  maxPositions: number;
}

export interface GenerationDefaults {
  numBeams: number;
}

function tokenIds(vocabulary: Vocabulary) {
  return {
    bad_words_ids: [[vocabulary.padId]],
    bos_token_id: vocabulary.eosId,
    decoder_start_token_id: vocabulary.padId,
    eos_token_id: vocabulary.eosId,
    forced_eos_token_id: vocabulary.eosId,
    pad_token_id: vocabulary.padId,
  };
}

export function generationConfigJson(vocabulary: Vocabulary, { numBeams }: GenerationDefaults) {
  return { ...tokenIds(vocabulary), max_length: MODEL_MAX_LENGTH, num_beams: numBeams, renormalize_logits: true };
}

export function marianConfigJson(vocabulary: Vocabulary, shape: MarianShape, { numBeams }: GenerationDefaults) {
  const size = vocabularySize(vocabulary);
  return {
    model_type: 'marian',
    architectures: ['MarianMTModel'],
    is_encoder_decoder: true,
    activation_function: 'swish',
    d_model: shape.dModel,
    encoder_layers: shape.encoderLayers,
    decoder_layers: shape.decoderLayers,
    num_hidden_layers: shape.encoderLayers,
    encoder_attention_heads: shape.attentionHeads,
    decoder_attention_heads: shape.attentionHeads,
    encoder_ffn_dim: shape.ffnDim,
    decoder_ffn_dim: shape.ffnDim,
    vocab_size: size,
    decoder_vocab_size: size,
    max_position_embeddings: shape.maxPositions,
    scale_embedding: true,
    static_position_embeddings: true,
    share_encoder_decoder_embeddings: true,
    normalize_before: false,
    normalize_embedding: false,
    add_final_layer_norm: false,
    ...tokenIds(vocabulary),
    max_length: MODEL_MAX_LENGTH,
    num_beams: numBeams,
    use_cache: true,
  };
}

/** File name → contents of every JSON file of a model folder. */
export function modelFolderJson(vocabulary: Vocabulary, shape: MarianShape, generation: GenerationDefaults): Record<string, unknown> {
  return {
    'config.json': marianConfigJson(vocabulary, shape, generation),
    'generation_config.json': generationConfigJson(vocabulary, generation),
    'special_tokens_map.json': specialTokensMapJson(),
    'tokenizer.json': tokenizerJson(vocabulary),
    'tokenizer_config.json': tokenizerConfigJson(),
  };
}
