"""Python reference embeddings for the TypeScript ONNX embedder's parity test.

Usage (with the setup venv, which has tokenizers + onnxruntime):
    .cache/model-venv/bin/python scripts/model/reference.py INPUT.json OUTPUT.json \
        [--model-dir DIR] [--model-file model.onnx]

INPUT.json is a JSON array of strings. OUTPUT.json gets
    {"model": ..., "model_file": ..., "max_seq_length": ..., "embeddings": [[384 floats], ...],
     "input_ids": [[...], ...]}
where input_ids are the unpadded word-piece ids (special tokens included), so the TS tokenizer can
be checked separately from the ONNX run.

This mirrors what sentence-transformers does for all-MiniLM-L6-v2: truncate at max_seq_length
(sentence_bert_config.json, 256), pad to the longest input of the batch, mean-pool the last hidden
state over real tokens only, L2-normalize. build_onnx.py imports these helpers too, so the setup's
verification exercises exactly this code path.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MAX_SEQ_LENGTH = 256
# Bounds memory for large inputs; results do not depend on it because padding is masked exactly.
BATCH_SIZE = 64


def default_model_dir() -> Path:
    # Same rule as the server: HOLOLOOM_MODEL_DIR relative to the current directory, else the repo's.
    env = os.environ.get("HOLOLOOM_MODEL_DIR", "").strip()
    return Path(env).resolve() if env else REPO_ROOT / "models" / "all-MiniLM-L6-v2"


def max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text())["max_seq_length"])
    return DEFAULT_MAX_SEQ_LENGTH


def load_tokenizer(model_dir: Path, max_length: int):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # tokenizer.json ships with truncation and padding fixed at 128; sentence-transformers replaces
    # both, and so must we or long inputs would be cut short and short ones padded needlessly.
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding()  # to the longest sequence in the batch
    return tokenizer


def encode(tokenizer, texts: list[str]) -> dict[str, np.ndarray]:
    encodings = tokenizer.encode_batch(texts)
    return {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
    }


def mean_pool_normalize(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Attention-masked mean over the sequence axis, then L2 normalization (as sentence-transformers)."""
    m = mask[..., None].astype(hidden.dtype)
    summed = (hidden * m).sum(axis=1)
    counts = np.clip(m.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return pooled / norms


def make_session(model_path: Path):
    import onnxruntime as ort

    return ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])


def embed(session, tokenizer, texts: list[str]) -> tuple[np.ndarray, list[list[int]]]:
    """Returns (embeddings [n, dims] float32, unpadded input ids per text)."""
    vectors: list[np.ndarray] = []
    ids: list[list[int]] = []
    for start in range(0, len(texts), BATCH_SIZE):
        feeds = encode(tokenizer, texts[start : start + BATCH_SIZE])
        (hidden,) = session.run(["last_hidden_state"], feeds)
        vectors.append(mean_pool_normalize(hidden, feeds["attention_mask"]))
        for row, mask in zip(feeds["input_ids"], feeds["attention_mask"]):
            ids.append(row[mask.astype(bool)].tolist())
    dims = session.get_outputs()[0].shape[-1]
    out = np.concatenate(vectors) if vectors else np.zeros((0, dims), dtype=np.float32)
    return out.astype(np.float32), ids


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="JSON array of strings")
    parser.add_argument("output", type=Path, help="where to write the embeddings JSON")
    parser.add_argument("--model-dir", type=Path, default=None, help="model folder (default: as the server)")
    parser.add_argument("--model-file", default="model.onnx", help="ONNX file in the model folder")
    args = parser.parse_args(argv)

    model_dir = (args.model_dir or default_model_dir()).resolve()
    texts = json.loads(args.input.read_text(encoding="utf-8"))
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        parser.error(f"{args.input} must hold a JSON array of strings")

    max_length = max_seq_length(model_dir)
    tokenizer = load_tokenizer(model_dir, max_length)
    session = make_session(model_dir / args.model_file)
    embeddings, input_ids = embed(session, tokenizer, texts)

    result = {
        "model": model_dir.name,
        "model_file": args.model_file,
        "max_seq_length": max_length,
        "embeddings": embeddings.tolist(),
        "input_ids": input_ids,
    }
    args.output.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
