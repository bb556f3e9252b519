"""The stylized facts of SCIENCE.md hold: the same checks as `steersim validate`, with
six seeds (the command uses ten). Each check's 95% CI must exclude zero in the
direction SCIENCE.md gives."""

import pytest

from sim.science.validation import FACTS

SEEDS = range(1, 7)


@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_stylized_fact_holds(fact):
    result = fact.run(SEEDS, workers=2)
    failed = [f"{c.label}: {c.ci[0]:+.4f} [{c.ci[1]:+.4f}, {c.ci[2]:+.4f}], expected "
              f"{'>' if c.expected > 0 else '<'} 0" for c in result.checks if not c.holds]
    assert not failed, f"{fact.id} ({fact.statement}) does not hold: " + "; ".join(failed)


def test_every_fact_of_science_md_is_covered():
    ids = {f.id for f in FACTS}
    assert {f"SF{i}" for i in range(1, 15)} <= ids
