"""A small notes collection for the stats and report tests: every year source, aliases,
organisations that imply countries, tags that travel together, an entry without a summary."""

from __future__ import annotations

from pathlib import Path

FILES = {
    "notes/conf_2024.md": """\
# CVPR

* Segment Anything `Meta` `US`
  > Promptable segmentation.

* Depth Anything `HKU` `TikTok`
  > Monocular depth at scale.

# ICLR 2023

* Vision Transformers Need Registers `Meta` `Inria`
  > Register tokens.
""",
    "notes/conf_2025.md": """\
# Generic

* Scaling Laws Again `NeurIPS2022` `Google` `DeepMind`
  > Tag years win over the file's year.

* An Unsummarised Paper `ICML` `Google`

* Another Google Paper `ICML` `Google` `DeepMind`
  > Google and DeepMind again.
""",
    "notes/reading.md": """\
# Reading list

* A Paper With No Year `Stanford`
  > No year anywhere.
""",
}


def write_notes(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "notelint.toml").write_text('paths = ["notes"]\n', encoding="utf-8")
    return root
