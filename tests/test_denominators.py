"""The denominators that turn staff-level effects into pupil- or patient-level ones are
fixed from cited sources (docs/replication.md) and pinned: changing one is a visible
edit here, never a way to make a study pass."""

from sim.science.denominators import DENOMINATORS


def test_the_denominators_are_the_cited_values():
    assert {name: d.staff_effect_sd for name, d in DENOMINATORS.items()} == {"teachers": 0.10, "physicians": 0.06}
    assert "Rockoff 2004" in DENOMINATORS["teachers"].source
    assert "Fletcher" in DENOMINATORS["physicians"].source
