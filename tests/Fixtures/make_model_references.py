#!/usr/bin/env python3
"""Writes the tiny checkpoints under tests/Fixtures/Models/<name>/ and their reference outputs.

Each fixture is config.json, model.safetensors (float32, written here by hand) and reference.json: the input ids,
the logits at every position and the greedy continuation, computed in float64 by the plain PyTorch implementation
below. That implementation is written from Hugging Face transformers' modeling files (modeling_llama.py,
modeling_qwen2.py, modeling_qwen3.py, modeling_mistral.py, modeling_phi3.py, modeling_smollm3.py, modeling_gemma2.py,
modeling_gemma3.py,
modeling_rope_utils.py, masking_utils.py) and shares no
code with the C# model. It needs only torch (tested with Debian's python3-torch 1.13); transformers is not used.
The C# tests never run this script: run it by hand after changing a fixture, and commit what it writes.

    python3 tests/Fixtures/make_model_references.py
"""
import json
import math
import pathlib
import struct

import torch

ROOT = pathlib.Path(__file__).resolve().parent / "Models"
VOCAB = 96
GREEDY_TOKENS = 4


# ----- configuration: what the HF config classes derive from config.json ------------------------------------------

GEMMA = ("gemma2", "gemma3_text")


def head_dim(config):
    if config["model_type"] in GEMMA:
        return config.get("head_dim", 256)
    default = 128 if config["model_type"] == "qwen3" else config["hidden_size"] // config["num_attention_heads"]
    return config.get("head_dim", default)


def rope_scaling(config):
    """rope_scaling (transformers 4.x) or rope_parameters (5.x); rope_type with the legacy spelling type."""
    scaling = config.get("rope_scaling") or config.get("rope_parameters") or {}
    return scaling.get("rope_type", scaling.get("type", "default")), scaling


def rope_theta(config):
    return config.get("rope_theta", (config.get("rope_parameters") or {}).get("rope_theta", 10000.0))


def no_rope_layers(config):
    """SmolLM3Config.no_rope_layers: 1 where the layer rotates, by default 0 on every no_rope_layer_interval-th."""
    layers = config["num_hidden_layers"]
    if config["model_type"] != "smollm3":
        return [1] * layers
    interval = config.get("no_rope_layer_interval", 4)
    return config.get("no_rope_layers") or [int((i + 1) % interval != 0) for i in range(layers)]


def layer_windows(config):
    """The sliding window of each layer, None for full attention: Qwen2/Qwen3Config.layer_types and MistralConfig."""
    layers = config["num_hidden_layers"]
    if config["model_type"] in GEMMA:
        # Gemma2Config / Gemma3TextConfig: layer_types, else every pattern-th layer is global (Gemma 2: 2, odd layers).
        pattern = 2 if config["model_type"] == "gemma2" else config.get("sliding_window_pattern", 6)
        types = config.get("layer_types") or [
            "sliding_attention" if (i + 1) % pattern else "full_attention" for i in range(layers)]
        return [config.get("sliding_window", 4096) if kind == "sliding_attention" else None for kind in types]
    if config["model_type"] == "mistral":
        return [config.get("sliding_window", 4096)] * layers
    if config["model_type"] == "phi3":
        return [config.get("sliding_window")] * layers
    if config["model_type"] in ("qwen2", "qwen3"):
        window = config.get("sliding_window", 4096) if config.get("use_sliding_window", False) else None
        first = config.get("max_window_layers", 28)
        return [window if window is not None and i >= first else None for i in range(layers)]
    return [None] * layers


# ----- rotary embedding: modeling_rope_utils.py --------------------------------------------------------------------

def default_inv_freq(base, dim):
    return 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))


def inv_freq_for(config, seq_len):
    """_compute_{default,linear_scaling,dynamic_ntk,llama3}_rope_parameters; seq_len is max(position ids) + 1."""
    dim = head_dim(config)
    base = rope_theta(config)
    kind, scaling = rope_scaling(config)
    if kind == "default":
        return default_inv_freq(base, dim)
    if kind == "linear":
        return default_inv_freq(base, dim) / scaling["factor"]
    if kind == "dynamic":
        # dynamic_rope_update: the frequencies only change once the sequence outgrows max_position_embeddings.
        original = config["max_position_embeddings"]
        if seq_len <= original:
            return default_inv_freq(base, dim)
        factor = scaling["factor"]
        base = base * ((factor * seq_len / original) - (factor - 1)) ** (dim / (dim - 2))
        return default_inv_freq(base, dim)
    if kind == "llama3":
        inv_freq = default_inv_freq(base, dim)
        factor = scaling["factor"]
        low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
        old_context = scaling["original_max_position_embeddings"]
        low_freq_wavelen = old_context / low
        high_freq_wavelen = old_context / high
        wavelen = 2 * math.pi / inv_freq
        scaled = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
        smooth = (old_context / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
        return torch.where(medium, smoothed, scaled)
    raise ValueError(f"rope type {kind}")


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rotary(x, positions, inv_freq):
    # x: heads, sequence, head dim
    angles = positions.to(torch.float64)[:, None] * inv_freq[None, :]
    emb = torch.cat((angles, angles), dim=-1)
    return x * emb.cos() + rotate_half(x) * emb.sin()


# ----- the decoder: modeling_llama.py and its Qwen2, Qwen3 and Mistral variants -------------------------------------

def rms_norm(x, weight, eps):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def gemma_norm(x, weight, eps):
    """Gemma2RMSNorm / Gemma3RMSNorm: the weight is an offset from 1."""
    return (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)) * (1.0 + weight)


def softcap(x, cap):
    return x if cap is None else torch.tanh(x / cap) * cap


def linear(x, weights, name):
    y = x @ weights[name + ".weight"].T
    bias = weights.get(name + ".bias")
    return y if bias is None else y + bias


def attention(config, weights, prefix, x, positions, cache, window, inv_freq, use_rope=True):
    """One sequence: x [sequence, hidden], absolute positions [sequence]; cache holds (keys, values) so far."""
    heads, kv_heads, dim = config["num_attention_heads"], config["num_key_value_heads"], head_dim(config)
    eps = config.get("rms_norm_eps", 1e-6)
    length = x.shape[0]
    if config["model_type"] == "phi3":
        # Phi3Attention: one qkv_proj, split along its outputs as [q | k | v].
        qkv = linear(x, weights, prefix + "qkv_proj")
        q, k, v = qkv.split([heads * dim, kv_heads * dim, kv_heads * dim], dim=-1)
        q, k, v = q.reshape(length, heads, dim), k.reshape(length, kv_heads, dim), v.reshape(length, kv_heads, dim)
    else:
        q = linear(x, weights, prefix + "q_proj").view(length, heads, dim)
        k = linear(x, weights, prefix + "k_proj").view(length, kv_heads, dim)
        v = linear(x, weights, prefix + "v_proj").view(length, kv_heads, dim)
    if config["model_type"] == "qwen3":
        # Qwen3Attention: RMSNorm over each head's vector, before the rotation.
        q = rms_norm(q, weights[prefix + "q_norm.weight"], eps)
        k = rms_norm(k, weights[prefix + "k_norm.weight"], eps)
    if config["model_type"] == "gemma3_text":
        q = gemma_norm(q, weights[prefix + "q_norm.weight"], eps)
        k = gemma_norm(k, weights[prefix + "k_norm.weight"], eps)
    q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)
    if use_rope:
        q = apply_rotary(q, positions, inv_freq)
        k = apply_rotary(k, positions, inv_freq)
    if cache is not None:
        if cache.get(prefix) is not None:
            k = torch.cat((cache[prefix][0], k), dim=1)
            v = torch.cat((cache[prefix][1], v), dim=1)
        cache[prefix] = (k, v)
    k = k.repeat_interleave(heads // kv_heads, dim=0)
    v = v.repeat_interleave(heads // kv_heads, dim=0)
    if config["model_type"] in GEMMA:
        # Gemma's eager_attention_forward: scaling query_pre_attn_scalar^-0.5, soft-capping before the mask.
        scores = (q @ k.transpose(1, 2)) * config.get("query_pre_attn_scalar", 256) ** -0.5
        default_cap = 50.0 if config["model_type"] == "gemma2" else None
        scores = softcap(scores, config.get("attn_logit_softcapping", default_cap))
    else:
        scores = q @ k.transpose(1, 2) / math.sqrt(dim)
    # masking_utils: causal (kv_idx <= q_idx) and, with a window, sliding (kv_idx > q_idx - window).
    query_index = positions[:, None]
    key_index = torch.arange(k.shape[1])[None, :]
    allowed = key_index <= query_index
    if window is not None:
        allowed = allowed & (key_index > query_index - window)
    scores = scores.masked_fill(~allowed, float("-inf"))
    y = torch.softmax(scores, dim=-1) @ v
    return linear(y.transpose(0, 1).reshape(length, heads * dim), weights, prefix + "o_proj")


def forward(config, weights, ids, past=0, cache=None):
    """Logits [sequence, vocab] for ids at positions past, past + 1, ..."""
    eps = config.get("rms_norm_eps", 1e-6)
    positions = torch.arange(past, past + len(ids))
    inv_freq = inv_freq_for(config, int(positions.max()) + 1)
    x = weights["model.embed_tokens.weight"][torch.tensor(ids)]
    for layer, window in enumerate(layer_windows(config)):
        prefix = f"model.layers.{layer}."
        h = rms_norm(x, weights[prefix + "input_layernorm.weight"], eps)
        x = x + attention(config, weights, prefix + "self_attn.", h, positions, cache, window, inv_freq,
                          bool(no_rope_layers(config)[layer]))
        h = rms_norm(x, weights[prefix + "post_attention_layernorm.weight"], eps)
        if config["model_type"] == "phi3":
            # Phi3MLP: gate_up_proj, chunked into gate then up.
            gate, up = linear(h, weights, prefix + "mlp.gate_up_proj").chunk(2, dim=-1)
        else:
            gate = linear(h, weights, prefix + "mlp.gate_proj")
            up = linear(h, weights, prefix + "mlp.up_proj")
        x = x + linear(torch.nn.functional.silu(gate) * up, weights, prefix + "mlp.down_proj")
    x = rms_norm(x, weights["model.norm.weight"], eps)
    head = weights["model.embed_tokens.weight"] if config.get("tie_word_embeddings") else weights["lm_head.weight"]
    return x @ head.T


def gemma_forward(config, weights, ids, past=0, cache=None):
    """Gemma2Model / Gemma3TextModel and the ForCausalLM head: logits [sequence, vocab]."""
    eps = config.get("rms_norm_eps", 1e-6)
    gemma3 = config["model_type"] == "gemma3_text"
    positions = torch.arange(past, past + len(ids))
    global_freq = inv_freq_for(config, int(positions.max()) + 1)
    # Gemma3TextModel.rotary_emb_local: rope_local_base_freq, default rope type.
    local_freq = default_inv_freq(config.get("rope_local_base_freq", 10000.0), head_dim(config)) if gemma3 \
        else global_freq
    embed = weights["model.embed_tokens.weight"]
    x = embed[torch.tensor(ids)] * torch.tensor(config["hidden_size"] ** 0.5, dtype=embed.dtype)
    for layer, window in enumerate(layer_windows(config)):
        prefix = f"model.layers.{layer}."
        inv_freq = local_freq if window is not None else global_freq
        h = gemma_norm(x, weights[prefix + "input_layernorm.weight"], eps)
        h = attention(config, weights, prefix + "self_attn.", h, positions, cache, window, inv_freq)
        x = x + gemma_norm(h, weights[prefix + "post_attention_layernorm.weight"], eps)
        h = gemma_norm(x, weights[prefix + "pre_feedforward_layernorm.weight"], eps)
        gate = linear(h, weights, prefix + "mlp.gate_proj")
        up = linear(h, weights, prefix + "mlp.up_proj")
        h = linear(torch.nn.functional.gelu(gate, approximate="tanh") * up, weights, prefix + "mlp.down_proj")
        x = x + gemma_norm(h, weights[prefix + "post_feedforward_layernorm.weight"], eps)
    x = gemma_norm(x, weights["model.norm.weight"], eps)
    logits = x @ embed.T
    return softcap(logits, config.get("final_logit_softcapping", None if gemma3 else 30.0))


def run(config, weights, ids, past=0, cache=None):
    family = gemma_forward if config["model_type"] in GEMMA else forward
    return family(config, weights, ids, past, cache)


def greedy(config, weights, ids, count):
    """Greedy continuation recomputing the whole sequence each step; also returns the smallest top-2 margin."""
    ids, margin = list(ids), math.inf
    for _ in range(count):
        last = run(config, weights, ids)[-1]
        top = torch.topk(last, 2).values
        margin = min(margin, float(top[0] - top[1]))
        ids.append(int(last.argmax()))
    return ids[-count:], margin


def greedy_cached(config, weights, ids, count):
    """Greedy continuation feeding one token per step against a cache of keys and values, as transformers' generate
    does; returns the new ids and the logits each was picked from. Under dynamic NTK each call rotates its own keys
    with the frequencies of its length, and cached keys keep theirs, as in HF's dynamic_rope_update."""
    cache = {}
    rows = [run(config, weights, ids, 0, cache)[-1]]
    new = [int(rows[-1].argmax())]
    while len(new) < count:
        rows.append(run(config, weights, [new[-1]], len(ids) + len(new) - 1, cache)[-1])
        new.append(int(rows[-1].argmax()))
    return new, rows


# ----- weights and files ---------------------------------------------------------------------------------------------

def weight_shapes(config):
    hidden, inner = config["hidden_size"], config["intermediate_size"]
    heads, kv_heads, dim = config["num_attention_heads"], config["num_key_value_heads"], head_dim(config)
    kind = config["model_type"]
    biased = kind in ("llama", "qwen3", "smollm3", *GEMMA) and config.get("attention_bias", False)
    qkv_bias = kind == "qwen2" or biased
    out_bias = biased
    mlp_bias = kind in ("llama", "smollm3") and config.get("mlp_bias", False)
    shapes = {"model.embed_tokens.weight": [config["vocab_size"], hidden], "model.norm.weight": [hidden]}
    if not config.get("tie_word_embeddings"):
        shapes["lm_head.weight"] = [config["vocab_size"], hidden]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        shapes[p + "input_layernorm.weight"] = [hidden]
        shapes[p + "post_attention_layernorm.weight"] = [hidden]
        if kind in GEMMA:
            shapes[p + "pre_feedforward_layernorm.weight"] = [hidden]
            shapes[p + "post_feedforward_layernorm.weight"] = [hidden]
        for name, out in (("q_proj", heads * dim), ("k_proj", kv_heads * dim), ("v_proj", kv_heads * dim)):
            shapes[p + f"self_attn.{name}.weight"] = [out, hidden]
            if qkv_bias:
                shapes[p + f"self_attn.{name}.bias"] = [out]
        shapes[p + "self_attn.o_proj.weight"] = [hidden, heads * dim]
        if out_bias:
            shapes[p + "self_attn.o_proj.bias"] = [hidden]
        if kind in ("qwen3", "gemma3_text"):
            shapes[p + "self_attn.q_norm.weight"] = [dim]
            shapes[p + "self_attn.k_norm.weight"] = [dim]
        for name, (out, inp) in (("gate_proj", (inner, hidden)), ("up_proj", (inner, hidden)),
                                 ("down_proj", (hidden, inner))):
            shapes[p + f"mlp.{name}.weight"] = [out, inp]
            if mlp_bias:
                shapes[p + f"mlp.{name}.bias"] = [out]
        if kind == "phi3":
            # Phi3Attention.qkv_proj and Phi3MLP.gate_up_proj: the separate projections stacked along the outputs.
            for name in ("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "mlp.gate_proj", "mlp.up_proj"):
                del shapes[p + name + ".weight"]
            shapes[p + "self_attn.qkv_proj.weight"] = [(heads + 2 * kv_heads) * dim, hidden]
            shapes[p + "mlp.gate_up_proj.weight"] = [2 * inner, hidden]
    return shapes


def random_weights(config, seed):
    """Float32 weights scaled so that logits spread over a few units: norms near 1, projections 1/sqrt(fan in)."""
    generator = torch.Generator().manual_seed(seed)
    weights = {}
    for name, shape in sorted(weight_shapes(config).items()):
        noise = torch.randn(shape, generator=generator, dtype=torch.float32)
        if name.endswith("norm.weight") and config["model_type"] in GEMMA:
            weights[name] = 0.1 * noise
        elif name.endswith("norm.weight"):
            weights[name] = 1.0 + 0.1 * noise
        elif name.endswith(".bias"):
            weights[name] = 0.1 * noise
        elif "embed_tokens" in name or name == "lm_head.weight":
            weights[name] = noise
        else:
            weights[name] = noise / math.sqrt(shape[1])
    return weights


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        data = tensors[name].contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def make(name, config, length, seed=0):
    config = {"hidden_act": "silu", "vocab_size": VOCAB, "num_hidden_layers": 2, "torch_dtype": "float32",
              "bos_token_id": 1, "eos_token_id": 2, **config}
    if config["model_type"] in GEMMA:
        del config["hidden_act"]
    for attempt in range(50):
        weights32 = random_weights(config, seed + attempt)
        weights = {key: value.to(torch.float64) for key, value in weights32.items()}
        ids = torch.randint(3, VOCAB, (length,), generator=torch.Generator().manual_seed(100 + attempt)).tolist()
        logits = run(config, weights, ids)
        new_ids, margin = greedy(config, weights, ids, GREEDY_TOKENS)
        top = torch.topk(logits, 2, dim=-1).values
        argmax_margin = float((top[:, 0] - top[:, 1]).min())
        # float32 arithmetic must not flip an argmax: keep only draws whose decisions are clear.
        if min(margin, argmax_margin) > 1e-2:
            break
    else:
        raise RuntimeError(f"{name}: no seed gave clear argmaxes")
    cached, cached_rows = greedy_cached(config, weights, ids, GREEDY_TOKENS)
    cached_top = torch.topk(torch.stack(cached_rows), 2, dim=-1).values
    assert float((cached_top[:, 0] - cached_top[:, 1]).min()) > 1e-2, f"{name}: a cached argmax is too close to call"
    if rope_scaling(config)[0] != "dynamic":
        assert cached == new_ids, f"{name}: cached greedy {cached} differs from full greedy {new_ids}"
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_safetensors(folder / "model.safetensors", weights32)
    reference = {
        "note": "float64 logits of tests/Fixtures/make_model_references.py's own implementation of transformers",
        "weight_seed": seed + attempt,
        "input_ids": ids,
        "logits": [[round(float(v), 7) for v in row] for row in logits],
        "argmax_ids": logits.argmax(-1).tolist(),
        "min_top2_margin": round(min(margin, argmax_margin), 6),
        "greedy_new_token_ids": new_ids,
        "greedy_cached_new_token_ids": cached,
        "greedy_cached_logits": [[round(float(v), 7) for v in row] for row in cached_rows],
        "layer_windows": layer_windows(config),
    }
    (folder / "reference.json").write_text(json.dumps(reference, indent=1) + "\n")
    size = sum(path.stat().st_size for path in folder.iterdir())
    print(f"{name}: {length} tokens, greedy {new_ids}, margin {reference['min_top2_margin']}, {size} bytes")


def main():
    torch.set_grad_enabled(False)
    make("llama-llama3-bias", {
        "model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 12, "max_position_embeddings": 64,
        "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "attention_bias": True, "mlp_bias": True,
        "tie_word_embeddings": False,
        "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 32.0,
                         "original_max_position_embeddings": 512},
    }, length=16)
    make("llama-linear", {
        "model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 4, "max_position_embeddings": 64, "rms_norm_eps": 1e-5,
        "tie_word_embeddings": True,
        "rope_parameters": {"rope_type": "linear", "factor": 4.0, "rope_theta": 500.0},
    }, length=14)
    make("llama-dynamic", {
        "model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 10, "rms_norm_eps": 1e-5,
        "rope_theta": 100.0, "tie_word_embeddings": True, "rope_scaling": {"type": "dynamic", "factor": 2.0},
    }, length=14)
    make("qwen3", {
        "model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "max_position_embeddings": 64,
        "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "attention_bias": False, "tie_word_embeddings": True,
        "use_sliding_window": False, "sliding_window": None, "max_window_layers": 2,
    }, length=14)
    make("qwen2-window", {
        "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 64, "rms_norm_eps": 1e-6,
        "rope_theta": 10000.0, "tie_word_embeddings": True,
        "use_sliding_window": True, "sliding_window": 5, "max_window_layers": 1,
    }, length=16)
    make("mistral-window", {
        "model_type": "mistral", "architectures": ["MistralForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 64, "rms_norm_eps": 1e-5,
        "rope_theta": 10000.0, "tie_word_embeddings": False, "sliding_window": 4,
    }, length=14)
    make("phi3-window", {
        "model_type": "phi3", "architectures": ["Phi3ForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 64,
        "original_max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "rope_scaling": None,
        "partial_rotary_factor": 1.0, "sliding_window": 5, "tie_word_embeddings": False, "pad_token_id": 0,
    }, length=14)
    make("smollm3-nope", {
        "model_type": "smollm3", "architectures": ["SmolLM3ForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_hidden_layers": 3, "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 64,
        "rms_norm_eps": 1e-6, "rope_theta": 2000000.0, "no_rope_layer_interval": 2, "use_sliding_window": False,
        "sliding_window": None, "attention_bias": False, "mlp_bias": False, "tie_word_embeddings": True,
    }, length=14)
    make("gemma3-text", {
        "model_type": "gemma3_text", "architectures": ["Gemma3ForCausalLM"], "hidden_size": 32,
        "intermediate_size": 64, "num_hidden_layers": 3, "num_attention_heads": 4, "num_key_value_heads": 2,
        "head_dim": 16, "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "hidden_activation": "gelu_pytorch_tanh",
        "query_pre_attn_scalar": 24, "rope_theta": 1000000.0, "rope_local_base_freq": 100.0,
        "rope_scaling": {"rope_type": "linear", "factor": 4.0}, "sliding_window": 4,
        "layer_types": ["sliding_attention", "sliding_attention", "full_attention"],
        "attn_logit_softcapping": None, "final_logit_softcapping": None, "tie_word_embeddings": True,
    }, length=14)
    make("gemma2", {
        "model_type": "gemma2", "architectures": ["Gemma2ForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
        "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "max_position_embeddings": 64,
        "rms_norm_eps": 1e-6, "hidden_activation": "gelu_pytorch_tanh", "query_pre_attn_scalar": 24,
        "rope_theta": 10000.0, "sliding_window": 4, "attn_logit_softcapping": 2.0, "final_logit_softcapping": 8.0,
        "tie_word_embeddings": True,
    }, length=14)


if __name__ == "__main__":
    main()
