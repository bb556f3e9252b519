"""Honest denominators: how a staff-level effect becomes one in the units a study used.

A study of pupils or patients reports an effect in SDs of the pupil's or patient's
outcome. The model's staff-level d is an effect in SDs of the quality of staff's work.
A worker's effect on a pupil or patient is a small part of that person's outcome, so
the conversion is the SD of staff effects measured in pupil or patient SDs (tau):
``d_citizen = tau x d_staff``. This reads the model's staff spread as the spread of
teachers' or physicians' value added, an assumption the replication report states.

Each value here was fixed, with its source, before any model result in those units was
looked at, and a test pins it: a change is a visible edit, never a way to make a study
pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Denominator:
    """The SD of one kind of staff's effect on a citizen's outcome, in citizen-level SDs."""

    name: str
    staff_effect_sd: float
    citizen_outcome: str
    source: str


DENOMINATORS: dict[str, Denominator] = {d.name: d for d in (
    Denominator(
        "teachers", 0.10, "a pupil's test score",
        "Rockoff 2004 (AER Papers & Proceedings 94(2), 247-252), abstract: 'moving up one standard deviation "
        "in the teacher fixed effect distribution raises both reading and math test scores by approximately "
        ".1 standard deviations'; Chetty, Friedman & Rockoff 2014 report 0.13 on average (read only in third-"
        "party notes)"),
    Denominator(
        "physicians", 0.06, "a patient's health at discharge",
        "Fletcher, Horwitz & Bradley 2014 (NBER w20534), abstract: patients of a 75th- rather than a 25th-"
        "percentile physician leave hospital 8% of an SD healthier; 0.08 / 1.349 (the interquartile range of "
        "a normal in SDs) = 0.06"),
)}
