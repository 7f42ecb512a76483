"""Builds a CTranslate2 model from the weights export-weights.ts wrote.

    python convert.py EXPORT_DIR OUTPUT_DIR

Writes OUTPUT_DIR/int8 and OUTPUT_DIR/float32. The spec is a TransformerSpec shaped as the Marian
config says; every variable comes from the manifest, so both engines run the same weights.
"""

import json
import os
import sys

import numpy as np
from ctranslate2.specs import common_spec, transformer_spec

ACTIVATIONS = {
    "swish": common_spec.Activation.SWISH,
    "silu": common_spec.Activation.SWISH,
    "relu": common_spec.Activation.RELU,
    "gelu": common_spec.Activation.GELU,
}


def load_export(export_dir):
    with open(os.path.join(export_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    weights = np.fromfile(os.path.join(export_dir, "weights.bin"), dtype="<f4")
    return manifest, weights


def assign(spec, name, value):
    """Sets `encoder/layer_0/self_attention/linear_0/weight` on the spec; the path must already exist."""
    node = spec
    *parents, leaf = name.split("/")
    for part in parents:
        node = step_into(node, part, name)
    if not hasattr(node, leaf):
        raise KeyError(f"the spec has no variable {name}")
    setattr(node, leaf, value)


def step_into(node, part, name):
    field, _, index = part.rpartition("_")
    if index.isdigit() and hasattr(node, field) and isinstance(getattr(node, field), list):
        return getattr(node, field)[int(index)]
    if not hasattr(node, part):
        raise KeyError(f"the spec has no {part} in {name}")
    return getattr(node, part)


def build_spec(manifest, weights):
    config = manifest["config"]
    if config["activation"] not in ACTIVATIONS:
        raise ValueError(f"activation {config['activation']} has no CTranslate2 equivalent here")
    spec = transformer_spec.TransformerSpec.from_config(
        (config["encoderLayers"], config["decoderLayers"]),
        config["heads"],
        pre_norm=config["preNorm"],
        activation=ACTIVATIONS[config["activation"]],
        layernorm_embedding=config["layernormEmbedding"],
    )
    for variable in manifest["variables"]:
        size = int(np.prod(variable["dims"]))
        value = weights[variable["offset"] : variable["offset"] + size].reshape(variable["dims"])
        assign(spec, variable["name"], value)
    spec.encoder.scale_embeddings = float(config["embeddingScale"])
    spec.decoder.scale_embeddings = float(config["embeddingScale"])
    # The decoder starts from the start token's own embedding, as the ONNX decoder does (not from zeros).
    spec.decoder.start_from_zero_embedding = False
    spec.config.decoder_start_token = config["decoderStartToken"]
    spec.config.bos_token = config["eosToken"]
    spec.config.eos_token = config["eosToken"]
    spec.config.unk_token = config["unkToken"]
    spec.config.layer_norm_epsilon = config["layerNormEpsilon"]
    spec.register_source_vocabulary(manifest["vocabulary"])
    spec.register_target_vocabulary(manifest["vocabulary"])
    return spec


def main():
    export_dir, output_dir = sys.argv[1], sys.argv[2]
    manifest, weights = load_export(export_dir)
    for compute_type in ("float32", "int8"):
        spec = build_spec(manifest, weights)
        spec.validate()
        spec.optimize(quantization=compute_type)
        target = os.path.join(output_dir, compute_type)
        os.makedirs(target, exist_ok=True)
        spec.save(target)
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
