"""Gating a run in CI: findings on changed lines only (--diff-base), baselines, fingerprints."""
