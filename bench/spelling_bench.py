"""Spelling benchmark: suggestion latency, tokenise+check throughput, load and end-to-end time.

    .venv/bin/python bench/spelling_bench.py [--baseline-words N]

Each figure comes with a baseline measured in the same run, so ratios stay meaningful on a
busy machine:

* suggestions: notelint's suggester on every typo of the two test fixtures (each word once,
  cold), against pyspellchecker's ``correction()`` on a few of them (about a second a word,
  which is why notelint does not use it);
* throughput: tokenising and checking every title and summary of the corpus fixture, against a
  naive ``re.findall`` + set look-up over the same ranges;
* loading: building the run's dictionary in a fresh process, against importing notelint;
* end to end: ``notelint check`` on the user's notes in a fresh process, with and without NL501.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "spelling"
USER_NOTES = FIXTURES / "user-notes.md"
CORPUS = FIXTURES / "corpus.md"
# fmt: off
USER_TYPOS = [
    "supervsied", "recieve", "quantiaitive", "similarlity", "tung", "interperter", "medcial",
    "achoring", "dimensionl", "stabilier", "negtaive", "rubic", "retreival", "percetion",
    "presistent", "accordinglu", "mulit", "trainining", "semnatic", "evlaution", "commerical",
    "brians", "multimodals", "expenseive", "balaned",
]
# fmt: on


def typo_words() -> list[str]:
    corpus = json.loads((FIXTURES / "corpus_typos.json").read_text(encoding="utf-8"))
    words = USER_TYPOS + [item["typo"] for item in corpus]
    return list(dict.fromkeys(words))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def bench_suggestions(baseline_words: int) -> None:
    from notelint.config.settings import Settings
    from notelint.spelling.checker import build_checker

    checker = build_checker(Settings(root=ROOT / "bench"))
    suggester = checker.suggester
    words = typo_words()
    start = time.perf_counter()
    suggester.suggest("warmup")  # imports rapidfuzz, sorts the word list: paid once
    first_call = time.perf_counter() - start
    suggester.warm()
    latencies = []
    for word in words:
        start = time.perf_counter()
        suggester.suggest(word)
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    median = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"suggestions ({len(words)} typos, each once)")
    print(f"  first call (one-off set-up)  {ms(first_call)}")
    print(f"  median                       {ms(median)}")
    print(f"  95th percentile              {ms(p95)}")
    print(f"  worst                        {ms(latencies[-1])}")

    if baseline_words:
        from spellchecker import SpellChecker

        reference = SpellChecker(language="en")
        # typos with nothing one edit away: pyspellchecker then enumerates every two-edit string
        sample = ["quantiaitive", "evlaution", "trainining", "semnatic"][:baseline_words]
        start = time.perf_counter()
        for word in sample:
            reference.correction(word)
        per_word = (time.perf_counter() - start) / len(sample)
        print(
            f"  baseline: pyspellchecker correction(), {len(sample)} words: {ms(per_word)} a word"
        )
        print(f"  ratio baseline / notelint median: {per_word / median:,.0f}x")


def bench_throughput() -> None:
    from notelint.config.settings import Settings
    from notelint.parse.parser import parse
    from notelint.parse.source import SourceText
    from notelint.spelling.checker import build_checker
    from notelint.spelling.dictionary import language_frequencies
    from notelint.spelling.tokenize import tokenize

    text = CORPUS.read_text(encoding="utf-8")
    document = parse(SourceText(text=text))
    spans = [e.title_span for e in document.entries if e.title_span is not None]
    spans += [block.span for e in document.entries for block in e.summary]
    checker = build_checker(Settings(root=ROOT / "bench"))
    checker.suggester.warm()
    words = sum(
        len(chunk.tokens) for s in spans for chunk in tokenize(text, s.start_offset, s.end_offset)
    )

    def run_checker() -> int:
        fresh = build_checker(Settings(root=ROOT / "bench"))  # cold verdict and suggestion caches
        return sum(1 for s in spans for _ in fresh.check(text, s.start_offset, s.end_offset))

    def run_tokenizer() -> int:
        return sum(1 for s in spans for _ in tokenize(text, s.start_offset, s.end_offset))

    known = language_frequencies("en")
    word_re = re.compile(r"[A-Za-z']+")

    def run_naive() -> int:
        return sum(
            1
            for s in spans
            for w in word_re.findall(text, s.start_offset, s.end_offset)
            if w.lower() not in known
        )

    def best(function: object, repeat: int = 5) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            function()  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        return min(times)

    naive = best(run_naive)
    tokenizer = best(run_tokenizer)
    full = best(run_checker, 3)
    print(f"throughput on the corpus fixture ({words} words, {len(spans)} ranges)")
    print(f"  tokenise only                {ms(tokenizer)}  {words / tokenizer:,.0f} words/s")
    print(f"  tokenise + check + suggest   {ms(full)}  {words / full:,.0f} words/s")
    print(f"  baseline: regex + set look-up{ms(naive)}  {words / naive:,.0f} words/s")
    print(f"  ratio check / baseline: {full / naive:.1f}x")


def fresh_process(code: str) -> float:
    """Seconds for a fresh interpreter to run ``code`` (best of three)."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_processes() -> None:
    build = (
        "from pathlib import Path;from notelint.config.settings import Settings;"
        "from notelint.spelling.checker import build_checker;"
        "from notelint.vocabulary.tags import load_vocabulary;"
        "build_checker(Settings(root=Path('bench')), load_vocabulary(None))"
    )
    imports = "import notelint.config.settings, notelint.vocabulary.tags, notelint.spelling.checker"
    print("loading, fresh process (best of three)")
    base = fresh_process(imports)
    loaded = fresh_process(build)
    print(f"  import only                  {ms(base)}")
    print(f"  import + build dictionary    {ms(loaded)}  (+{ms(loaded - base).strip()})")

    check = (
        "import sys;from notelint.cli import main;"
        f"sys.exit(main(['check','--no-cache','--exit-zero','-q',{str(USER_NOTES)!r}{{extra}}]))"
    )
    quiet = subprocess.DEVNULL
    times: dict[str, float] = {}
    for label, extra in (("all rules", ""), ("without NL501", ",'--ignore','NL501'")):
        best_time = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", check.format(extra=extra)],
                check=True,
                cwd=ROOT,
                stdout=quiet,
            )
            best_time = min(best_time, time.perf_counter() - start)
        times[label] = best_time
    print("end to end: notelint check on the user's notes, process start to exit (best of three)")
    for label, seconds in times.items():
        print(f"  {label:28s} {ms(seconds)}")
    print(f"  ratio all / without NL501: {times['all rules'] / times['without NL501']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline-words",
        type=int,
        default=2,
        help="words to time pyspellchecker's correction() on (about 1 s each; 0 to skip)",
    )
    args = parser.parse_args()
    bench_suggestions(args.baseline_words)
    bench_throughput()
    bench_processes()


if __name__ == "__main__":
    main()
