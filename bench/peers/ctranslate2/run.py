"""Times one CTranslate2 configuration in its own process, for the bench's peer comparison.

    python run.py '<json request>'

The request: model (a CTranslate2 model directory), computeType (int8 or float32), sourcesFile
(a JSON list of source sentences as token pieces, end-of-sentence included), vocabularyFile (a JSON
list of pieces in id order), batchSize, beams, newTokens, runs, intraThreads, suppressedTokens.
Every sentence gets exactly `newTokens` generated tokens, as warta's work on the random model
(which never ends a sentence by itself). Prints one JSON line: per-run milliseconds and generated
tokens, peak RSS, load milliseconds and the outputs as token ids.
"""

import json
import resource
import sys
import time

import ctranslate2


def load_request():
    request = json.loads(sys.argv[1])
    with open(request["sourcesFile"], encoding="utf-8") as f:
        sources = json.load(f)
    with open(request["vocabularyFile"], encoding="utf-8") as f:
        ids = {piece: index for index, piece in enumerate(json.load(f))}
    return request, sources, ids


def translate(translator, request, sources):
    return translator.translate_batch(
        sources,
        max_batch_size=request["batchSize"],
        batch_type="examples",
        beam_size=request["beams"],
        num_hypotheses=1,
        min_decoding_length=request["newTokens"],
        max_decoding_length=request["newTokens"],
        suppress_sequences=[[token] for token in request["suppressedTokens"]] or None,
        return_scores=False,
    )


def main():
    request, sources, ids = load_request()
    started = time.perf_counter()
    translator = ctranslate2.Translator(
        request["model"],
        device="cpu",
        compute_type=request["computeType"],
        intra_threads=request["intraThreads"],
        inter_threads=1,
    )
    load_ms = (time.perf_counter() - started) * 1000
    translate(translator, request, sources[: request["batchSize"]])
    runs = []
    outputs = []
    for _ in range(request["runs"]):
        t0 = time.perf_counter()
        results = translate(translator, request, sources)
        ms = (time.perf_counter() - t0) * 1000
        outputs = [[ids[token] for token in result.hypotheses[0]] for result in results]
        runs.append({"ms": ms, "tokens": sum(len(output) for output in outputs)})
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "version": ctranslate2.__version__,
                "runs": runs,
                "peakRssMb": peak_rss_mb,
                "loadMs": load_ms,
                "outputs": outputs,
            }
        )
    )


if __name__ == "__main__":
    main()
