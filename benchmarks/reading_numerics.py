"""Issue 27's numerics, measured before choosing: what an honest indicator reading costs
and what each cheaper candidate keeps of what the Beta was chosen for.

The model reads a worker's measured score m (0-1) with noise of SD n by a Beta draw,
inverse transform of one uniform per worker (so common random numbers hold worker by
worker): mean exactly m, support inside 0-1, variance m(1-m) n^2 / (m(1-m) + n^2), which
vanishes at the ends. The candidates, each from the same one uniform:

    beta_inverse   the Beta itself, scipy.special.betaincinv (the model's reading until issue 27)
    triangular     symmetric triangular on [m - h, m + h], h = min(sqrt(6) n', m, 1 - m),
                   where n' is the Beta's SD: closed-form inverse (one square root)
    uniform        symmetric uniform on [m - h, m + h], h = min(sqrt(3) n', m, 1 - m)
    numpy_beta     numpy's Beta sampler: exact in distribution, but it draws a variable
                   number of uniforms, so one worker's score moves the others' noise
    split_uniform  two uniform pieces meeting at m, [m - k m, m] with probability 1 - m and
                   [m, m + k (1 - m)] with probability m: the mean is m exactly for any k, the
                   variance k^2 m (1 - m) / 3, matched to the Beta's by k (capped at 1, where
                   the support runs out: m(1 - m) < 2 n^2); the long piece points to the far
                   end, as the Beta's tail does
    split_triangle the same split with a triangular piece on each side, peaked at m
                   (variance k^2 m (1 - m) / 6; the cap binds where m(1 - m) < 5 n^2)

For each: nanoseconds per reading (200 workers x 26 runs, the default batch), and at
m in {0.05, 0.3, 0.5, 0.8, 0.97}, n = 0.1: the mean's error, the share of readings outside
0-1, the SD against the Beta's, and the skew against the Beta's (the Beta leans towards the
far end near a bound; the symmetric candidates cannot).

    python benchmarks/reading_numerics.py    # about 20 seconds; writes reading_numerics.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import betaincinv

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "reading_numerics.json"
NOISE = 0.1
SCORES = (0.05, 0.3, 0.5, 0.8, 0.97)


def beta_sd(m: np.ndarray, n: float) -> np.ndarray:
    spread = m * (1 - m)
    return np.sqrt(spread * n * n / (spread + n * n))


def beta_inverse(m, n, u, rng=None):
    spread = m * (1 - m)
    concentration = spread / (n * n)
    return betaincinv(m * concentration, (1 - m) * concentration, u)


def triangular(m, n, u, rng=None):
    h = np.minimum(np.sqrt(6.0) * beta_sd(m, n), np.minimum(m, 1 - m))
    # the inverse of a symmetric triangular distribution on [-1, 1]
    z = np.where(u < 0.5, np.sqrt(2 * u) - 1, 1 - np.sqrt(2 * (1 - u)))
    return m + h * z


def uniform(m, n, u, rng=None):
    h = np.minimum(np.sqrt(3.0) * beta_sd(m, n), np.minimum(m, 1 - m))
    return m + h * (2 * u - 1)


def numpy_beta(m, n, u, rng):
    spread = m * (1 - m)
    concentration = spread / (n * n)
    return rng.beta(m * concentration, (1 - m) * concentration)


def _split_reach(m, n, pieces_variance):
    """k of a split candidate: its variance k^2 m(1-m) / pieces_variance matched to the Beta's
    m(1-m) n^2 / (m(1-m) + n^2), capped at 1 (each piece then reaches its bound)."""
    return np.minimum(np.sqrt(pieces_variance * n * n / (m * (1 - m) + n * n)), 1.0)


def split_uniform(m, n, u, rng=None):
    k, below = _split_reach(m, n, 3.0), 1 - m
    return np.where(u < below, m - k * m * (1 - u / below), m + k * (1 - m) * (u - below) / m)


def split_triangle(m, n, u, rng=None):
    k, below = _split_reach(m, n, 6.0), 1 - m
    return np.where(u < below, m - k * m * (1 - np.sqrt(u / below)), m + k * (1 - m) * (1 - np.sqrt((1 - u) / m)))


def split_matched(m, n, u, rng=None):
    """Two uniform pieces meeting at m, of lengths below (a) and above (b), the upper with
    probability a / (a + b) (so the mean is m): variance ab/3 and skewness set by b - a,
    matched to the Beta's; where a piece would cross 0 or 1 it stops there and the other
    keeps the variance as far as its own bound allows."""
    spread = m * (1 - m)
    variance = spread * n * n / (spread + n * n)
    concentration = spread / (n * n)
    a_beta, b_beta = m * concentration, (1 - m) * concentration
    skew = 2 * (b_beta - a_beta) * np.sqrt(concentration + 1) / ((concentration + 2) * np.sqrt(a_beta * b_beta))
    gap = 4 / 3 * skew * np.sqrt(variance)            # b - a
    a = (np.sqrt(gap * gap + 12 * variance) - gap) / 2
    b = a + gap
    b = np.minimum(b, 1 - m)
    a = np.minimum(3 * variance / b, m)
    b = np.minimum(3 * variance / a, 1 - m)
    below = b / (a + b)
    return np.where(u < below, m - a * (1 - u / below), m + b * (u - below) / (1 - below))


CANDIDATES = {"beta_inverse": beta_inverse, "triangular": triangular, "uniform": uniform,
              "numpy_beta": numpy_beta, "split_uniform": split_uniform, "split_triangle": split_triangle,
              "split_matched": split_matched}


def cost_ns(draw, repeats: int = 200) -> float:
    rng = np.random.default_rng(1)
    m = rng.uniform(0.3, 0.95, (26, 200))
    u = rng.random((26, 200))
    draw(m, NOISE, u, rng)
    start = time.perf_counter()
    for _ in range(repeats):
        draw(m, NOISE, u, rng)
    return (time.perf_counter() - start) / repeats / m.size * 1e9


def properties(draw, n_draws: int = 200_000) -> list[dict]:
    rng = np.random.default_rng(2)
    out = []
    for score in SCORES:
        m = np.full(n_draws, score)
        x = draw(m, NOISE, rng.random(n_draws), rng)
        ref = beta_inverse(m, NOISE, rng.random(n_draws))
        skew = lambda v: float(np.mean((v - v.mean()) ** 3) / v.std() ** 3)
        out.append({"score": score, "mean_error": float(x.mean() - score),
                    "outside_0_1": float(np.mean((x < 0) | (x > 1))),
                    "sd": float(x.std()), "beta_sd": float(beta_sd(np.array(score), NOISE)),
                    "skew": skew(x), "beta_skew": skew(ref)})
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT))
    result = {"noise": NOISE, "batch": "26 runs x 200 workers", "candidates": {}}
    for name, draw in CANDIDATES.items():
        result["candidates"][name] = {"ns_per_reading": round(cost_ns(draw), 1), "at": properties(draw)}
        print(f"{name:<14} {result['candidates'][name]['ns_per_reading']:>8.1f} ns per reading", flush=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
