# Faithful port of HF transformers BertTokenizer (slow): BasicTokenizer + WordpieceTokenizer,
# plus PreTrainedTokenizer's special-token splitting (split_special_tokens=False) and its per-character
# lower-casing of non-special text. Written from the transformers source because transformers itself is not
# installed here; it produced hf-bert-reference.jsonl (random strings drawn from ASCII, Latin, Greek, Cyrillic,
# combining marks, CJK, emoji, controls, spaces and literal special tokens; Python 3.11, Unicode 14).
# Usage: python3 hf_bert_reference.py vocab.txt [1|0 lower-case] < texts.jsonl > tokens.jsonl
import unicodedata, sys, json
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
def load_vocab(p):
    v = {}
    with open(p, encoding="utf-8") as f:
        for i, l in enumerate(f.readlines()):
            v[l.rstrip("\n")] = i
    return v
def _is_whitespace(c):
    if c in " \t\n\r": return True
    return unicodedata.category(c) == "Zs"
def _is_control(c):
    if c in "\t\n\r": return False
    return unicodedata.category(c).startswith("C")
def _is_punctuation(c):
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126: return True
    return unicodedata.category(c).startswith("P")
def _is_chinese(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)
def ws(t):
    t = t.strip()
    return t.split() if t else []
def basic(text, lower, never_split):
    text = "".join(" " if _is_whitespace(c) else c for c in text if not (ord(c) == 0 or ord(c) == 0xFFFD or _is_control(c)))
    text = "".join(" " + c + " " if _is_chinese(ord(c)) else c for c in text)
    text = unicodedata.normalize("NFC", text)
    out = []
    for tok in ws(text):
        if tok not in never_split:
            if lower:
                tok = tok.lower()
                tok = "".join(c for c in unicodedata.normalize("NFD", tok) if unicodedata.category(c) != "Mn")
        if tok in never_split:
            out.append(tok); continue
        cur = []; parts = []; start_new = True
        for c in tok:
            if _is_punctuation(c):
                parts.append([c]); start_new = True
            else:
                if start_new: parts.append([]); start_new = False
                parts[-1].append(c)
        out.extend("".join(p) for p in parts)
    return ws(" ".join(out))
def wordpiece(tok, vocab):
    chars = list(tok)
    if len(chars) > 100: return ["[UNK]"]
    start = 0; subs = []
    while start < len(chars):
        end = len(chars); cur = None
        while start < end:
            s = "".join(chars[start:end])
            if start > 0: s = "##" + s
            if s in vocab: cur = s; break
            end -= 1
        if cur is None: return ["[UNK]"]
        subs.append(cur); start = end
    return subs
def tokenize(text, vocab, lower=True):
    # trie split on special tokens (exact, case-sensitive), lowercasing non-special parts first as HF does
    segs = []; i = 0; buf = ""
    while i < len(text):
        m = next((s for s in SPECIALS if text.startswith(s, i)), None)
        if m:
            if buf: segs.append((buf, False)); buf = ""
            segs.append((m, True)); i += len(m)
        else:
            buf += text[i]; i += 1
    if buf: segs.append((buf, False))
    out = []
    for s, special in segs:
        if special: out.append(s); continue
        if lower:  # PreTrainedTokenizer.tokenize: re.sub(r"(specials)|(.+?)", g0 or g1.lower()) -> per-char lower, '.' skips newline
            s = "".join(c if c == "\n" else c.lower() for c in s)
        for t in basic(s, lower, set(SPECIALS)):
            if t in SPECIALS: out.append(t)
            else: out.extend(wordpiece(t, vocab))
    return out
if __name__ == "__main__":
    vocab = load_vocab(sys.argv[1])
    lower = sys.argv[2] == "1" if len(sys.argv) > 2 else True
    for line in sys.stdin:
        text = json.loads(line)
        print(json.dumps(tokenize(text, vocab, lower), ensure_ascii=False))
