#!/usr/bin/env python3
"""Writes the tiny tokenizers under tests/Fixtures/Tokenizers/<name>/ and their reference ids.

Each fixture is a tokenizer.json in the style one family ships (byte-level BPE with NFC as Qwen2/3, with Llama 3's
split regex and ignore_merges, with individual digits as SmolLM; SentencePiece-style BPE with byte fallback as Gemma,
as Llama 2 / Phi-3, and with the Metaspace pre-tokenizer of newer conversions; one more exercises every Split
behaviour), a tokenizer_config.json, and reference.json: for every test string, the ids and the decoded text. The vocabularies are
trained here on a small corpus; the ids come from the plain implementation of Hugging Face tokenizers' algorithm
below (added-token splitting with lstrip/rstrip/normalized, normalizers, pre-tokenizers, BPE with byte fallback and
fuse_unk, decoders), which shares no code with the C# tokenizer. It needs only the `regex` module (Debian's
python3-regex). The C# tests never run this script: run it by hand after changing a fixture, and commit what it writes.

    python3 tests/Fixtures/make_tokenizer_references.py
"""
import json
import pathlib
import unicodedata

import regex

ROOT = pathlib.Path(__file__).resolve().parent / "Tokenizers"
CORPUS = [
    "Hello world, hello there. The quick brown fox jumps over the lazy dog.",
    "Name three primary colours. Output: red, yellow and blue.",
    "Instruction: write a haiku about the sea.\nInput:\nOutput: waves fold into foam",
    "café crème, naïve résumé; 1234 + 5678 = 6912 and 3.14159",
    "    indented code\n\tif x == 1:\n\t\treturn y",
]
STRINGS = [
    "Hello world",
    "hello there, the lazy dog",
    "  leading,   runs of   spaces\n\n\ttabs\t\t end  ",
    "digits 1234567 and 3.14 then 42",
    "café crème",
    "cafe\u0301 cre\u0300me",
    "naïve € 😀 ∑ unknown",
    "",
    " ",
    "\n",
]
GPT2_PATTERN = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                  r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+"
                r"|\s+(?!\S)|\s+")


# ----- byte-level symbols (GPT-2's bytes_to_unicode) -------------------------------------------------------------

def bytes_to_unicode():
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    codes = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            codes.append(256 + extra)
            extra += 1
    return dict(zip(printable, map(chr, codes)))


BYTE_SYMBOL = bytes_to_unicode()
SYMBOL_BYTE = {symbol: b for b, symbol in BYTE_SYMBOL.items()}


# ----- normalizers ----------------------------------------------------------------------------------------------

def normalize(spec, text):
    if spec is None:
        return text
    kind = spec["type"]
    if kind == "Sequence":
        for step in spec["normalizers"]:
            text = normalize(step, text)
        return text
    if kind in ("NFC", "NFD", "NFKC", "NFKD"):
        return unicodedata.normalize(kind, text)
    if kind == "Replace":
        return text.replace(spec["pattern"]["String"], spec["content"])
    if kind == "Prepend":
        return spec["prepend"] + text if text else text
    raise ValueError(kind)


# ----- pre-tokenizers: each returns the pieces of one piece -----------------------------------------------------

def split_isolated(pattern, text):
    return split_with(pattern, text, "Isolated")


def split_with(pattern, text, behavior):
    """Hugging Face's Split: the text as matches and the gaps between them, combined as the behaviour says."""
    segments, last = [], 0
    for match in regex.finditer(pattern, text):
        if match.end() == match.start():
            continue
        if match.start() > last:
            segments.append([text[last:match.start()], False])
        segments.append([match.group(), True])
        last = match.end()
    if last < len(text):
        segments.append([text[last:], False])
    if behavior == "Isolated":
        return [text for text, _ in segments]
    if behavior == "Removed":
        return [text for text, is_match in segments if not is_match]
    if behavior == "Contiguous":
        result, previous = [], None
        for text, is_match in segments:
            if result and is_match and previous:
                result[-1] += text
            else:
                result.append(text)
            previous = is_match
        return result
    merged_with_next = behavior == "MergedWithNext"
    result, previous = [], False
    for text, is_match in reversed(segments) if merged_with_next else segments:
        if is_match and not previous and result:
            result[-1] = text + result[-1] if merged_with_next else result[-1] + text
        else:
            result.append(text)
        previous = is_match
    return result[::-1] if merged_with_next else result


def pre_tokenize(spec, pieces, at_start=False):
    """at_start: the first piece begins the text (Metaspace's prepend_scheme "first" prepends only there)."""
    if spec is None:
        return pieces
    kind = spec["type"]
    if kind == "Sequence":
        for step in spec["pretokenizers"]:
            pieces = pre_tokenize(step, pieces, at_start)
        return pieces
    if kind == "Metaspace":
        result = []
        for i, piece in enumerate(pieces):
            piece = piece.replace(" ", spec["replacement"])
            scheme = spec["prepend_scheme"]
            if (scheme == "always" or scheme == "first" and at_start and i == 0) and not piece.startswith("▁"):
                piece = spec["replacement"] + piece
            result.extend(split_with("▁", piece, "MergedWithNext") if spec["split"] else [piece])
        return result
    if kind == "Split":
        pattern = spec["pattern"].get("Regex") or regex.escape(spec["pattern"]["String"])
        return [part for piece in pieces for part in split_with(pattern, piece, spec["behavior"])]
    if kind == "Digits":
        pattern = r"\p{N}" if spec["individual_digits"] else r"\p{N}+"
        return [part for piece in pieces for part in split_isolated(pattern, piece)]
    if kind == "ByteLevel":
        if spec.get("use_regex", True):
            pieces = [part for piece in pieces for part in split_isolated(GPT2_PATTERN, piece)]
        return ["".join(BYTE_SYMBOL[b] for b in piece.encode("utf-8")) for piece in pieces]
    raise ValueError(kind)


# ----- the BPE model --------------------------------------------------------------------------------------------

def bpe(model, piece):
    if model.get("ignore_merges") and piece in model["vocab"]:
        return [model["vocab"][piece]]
    vocab, ranks = model["vocab"], {tuple(merge): rank for rank, merge in enumerate(model["merges"])}
    unk = model.get("unk_token")
    symbols = []
    for char in piece:
        if char in vocab:
            symbols.append(char)
            continue
        fallback = [f"<0x{b:02X}>" for b in char.encode("utf-8")]
        if model.get("byte_fallback") and all(token in vocab for token in fallback):
            symbols.extend(fallback)
        elif model.get("fuse_unk") and symbols and symbols[-1] == unk:
            continue
        else:
            symbols.append(unk)
    while True:
        pairs = [(ranks.get((a, b), None), i) for i, (a, b) in enumerate(zip(symbols, symbols[1:]))]
        pairs = [(rank, i) for rank, i in pairs if rank is not None]
        if not pairs:
            return [vocab[symbol] for symbol in symbols]
        _, i = min(pairs)
        symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]


# ----- added tokens, then the whole pipeline --------------------------------------------------------------------

def split_added(text, tokens):
    """Hugging Face's AddedVocabulary split: leftmost-longest matches; lstrip/rstrip swallow adjacent whitespace."""
    pieces, position, last = [], 0, 0
    while position < len(text):
        found = [token for token in tokens if text.startswith(token["content"], position)]
        if not found:
            position += 1
            continue
        token = max(found, key=lambda t: len(t["content"]))
        start, end = position, position + len(token["content"])
        if token.get("lstrip"):
            while start > last and text[start - 1].isspace():
                start -= 1
        if token.get("rstrip"):
            while end < len(text) and text[end].isspace():
                end += 1
        if start > last:
            pieces.append(text[last:start])
        pieces.append(token)
        position = last = end
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def encode(tokenizer, text):
    added = tokenizer["added_tokens"]
    raw = [token for token in added if not token["normalized"]]
    # A normalized added token is matched in its own normalized form, as AddedVocabulary builds its trie.
    normalized = [dict(token, content=normalize(tokenizer["normalizer"], token["content"]))
                  for token in added if token["normalized"]]
    ids = []
    for i, piece in enumerate(split_added(text, raw)):
        if isinstance(piece, dict):
            ids.append(piece["id"])
            continue
        for j, part in enumerate(split_added(normalize(tokenizer["normalizer"], piece), normalized)):
            if isinstance(part, dict):
                ids.append(part["id"])
                continue
            for word in pre_tokenize(tokenizer["pre_tokenizer"], [part], at_start=i == 0 and j == 0):
                ids.extend(bpe(tokenizer["model"], word))
    return ids


def decode(tokenizer, ids):
    by_id = {id_: token for token, id_ in tokenizer["model"]["vocab"].items()}
    by_id.update({token["id"]: token["content"] for token in tokenizer["added_tokens"]})
    return decode_tokens(tokenizer["decoder"], [by_id[id_] for id_ in ids])


def decode_tokens(spec, tokens):
    kind = spec["type"]
    if kind == "Metaspace":
        return "".join(decode_step(spec, tokens))
    if kind == "ByteLevel":
        data = b"".join(bytes([SYMBOL_BYTE[c]]) if c in SYMBOL_BYTE else c.encode("utf-8")
                        for token in tokens for c in token)
        return data.decode("utf-8", errors="replace")
    for step in spec["decoders"]:
        tokens = decode_step(step, tokens)
    return "".join(tokens)


def decode_step(step, tokens):
    kind = step["type"]
    if kind == "Metaspace":
        drop_first = step["prepend_scheme"] != "never"
        return [token.replace(step["replacement"], "" if i == 0 and drop_first else " ")
                for i, token in enumerate(tokens)]
    if kind == "Replace":
        return [token.replace(step["pattern"]["String"], step["content"]) for token in tokens]
    if kind == "Fuse":
        return ["".join(tokens)]
    if kind == "Strip":
        result = []
        for token in tokens:
            start = 0
            while start < min(step["start"], len(token)) and token[start] == step["content"]:
                start += 1
            result.append(token[start:])
        return result
    if kind == "ByteFallback":
        result, pending = [], []
        for token in tokens + [None]:
            if token is not None and regex.fullmatch(r"<0x[0-9A-F]{2}>", token):
                pending.append(int(token[3:5], 16))
                continue
            if pending:
                try:
                    result.append(bytes(pending).decode("utf-8"))
                except UnicodeDecodeError:
                    result.extend("\ufffd" for _ in pending)
                pending = []
            if token is not None:
                result.append(token)
        return result
    raise ValueError(kind)


# ----- training the tiny vocabularies ---------------------------------------------------------------------------

def train_merges(words, symbols, count):
    """Greedy BPE: merge the most frequent adjacent pair (ties: the smallest pair) until count merges."""
    words = [list(word) for word in words]
    merges = []
    for _ in range(count):
        frequency = {}
        for word in words:
            for pair in zip(word, word[1:]):
                frequency[pair] = frequency.get(pair, 0) + 1
        if not frequency:
            break
        best = min(frequency, key=lambda pair: (-frequency[pair], pair))
        merges.append(f"{best[0]} {best[1]}")
        symbols.append(best[0] + best[1])
        for word in words:
            i = 0
            while i < len(word) - 1:
                if (word[i], word[i + 1]) == best:
                    word[i:i + 2] = [best[0] + best[1]]
                i += 1
    return merges


def byte_level(name, normalizer, pre_tokenizer, added, merge_count, whole_words=()):
    spec = {"type": "ByteLevel", "use_regex": False} if pre_tokenizer is None else pre_tokenizer
    words = [word for line in CORPUS for word in pre_tokenize(spec, [normalize(normalizer, line)])]
    symbols = bytes_to_unicode_order()
    merges = train_merges(words, symbols, merge_count)
    # Words in the vocabulary that no merge makes: only ignore_merges finds them whole.
    vocab = {symbol: i for i, symbol in enumerate(dict.fromkeys(symbols + list(whole_words)))}
    added = [dict(token, id=len(vocab) + i) for i, token in enumerate(added)]
    return name, {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added_token(token) for token in added],
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": bool(whole_words),
                  "vocab": vocab, "merges": [merge.split(" ") for merge in merges]},
    }


def bytes_to_unicode_order():
    printable = [b for b in range(256) if b in range(ord("!"), ord("~") + 1) or 0xA1 <= b <= 0xAC or 0xAE <= b]
    return [BYTE_SYMBOL[b] for b in printable] + [BYTE_SYMBOL[b] for b in range(256) if b not in printable]


def sentence_piece(name, specials, normalizer, decoder, added, merge_count, pre_tokenizer=None):
    """SentencePiece-style BPE; the vocabulary is trained on the text as Llama 2's normalizer makes it."""
    text = [normalize(normalizer or LLAMA2_NORMALIZER, line) for line in CORPUS]
    # Characters outside the vocabulary: they fall back to bytes (or become the unknown token).
    left_out = set("€😀∑") | {"\u0301", "\u0300"}
    chars = sorted({c for line in text for c in line} - left_out)
    symbols = list(specials) + [f"<0x{b:02X}>" for b in range(256)] + chars
    merges = train_merges(text, symbols, merge_count)
    vocab = {symbol: i for i, symbol in enumerate(dict.fromkeys(symbols))}
    base = [{"content": token, "special": True, "normalized": False} for token in specials]
    added = [dict(token, id=vocab[token["content"]]) for token in base] + [
        dict(token, id=len(vocab) + i) for i, token in enumerate(added)]
    return name, {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added_token(token) for token in added],
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": None, "decoder": decoder,
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "ignore_merges": False,
                  "vocab": vocab, "merges": [merge.split(" ") for merge in merges]},
    }


def added_token(token):
    return {"id": token["id"], "content": token["content"], "single_word": False,
            "lstrip": token.get("lstrip", False), "rstrip": token.get("rstrip", False),
            "normalized": token.get("normalized", False), "special": token.get("special", True)}


def split_step(pattern, behavior):
    return {"type": "Split", "pattern": pattern, "behavior": behavior, "invert": False}


LLAMA2_NORMALIZER = {"type": "Sequence", "normalizers": [
    {"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]}
METASPACE = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": False}
SP_DECODE = [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "}, {"type": "ByteFallback"},
             {"type": "Fuse"}]
FIXTURES = [
    (byte_level("qwen-nfc", {"type": "NFC"},
                {"type": "Sequence", "pretokenizers": [
                    {"type": "Split", "pattern": {"Regex": QWEN_PATTERN}, "behavior": "Isolated", "invert": False},
                    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}]},
                [{"content": "<|endoftext|>"}, {"content": "<|im_start|>"}, {"content": "<|im_end|>"}], 120),
     {"bos_token": None, "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"},
     ["<|im_start|>user\nHello world<|im_end|>\n<|im_start|>assistant\n", "café<|endoftext|>cafe\u0301"]),
    (byte_level("llama3-style", None,
                {"type": "Sequence", "pretokenizers": [
                    {"type": "Split", "pattern": {"Regex": LLAMA3_PATTERN}, "behavior": "Isolated", "invert": False},
                    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
                [{"content": "<|begin_of_text|>"}, {"content": "<|end_of_text|>"}, {"content": "<|eot_id|>"}], 100,
                whole_words=["Ġzebra", "Ġtherefore"]),
     {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "pad_token": None},
     ["<|begin_of_text|>a zebra, therefore<|eot_id|>", "123456789 1234"]),
    (byte_level("split-behaviours", None,
                {"type": "Sequence", "pretokenizers": [
                    split_step({"String": " "}, "MergedWithPrevious"), split_step({"Regex": r"\d"}, "Contiguous"),
                    split_step({"String": ","}, "Removed"), split_step({"String": "-"}, "MergedWithNext"),
                    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
                [{"content": "<|endoftext|>"}], 80),
     {"bos_token": None, "eos_token": "<|endoftext|>", "pad_token": None},
     ["a-b--c, d,,e 12-34  x", "-lead and trail-"]),
    (byte_level("smollm-digits", None,
                {"type": "Sequence", "pretokenizers": [
                    {"type": "Digits", "individual_digits": True},
                    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}]},
                [{"content": "<|endoftext|>"}, {"content": "<|im_start|>"},
                 {"content": "<|im_end|>", "rstrip": True, "lstrip": True}], 100),
     {"bos_token": "<|im_start|>", "eos_token": "<|im_end|>", "pad_token": None},
     ["x  <|im_end|>  \n y", "<|im_start|>12<|endoftext|>345"]),
    (sentence_piece("gemma-sp", ["<pad>", "<eos>", "<bos>", "<unk>"],
                    {"type": "Replace", "pattern": {"String": " "}, "content": "▁"},
                    {"type": "Sequence", "decoders": SP_DECODE},
                    [{"content": "<start_of_turn>"}, {"content": "<end_of_turn>"}], 120,
                    pre_tokenizer={"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithPrevious",
                                   "invert": False}),
     {"bos_token": "<bos>", "eos_token": "<eos>", "pad_token": "<pad>", "unk_token": "<unk>"},
     ["<bos><start_of_turn>user\nHello world<end_of_turn>\n", "<unk> € <eos>"]),
    (sentence_piece("llama2-sp", ["<unk>", "<s>", "</s>"],
                    LLAMA2_NORMALIZER,
                    {"type": "Sequence", "decoders": SP_DECODE + [
                        {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
                    [{"content": "<|user|>", "rstrip": True}, {"content": "<|end|>", "rstrip": True},
                     {"content": "hello", "normalized": True, "special": False}], 120),
     {"bos_token": "<s>", "eos_token": "</s>", "pad_token": None, "unk_token": "<unk>"},
     ["<s><|user|>\n  Hello world<|end|>\n", "say hello there", "<s> hello"]),
    (sentence_piece("metaspace-sp", ["<unk>", "<s>", "</s>"], None,
                    {"type": "Sequence", "decoders": [
                        dict(METASPACE), {"type": "ByteFallback"}, {"type": "Fuse"}]},
                    [{"content": "[INST]"}], 120, pre_tokenizer=dict(METASPACE, split=True)),
     {"bos_token": "<s>", "eos_token": "</s>", "pad_token": None, "unk_token": "<unk>"},
     ["<s>[INST] Hello world", " two  spaces", "Hello<s>world"]),
]


def main():
    for (name, tokenizer), config, extra in FIXTURES:
        folder = ROOT / name
        folder.mkdir(parents=True, exist_ok=True)
        write(folder / "tokenizer.json", tokenizer)
        write(folder / "tokenizer_config.json", dict(config, tokenizer_class="PreTrainedTokenizerFast"))
        cases = []
        for text in STRINGS + extra:
            ids = encode(tokenizer, text)
            cases.append({"text": text, "ids": ids, "decoded": decode(tokenizer, ids)})
        write(folder / "reference.json", {"cases": cases})
        print(name, len(tokenizer["model"]["vocab"]), "tokens,", len(cases), "cases")


def write(path, value):
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
