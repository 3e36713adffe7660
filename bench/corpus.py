"""A synthetic notes corpus in the format of the user's notes, for benchmarks and perf tests.

Deterministic: the same arguments give the same bytes on every machine (one seeded
``random.Random``, no dictionaries or sets iterated for output). Realistic: ``# Venue``
sections; bullets with a paper title and 2-6 backticked tags drawn from real venue,
organisation and country names; tab-indented ``> `` summaries of 1-3 sentences of research
prose; some ``Motivation:`` / ``Method:`` paragraphs and numbered lists; and a few per cent of
the problems real notes have, so that rules have work: misspelt words, tags in another case or
an alias spelling, unknown and repeated tags, trailing whitespace, lines that fell out of the
quote, the same paper noted in two files, and suppression comments (used and unused).

    python bench/corpus.py OUT_DIR --entries 10000 --files 50

writes ``OUT_DIR/notes/notes-000.md`` … and a ``notelint.toml`` (built-in vocabulary only).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

# -- real names ------------------------------------------------------------------------------

VENUES = [
    "NeurIPS", "ICML", "ICLR", "AAAI", "IJCAI", "CVPR", "ICCV", "ECCV", "WACV", "BMVC",
    "MICCAI", "MIDL", "ISBI", "ACL", "EMNLP", "NAACL", "COLING", "KDD", "WWW", "SIGIR",
    "TMLR", "JMLR", "TPAMI", "IJCV", "Nature", "Nature Medicine", "Radiology",
    "MedIA", "TMI", "arXiv", "AISTATS", "UAI", "CoRL", "ICRA", "IROS",
    "MLSys", "FAccT", "Nature Machine Intelligence", "Lancet Digital Health", "NEJM AI",
]  # fmt: skip
# A few sections are not venues: notes files group by topic too.
TOPIC_SECTIONS = ["Generic", "Reading list", "Surveys", "Medical imaging", "To read"]
ORGANISATIONS = [
    ("Google", "US"), ("DeepMind", "GB"), ("Meta", "US"), ("FAIR", "US"), ("OpenAI", "US"),
    ("Microsoft", "US"), ("NVIDIA", "US"), ("Apple", "US"), ("Amazon", "US"), ("IBM", "US"),
    ("Anthropic", "US"), ("Hugging Face", "US"), ("Samsung", "KR"), ("Naver", "KR"),
    ("Sony", "JP"), ("Toyota", "JP"), ("Huawei", "CN"), ("Alibaba", "CN"), ("Tencent", "CN"),
    ("ByteDance", "CN"), ("DeepSeek", "CN"), ("Siemens", "DE"), ("Siemens Healthineers", "DE"),
    ("Philips", "NL"), ("Bosch", "DE"), ("Stanford", "US"), ("MIT", "US"), ("CMU", "US"),
    ("UC Berkeley", "US"), ("Harvard", "US"), ("Princeton", "US"), ("NYU", "US"),
    ("Cornell", "US"), ("UT Austin", "US"), ("Georgia Tech", "US"), ("Mayo Clinic", "US"),
    ("University of Toronto", "CA"), ("Mila", "CA"), ("Vector Institute", "CA"),
    ("Oxford", "GB"), ("Cambridge", "GB"), ("UCL", "GB"), ("Imperial College London", "GB"),
    ("ETH Zurich", "CH"), ("EPFL", "CH"), ("Inria", "FR"), ("CNRS", "FR"), ("TUM", "DE"),
    ("Max Planck", "DE"), ("DKFZ", "DE"), ("University of Freiburg", "DE"), ("KU Leuven", "BE"),
    ("University of Luxembourg", "LU"), ("TU Delft", "NL"), ("Radboudumc", "NL"),
    ("Tsinghua", "CN"), ("Peking", "CN"), ("SJTU", "CN"), ("HKUST", "HK"), ("CUHK", "HK"),
    ("NUS", "SG"), ("KAIST", "KR"), ("POSTECH", "KR"), ("University of Tokyo", "JP"),
    ("RIKEN", "JP"), ("IISc", "IN"), ("ANU", "AU"), ("MBZUAI", "AE"), ("Technion", "IL"),
]  # fmt: skip
COUNTRIES = [
    "US", "GB", "DE", "FR", "CA", "CN", "JP", "KR", "CH", "NL", "SG", "HK", "IN", "AU",
    "IL", "BE", "LU", "IT", "ES", "SE", "DK", "AT", "AE", "BR",
]  # fmt: skip
# Problems in tags: another case, an alias spelling, a typo, a label that is no tag.
TAG_CASE = ["academia", "INRIA", "Github", "Neurips", "Iccv", "Deepmind", "Nvidia"]
TAG_ALIAS = ["USA", "UK", "NIPS", "Facebook", "Google Research", "Meta AI"]
TAG_UNKNOWN = ["Gogle", "Stanfrod", "Turning", "RadAI", "zer0int", "PriorLabs", "Oral", "Poster"]

# -- research prose --------------------------------------------------------------------------

PREFIXES = [
    "Sparse", "Med", "Diff", "Graph", "Flow", "Mix", "Tab", "Seg", "Dyna", "Vi", "Proto",
    "Mamba", "Poly", "Omni", "Hyper", "Meta", "Uni", "Cross", "Self", "Deep", "Long", "Tiny",
    "Open", "Geo", "Bio", "Rad", "Path", "Chest", "Mammo", "Derm", "Retina", "Echo", "Neuro",
    "Tok", "Mask", "Cont", "Lo", "Prompt", "Scale", "Fuse",
]  # fmt: skip
SUFFIXES = [
    "Net", "Former", "GPT", "VAE", "Diff", "SAM", "PFN", "CLIP", "ViT", "DETR", "Mamba",
    "LLaVA", "BERT", "Seg", "Flow", "Gen", "RL", "Mixer", "JEPA", "NeRF", "GS", "Adapter",
]  # fmt: skip
VERSIONS = ["", "", "", "", "v2", "v3", "-R1", "++", "-XL", "-Lite", "2"]
ADJECTIVES = [
    "Efficient", "Scalable", "Robust", "Generalizable", "Interpretable", "Unified",
    "Self-Supervised", "Weakly-Supervised", "Label-Efficient", "Training-Free", "Calibrated",
    "Multi-Scale", "Multi-Modal", "Lightweight", "Adaptive", "Hierarchical", "Causal",
    "Contrastive", "Federated", "Continual", "Sparse", "Dense", "Memory-Efficient",
]  # fmt: skip
NOUNS = [
    "Representation Learning", "Attention", "Token Pruning", "Prompt Tuning", "Distillation",
    "Pre-training", "Fine-tuning", "Retrieval", "Segmentation", "Detection", "Registration",
    "Reconstruction", "Domain Adaptation", "Uncertainty Estimation", "Ensembles",
    "Mixture-of-Experts", "Diffusion Models", "Autoencoders", "Vision Transformers",
    "Language Models", "Graph Neural Networks", "Reward Models", "State Space Models",
]  # fmt: skip
TASKS = [
    "Medical Image Analysis", "Chest X-ray Interpretation", "Mammography Screening",
    "Video Anomaly Detection", "Few-shot Learning", "Tabular Prediction",
    "Open-Vocabulary Segmentation", "3D Reconstruction", "Visual Question Answering",
    "Code Generation", "Long-Context Reasoning", "Robot Manipulation", "Pathology Slides",
    "Subpopulation Shift", "Out-of-Distribution Detection", "Earth Observation",
    "Document Understanding", "Speech Recognition", "Protein Structure Prediction",
    "Time Series Forecasting", "Autonomous Driving", "Radiology Report Generation",
]  # fmt: skip
QUESTIONS = [
    "Can {a} Truly {v} {t}?", "Do {n} Need {x}?", "What Makes {n} Work for {t}?",
    "Are {n} Robust to {s}?", "How Far Can {n} Go in {t}?",
]  # fmt: skip

METHOD = [
    "a two-stage training recipe", "a lightweight adapter on top of a frozen backbone",
    "a contrastive objective between image and text embeddings", "a mixture-of-experts layer",
    "a curriculum that starts from easy samples", "a memory bank of past features",
    "random projections of pooled patch features", "an auxiliary reconstruction loss",
    "test-time augmentation with a consistency check", "a learned token merging step",
    "knowledge distillation from a larger teacher", "a diffusion prior over latent codes",
    "stochastic weight averaging", "a causal mask over the visual tokens",
    "a retrieval module that grounds the answer in external documents",
    "a graph over detected objects", "self-training with confidence-filtered pseudo labels",
    "a hierarchical decoder with skip connections", "an ensemble of diverse prototypes",
    "low-rank updates of the attention weights",
]  # fmt: skip
OBJECT = [
    "the computational cost", "the annotation budget", "spurious correlations",
    "the distribution gap between source and target domains", "calibration error",
    "the memory footprint during inference", "hallucinations in generated reports",
    "the reliance on the text modality", "dense feature degradation", "class imbalance",
    "the number of visual tokens", "sensitivity to acquisition parameters",
    "the gap between training and deployment", "latency on edge devices",
    "catastrophic forgetting", "label noise", "the variance of the gradient estimates",
]  # fmt: skip
DATASET = [
    "ImageNet", "COCO", "ADE20K", "CheXpert", "MIMIC-CXR", "BraTS", "Cityscapes", "Kinetics",
    "LAION", "VQAv2", "MMLU", "GSM8K", "HumanEval", "ScanNet", "nuScenes", "CAMELYON16",
    "UK Biobank", "OpenML benchmarks", "WILDS", "Objaverse",
]  # fmt: skip
METRIC = [
    "accuracy", "AUC", "mean IoU", "the Dice score", "expected calibration error", "F1",
    "sensitivity at fixed specificity", "top-1 accuracy", "BLEU", "pass@1", "FID",
    "mean average precision", "recall at ten",
]  # fmt: skip
DOMAIN = [
    "medical imaging", "remote sensing", "natural language processing", "robotics",
    "computational pathology", "radiology", "autonomous driving", "video understanding",
    "tabular data", "speech", "3D vision", "reinforcement learning",
]  # fmt: skip
BASELINE = [
    "the supervised baseline", "CLIP", "DINOv2", "a ViT-B/16", "nnU-Net", "XGBoost",
    "the previous state of the art", "a ResNet-50", "GPT-4", "Llama 3", "a U-Net",
    "standard fine-tuning", "linear probing",
]  # fmt: skip
SENTENCES = [
    "The paper proposes {method} to reduce {object} in {domain}.",
    "To tackle {object}, the authors combine {method} with {method2}.",
    "The key idea is {method}, which keeps the backbone frozen and trains only a few layers.",
    "Experiments on {dataset} show that the approach beats {baseline} by {n} points in {metric}.",
    "The proposed model matches {baseline} on {dataset} while using {k} times fewer parameters.",
    "The authors observe that {object} hurts performance most when the training set is small.",
    "An ablation study shows that {method} contributes the most to the final {metric}.",
    "Yet, the training objective is not clearly presented and the code is not released.",
    "The paper evaluates the approach on {dataset} and reports {metric} on held-out sites.",
    "Unlike prior work, the method needs no labels during pre-training.",
    "The results suggest that scaling data matters more than scaling the model for {domain}.",
    "It is hard to tell which component contributes the most without a proper ablation.",
    "The evaluation covers {dataset} and {dataset2}, with a clear improvement in {metric}.",
    "Interestingly, a simple baseline trained with {method} is already competitive.",
    "The authors release a new benchmark for {domain} with expert annotations.",
    "During inference, the model relies on {method} to keep latency low.",
]  # fmt: skip
LIST_ITEMS = [
    "Use {method} to reduce {object}.",
    "Evaluate on {dataset} with {metric} as the main metric.",
    "Compare against {baseline} under the same compute budget.",
    "Ablate {method} and report the drop in {metric}.",
    "Scale the training data from {dataset} to {dataset2}.",
    "Report failure cases where {object} dominates.",
]  # fmt: skip
TYPOS = [
    ("receive", "recieve"), ("supervised", "supervsied"), ("quantitative", "quantiaitive"),
    ("similarity", "similarlity"), ("interpreter", "interperter"), ("retrieval", "retreival"),
    ("evaluation", "evlaution"), ("commercial", "commerical"), ("semantic", "semnatic"),
    ("dimensional", "dimensionl"), ("negative", "negtaive"), ("medical", "medcial"),
    ("stabler", "stabilier"), ("accordingly", "accordinglu"), ("expensive", "expenseive"),
    ("persistent", "presistent"), ("perception", "percetion"), ("training", "trainig"),
    ("performance", "perfromance"), ("architecture", "architecure"),
]  # fmt: skip


@dataclass
class _Paper:
    title: str
    tags: list[str]


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.titles: set[str] = set()

    def pick(self, items: list[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def name(self) -> str:
        return self.pick(PREFIXES) + self.pick(SUFFIXES) + self.pick(VERSIONS)

    def title(self) -> str:
        for _ in range(50):
            roll = self.rng.random()
            if roll < 0.55:
                text = (
                    f"{self.name()}: {self.pick(ADJECTIVES)} {self.pick(NOUNS)} "
                    f"for {self.pick(TASKS)}"
                )
            elif roll < 0.8:
                text = f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)} for {self.pick(TASKS)}"
            else:
                text = self.pick(QUESTIONS).format(
                    a=self.pick(["Vision-Language Models", "Foundation Models", "LLMs"]),
                    v=self.pick(["Perform", "Solve", "Understand"]),
                    t=self.pick(TASKS),
                    n=self.pick(NOUNS),
                    x=self.pick(["Trained Registers", "Labels", "Attention", "Pre-training"]),
                    s=self.pick(["Distribution Shift", "Typographic Attacks", "Label Noise"]),
                )
            if text not in self.titles:
                self.titles.add(text)
                return text
        text = f"{text} ({len(self.titles)})"
        self.titles.add(text)
        return text

    def tags(self, venue: str | None) -> list[str]:
        rng = self.rng
        count = rng.choice([2, 2, 3, 3, 3, 4, 4, 5, 6])
        tags: list[str] = []
        if venue is not None and rng.random() < 0.9:
            tags.append(venue)
        orgs = rng.sample(ORGANISATIONS, rng.choice([1, 1, 1, 2, 2, 3]))
        for org, country in orgs:
            if len(tags) < count:
                tags.append(org)
            if len(tags) < count and rng.random() < 0.7 and country not in tags:
                tags.append(country)
        while len(tags) < count:
            extra = self.pick(COUNTRIES)
            if extra not in tags:
                tags.append(extra)
        roll = rng.random()
        if roll < 0.02:
            tags[rng.randrange(len(tags))] = self.pick(TAG_CASE)
        elif roll < 0.04:
            tags[rng.randrange(len(tags))] = self.pick(TAG_ALIAS)
        elif roll < 0.055:
            tags.append(self.pick(TAG_UNKNOWN))
        elif roll < 0.06:
            tags.append(tags[0])  # the same tag twice
        return tags

    def fill(self, template: str) -> str:
        method, method2 = self.rng.sample(METHOD, 2)
        dataset, dataset2 = self.rng.sample(DATASET, 2)
        return template.format(
            method=method,
            method2=method2,
            object=self.pick(OBJECT),
            domain=self.pick(DOMAIN),
            dataset=dataset,
            dataset2=dataset2,
            baseline=self.pick(BASELINE),
            metric=self.pick(METRIC),
            n=self.rng.choice(["1.2", "2.5", "3", "4.1", "7"]),
            k=self.rng.choice(["two", "three", "ten"]),
        )

    def sentences(self, count: int) -> str:
        text = " ".join(self.fill(self.pick(SENTENCES)) for _ in range(count))
        if self.rng.random() < 0.08:  # a misspelt word
            _right, wrong = TYPOS[self.rng.randrange(len(TYPOS))]
            words = text.split(" ")
            words.insert(self.rng.randrange(1, len(words)), wrong)
            text = " ".join(words)
        return text

    def summary(self) -> list[str]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.03:
            return []
        if roll < 0.18:
            return [
                f"\t> Motivation: {self.sentences(rng.randint(1, 2))}",
                "\t" if rng.random() < 0.1 else "",
                f"\t> Method: {self.sentences(rng.randint(1, 3))}",
            ]
        if roll < 0.30:
            lines = [f"\t> {self.sentences(1)} The paper makes these points:"]
            # Mostly inside the quote; sometimes the list fell out of it (as in real notes).
            indent = "\t> " if rng.random() < 0.8 else self.pick(["\t", ""])
            for number in range(1, rng.randint(3, 5) + 1):
                lines.append(f"{indent}{number}. {self.fill(self.pick(LIST_ITEMS))}")
            return lines
        lines = [f"\t> {self.sentences(rng.randint(1, 3))}"]
        if rng.random() < 0.03:
            lines.append(self.sentences(1))  # an unindented line: it fell out of the quote
        return lines

    def entry(self, paper: _Paper) -> list[str]:
        rng = self.rng
        head = f"* {paper.title} " + " ".join(f"`{t}`" for t in paper.tags)
        if rng.random() < 0.01:
            head += " "  # trailing whitespace
        lines = [head, *self.summary()]
        lines.append("\t" if rng.random() < 0.03 else "")  # a tab-only line, now and then
        return lines


def generate(out: Path, entries: int = 10_000, files: int = 50, seed: int = 7) -> list[Path]:
    """Write ``files`` notes files holding ``entries`` entries in all under ``out/notes``."""
    writer = _Writer(seed)
    rng = writer.rng
    notes = out / "notes"
    notes.mkdir(parents=True, exist_ok=True)
    (out / "notelint.toml").write_text('paths = ["notes"]\n', encoding="utf-8")
    written: list[Path] = []
    earlier: list[_Paper] = []  # papers of earlier files, for cross-file duplicates
    per_file = [entries // files + (1 if i < entries % files else 0) for i in range(files)]
    for index, count in enumerate(per_file):
        lines: list[str] = []
        remaining = count
        papers: list[_Paper] = []
        while remaining > 0:
            if rng.random() < 0.2:
                heading = writer.pick(TOPIC_SECTIONS)
                venue = None
            else:
                heading = venue = writer.pick(VENUES)
            if lines:
                lines.append("")
            lines.extend([f"# {heading}", ""])
            for _ in range(min(remaining, rng.randint(5, 40))):
                remaining -= 1
                if earlier and rng.random() < 0.004:
                    paper = earlier[rng.randrange(len(earlier))]  # noted in two files
                else:
                    paper = _Paper(writer.title(), writer.tags(venue))
                papers.append(paper)
                roll = rng.random()
                if roll < 0.004:
                    lines.append("<!-- notelint-disable-next-line unknown-tag -->")
                    paper = _Paper(paper.title, [*paper.tags, writer.pick(TAG_UNKNOWN)])
                elif roll < 0.006:
                    lines.append("<!-- notelint-disable-next-line NL304 -->")  # silences nothing
                lines.extend(writer.entry(paper))
        earlier.extend(papers)
        path = notes / f"notes-{index:03d}.md"
        path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.entries, args.files, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{args.entries} entries in {len(paths)} files, {size / 1e6:.1f} MB, under {args.out}")


if __name__ == "__main__":
    main()
