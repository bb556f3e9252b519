"""M6: incidents and the media. Serious errors sometimes become visible incidents; the
chance grows with media attention (Hood 2011). Severity is mostly minor with a long
tail. A visible incident lowers citizens' trust a little everywhere (news travels);
a scenario can also schedule a scandal.

The region reacts to its incident *rate*, not its count: a region twice the size (more
units, or more staff per unit) has twice the incidents but not twice the news or twice
the board's attention, so each incident weighs ``news_staff / frontline staff`` (1 at
the default 20 units of 10). Without this, a large region would drift into control by
construction. A scheduled scandal is front-page news whatever the region's size and
weighs in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_run, per_unit
from sim.model.runaxis import total

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("visibility", 0.05, "share", (0.02, 0.12),
                "share of serious errors that become visible at full media attention",
                "Hood 2011 (size: assumption)"),
    coefficient("visibility_floor", 0.2, "share", (0.05, 0.4),
                "visibility with no media attention, as a share of that at full attention"),
    coefficient("severity_shape", 4.0, "Beta(1, shape)", (2.0, 8.0),
                "incident severity is Beta(1, shape): mostly minor, a long tail", low=0.1),
    coefficient("incident_trust_shock", 0.1, "share per severity", (0.03, 0.2),
                "share of every citizen's trust lost per unit of visible severity at full "
                "media attention"),
    coefficient("max_trust_shock", 0.5, "share", (0.3, 0.7),
                "the most trust one week's incidents can take"),
    coefficient("news_staff", 200.0, "frontline staff", (100.0, 400.0),
                "frontline staff whose incidents make a full week of news: each incident weighs "
                "news_staff / frontline staff, so the reaction follows the incident rate",
                "assumption (size invariance)", low=1),
)


class Owns(Fields):
    """Serious errors, the incidents they become, and the news they make."""

    serious_errors: Array = per_unit("expected serious errors in the unit's cases this week")
    incident_severity: Array = per_unit("severity of this week's visible incident, 0 if none")
    incident_news: Array = per_unit("that severity as weighed in the region's news (by the region's size)")
    scheduled_incidents: Array = per_unit("the severity of a scandal a scenario schedules for this week")
    incidents: Array = per_run("visible incidents this week")
    incident_news_total: Array = per_run("total severity of this week's visible incidents as weighed in "
                                         "the news")


READS = Reads(fields=("caseload", "error_risk"),
              levers=("error_policy",),
              inputs=("media_attention", "serious_severity"),
              updates=("trust", "punished"))
INCIDENTS = Stream("incidents", "whether each unit's serious errors become a visible incident, and "
                                "how severe", "unit", (("random", 2),))
STREAMS = (INCIDENTS,)
RESULTS = ("incidents",)


def probability(*, serious_errors: Array, media_attention: Array, c: Inputs) -> Array:
    """Chance that a unit's serious errors this week make at least one visible incident."""
    seen = c.visibility * (c.visibility_floor + (1 - c.visibility_floor) * media_attention)
    return 1 - np.exp(-serious_errors * seen)


def draw(*, chance: Array, draw_happens: Array, draw_severity: Array, c: Inputs) -> Array:
    """Severity (0-1) of each unit's incident this week, 0 where none (Beta(1, shape)
    by inverse transform of a uniform)."""
    severity = 1 - (1 - draw_severity) ** (1 / c.severity_shape)
    return np.where(draw_happens < chance, severity, 0)


def news(*, random_severity: Array, scandal_severity: Array, n_staff: int, c: Inputs) -> tuple[Array, Array]:
    """(severity per unit, the weight each carries in the news) this week: a unit's
    incident weighs by the region's size (its frontline staff), a scheduled scandal in full."""
    severity = np.maximum(random_severity, scandal_severity)
    weight = np.where(scandal_severity >= random_severity, 1, c.news_staff / n_staff)
    return severity, severity * weight


def citizen_shock(*, trust: Array, severity_total: Array, media_attention: Array, c: Inputs) -> Array:
    """Every citizen's trust after this week's visible incidents (``severity_total``:
    their severity as weighed in the news)."""
    return trust * (1 - clip(c.incident_trust_shock * media_attention * severity_total,
                             0, c.max_trust_shock))


def blame(*, incident_severity: Array, error_policy: Array, c: Inputs) -> Array:
    """How much a unit's staff are blamed for its incident (0-1): punish-all blames every
    incident; forgive-minor only serious ones (severity from ``serious_severity``)."""
    forgiven = np.where(incident_severity >= c.serious_severity, 0, error_policy)
    return incident_severity * (1 - forgiven)


# ------------------------------------------------------------------ steps of the week
def errors_become_news(s: State) -> None:
    """Serious errors become visible incidents by chance (and a scheduled scandal
    surely); the news lowers every citizen's trust, and staff are blamed."""
    c = s.c
    s.serious_errors = s.per_unit(s.caseload * s.error_risk)
    chance = probability(serious_errors=s.serious_errors, media_attention=c.media_attention, c=c)
    (happens, how_severe), = s.draw(INCIDENTS)
    severity, weighed = news(random_severity=draw(chance=chance, draw_happens=happens, draw_severity=how_severe, c=c),
                             scandal_severity=s.scheduled_incidents, n_staff=s.n_staff, c=c)
    s.scheduled_incidents[:] = 0
    s.incident_severity, s.incident_news = severity, weighed
    s.incidents = total(severity > 0).astype(float)
    s.incident_news_total = total(weighed)
    if severity.any():
        # a run without an incident this week is left as it is (a shock of 0 and no
        # blame change nothing), so its numbers do not depend on its batch
        s.trust = citizen_shock(trust=s.trust, severity_total=s.incident_news_total,
                                media_attention=c.media_attention, c=c)
        blamed = blame(incident_severity=severity, error_policy=s.lever.error_policy, c=c)
        s.punished = np.clip(s.punished + s.at_worker(blamed), 0, 1)
