"""PyTorch's side of the fine-tuning benchmark: the same two GPT-2-style models, batches and step on the CPU.

Debian 12: apt-get install python3-torch libopenblas0-openmp (PyTorch 1.13 with OpenBLAS), then
/usr/bin/python3 bench/Finetune/pytorch_reference.py. Prints training tokens per second as the median of 20 steps
after 3 warmup steps, with 2 threads: forward, mean cross-entropy over every next token, backward and AdamW
(weight decay 0.01). The model is GPT-2's layout (one fused q/k/v projection, as c_attn), tied embeddings, tanh
GELU; PyTorch 1.13 has no fused attention kernel, so attention is the masked softmax of GPT-2's own code.
Run it next to the C# bench: the machine's speed drifts by tens of percent over minutes, so only figures taken
together compare.
"""
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONTEXT = 256
WARMUP = 3
TIMED = 20


class Block(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(hidden)
        self.c_attn = nn.Linear(hidden, 3 * hidden)
        self.c_proj = nn.Linear(hidden, hidden)
        self.ln_2 = nn.LayerNorm(hidden)
        self.c_fc = nn.Linear(hidden, 4 * hidden)
        self.mlp_proj = nn.Linear(4 * hidden, hidden)
        self.register_buffer("causal", torch.tril(torch.ones(CONTEXT, CONTEXT, dtype=torch.bool)))

    def forward(self, x):
        batch, length, hidden = x.shape
        head_dim = hidden // self.heads
        # batch, heads, sequence, head dim
        q, k, v = (t.view(batch, length, self.heads, head_dim).transpose(1, 2)
                   for t in self.c_attn(self.ln_1(x)).split(hidden, dim=2))
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(head_dim)
        scores = scores.masked_fill(~self.causal[:length, :length], float("-inf"))
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, length, hidden)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt2(nn.Module):
    def __init__(self, hidden, layers, heads, vocab):
        super().__init__()
        self.wte = nn.Embedding(vocab, hidden)
        self.wpe = nn.Embedding(CONTEXT, hidden)
        self.blocks = nn.ModuleList(Block(hidden, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(hidden)

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.blocks:
            x = block(x)
        return F.linear(self.ln_f(x), self.wte.weight)


def tokens_per_second(hidden, layers, heads, vocab, batch):
    torch.manual_seed(1)
    model = Gpt2(hidden, layers, heads, vocab)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    ids = torch.randint(vocab, (batch, CONTEXT))
    # Position t predicts token t + 1; the last position predicts nothing. Shifting the labels, not the logits,
    # spares a copy of the logits, as the C# model does.
    labels = torch.cat([ids[:, 1:], torch.full((batch, 1), -100)], dim=1).reshape(-1)
    seconds = []
    for step in range(WARMUP + TIMED):
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        logits = model(ids)
        loss = F.cross_entropy(logits.view(-1, vocab), labels, ignore_index=-100)
        loss.backward()
        optimizer.step()
        if step >= WARMUP:
            seconds.append(time.perf_counter() - start)
    return batch * CONTEXT / statistics.median(seconds)


torch.set_num_threads(2)
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, float32, context {CONTEXT}")
for name, hidden, layers, heads, vocab, batch in [("d256 4 layers 8k vocab", 256, 4, 4, 8192, 8),
                                                  ("d512 6 layers 32k vocab", 512, 6, 8, 32000, 4)]:
    print(f"{name:<24} batch {batch}: {tokens_per_second(hidden, layers, heads, vocab, batch):,.0f} tokens/s",
          flush=True)
