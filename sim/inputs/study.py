"""Study files: a published field study set up in the model, with what it measured.

A study file (TOML, in ``studies/`` or anywhere) says how the study's setting looks in
the model, what changed, how long it was followed, what it measured and what it found::

    id = "propper_2010"
    title = "Waiting-time targets with sanctions: England against Scotland"
    citation = "Propper, C., Sutton, M., Whitnall, C. & Windmeijer, F. (2010). ..."
    role = "testing"            # or "sizing": it sets one coefficient's size
    design = "difference-in-differences, England (targets) against Scotland (none)"

    [setting]                   # the organisation: every value with its source
    measurability = { value = 0.85, source = "elective waits are timestamps: ..." }

    [baseline]                  # the comparison arm: a preset and the levers that differ
    scenario = "rule_based"
    levers = { indicators = { value = 4, source = "..." } }

    [treatment]                 # what changed, when, in the treated arm
    week = 1
    levers = { target_pressure = { value = 0.9, source = "..." } }

    [run]
    follow = 208                # weeks followed after the change
    seeds = 10

    [[outcomes]]
    id = "waits"
    what = "waits fell"
    observable = "measured_quality"
    measure = "difference"
    published = { kind = "sign", direction = 1, units = "...", source = "..." }
    confirmed = "CONFIRMED: the abstract, at ..."

    [[checks]]                  # patterns written before the run
    id = "no_diversion"
    kind = "smaller_than"
    ...

A study never sets a behaviour input or a mechanism's coefficient: the model is held
to one set of coefficients across every study (``steersim replicate``). Both arms share
the baseline's past (by default its own steady state, ``past_regime = "self"``); the
treated arm changes at ``week``. Every error is one line naming the file, the line, the
key and what is allowed (``steersim schema study`` gives editors the schema).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationError

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.data import shipped
from sim.inputs.events import SetLevers
from sim.inputs.files import NAME_PATTERN, NAME_RULE, line_of
from sim.inputs.scenario import Scenario, display, load_scenario, read_toml, resolve
from sim.inputs.schema import INPUTS, RENAMED

_STRICT = ConfigDict(extra="forbid", strict=True)
Number = StrictInt | StrictFloat
Text = Annotated[StrictStr, Field(min_length=3)]
#: How a model effect is put in the study's terms (``sim.science.replication``).
MEASURES = ("difference", "points", "relative", "d_unit", "d_staff", "d_citizen")
#: What a study published about an outcome.
PUBLISHED = ("interval", "point", "sign", "null", "none")
#: Patterns a study's check can test, each written before the run.
#: The pattern tests a study can write before its run, and the fields each needs.
CHECKS = {"smaller_than": ("than", "share"), "relative_below": ("limit",), "within": ("low", "high"),
          "worse_before_better": ("early", "late"), "quartiles": ("share",),
          "pilot_power_below": ("units", "weeks", "limit")}


def studies_dir() -> Path:
    return shipped("studies")


def study_names() -> list[str]:
    return sorted(p.stem for p in studies_dir().glob("*.toml"))


class Sourced(BaseModel):
    """A value of the study's setting and where it comes from."""

    model_config = _STRICT
    value: Number | StrictStr | StrictBool
    source: Text = Field(description="where the value comes from, or 'assumption' with a reason")


class Baseline(BaseModel):
    model_config = _STRICT
    scenario: StrictStr = Field(description="a preset name or a scenario file (relative to the study file)")
    levers: dict[str, Sourced] = Field(default_factory=dict, description="levers of the setting that differ")


class Treatment(BaseModel):
    model_config = _STRICT
    week: StrictInt = Field(1, ge=1, le=2000, description="the week the change starts (1 = the first)")
    until: StrictInt | None = Field(None, ge=2, le=2000,
                                    description="the follow-up week the change is undone (a programme that ends)")
    co_created: StrictBool = Field(False, description="worked out with staff rather than imposed")
    preset: StrictStr | None = Field(None, description="take every lever of this preset (with 'source')")
    source: StrictStr | None = Field(None, description="why the preset stands for the change")
    levers: dict[str, Sourced] = Field(default_factory=dict, description="the levers the change sets")


class RunPart(BaseModel):
    model_config = _STRICT
    follow: StrictInt = Field(260, ge=4, le=2000, description="weeks followed after the change")
    seeds: StrictInt = Field(10, ge=2, le=1000, description="paired seeds 1..N")


class Published(BaseModel):
    """What the study published about one outcome, in its own units."""

    model_config = _STRICT
    kind: Literal["interval", "point", "sign", "null", "none"]
    estimate: Number | None = None
    low: Number | None = None
    high: Number | None = None
    direction: Literal[-1, 1] | None = None
    bound: Number | None = Field(None, ge=0, description="a null's equivalence bound (its CI, or its MDE)")
    units: Text
    source: Text
    why: StrictStr | None = Field(None, description="for kind 'none': why the model cannot show it")


class Outcome(BaseModel):
    model_config = _STRICT
    id: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
    what: Text = Field(description="the outcome as the study measured it, in words")
    observable: StrictStr | None = Field(None, description="the model's metric that stands for it")
    measure: Literal["difference", "points", "relative", "d_unit", "d_staff", "d_citizen"] = "difference"
    denominator: StrictStr | None = Field(None, description="for d_citizen: whose staff effects convert it "
                                                            "(sim.science.denominators: teachers, physicians)")
    window: list[StrictInt] | None = Field(None, min_length=2, max_length=2,
                                           description="[first, last] week of the follow-up averaged")
    published: Published
    confirmed: Text = Field(description="what was checked against the paper, where; or NOT CONFIRMED")


class Check(BaseModel):
    model_config = _STRICT
    id: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
    what: Text
    kind: Literal["smaller_than", "relative_below", "within", "worse_before_better", "quartiles",
                  "pilot_power_below"]
    outcome: StrictStr
    than: StrictStr | None = None
    share: Number | None = Field(None, gt=0, le=10)
    limit: Number | None = None
    low: Number | None = None
    high: Number | None = None
    early: list[StrictInt] | None = Field(None, min_length=2, max_length=2)
    late: list[StrictInt] | None = Field(None, min_length=2, max_length=2)
    units: StrictInt | None = Field(None, ge=1, le=1000)
    weeks: StrictInt | None = Field(None, ge=4, le=520)
    source: Text


class StudyFile(BaseModel):
    model_config = _STRICT
    id: Annotated[StrictStr, Field(pattern=NAME_PATTERN, description=NAME_RULE)]
    title: Text
    citation: Text
    role: Literal["sizing", "testing"]
    sizes: StrictStr | None = Field(None, description="for a sizing study: the coefficient it sizes")
    design: Text
    setting: dict[str, Sourced] = Field(default_factory=dict)
    baseline: Baseline
    treatment: Treatment
    run: RunPart = Field(default_factory=lambda: RunPart.model_validate({}))
    outcomes: list[Outcome] = Field(min_length=1)
    checks: list[Check] = Field(default_factory=list)


@dataclass(frozen=True)
class Study:
    """A validated study: its arms as scenarios on common seeds, its outcomes and checks."""

    id: str
    title: str
    citation: str
    role: str
    sizes: str | None
    design: str
    setting: dict          # name -> (value, source)
    baseline: Scenario
    treatment: Scenario
    week: int              # the week the change starts
    follow: int            # weeks followed after it
    seeds: int
    outcomes: tuple        # Outcome models
    checks: tuple          # Check models
    source: str

    @property
    def steps(self) -> int:
        return self.week + self.follow - 1

    def window(self, outcome) -> tuple[int, int]:
        """Model weeks (first, last) of an outcome's window: by default the follow-up's last 52."""
        first, last = outcome.window or [max(1, self.follow - 51), self.follow]
        return self.week + first - 1, self.week + last - 1


def load_study(ref: str | Path) -> Study:
    """A study by id (a shipped study) or by path to a study file."""
    ref = str(ref)
    if not ref.endswith(".toml") and "/" not in ref and "\\" not in ref:
        path = studies_dir() / f"{ref}.toml"
        if not path.is_file():
            raise SteersimInputError(f"no study '{ref}'{did_you_mean(ref, study_names())}; studies: "
                                     f"{', '.join(study_names())}, or give a path to a study file", key="STUDY")
    else:
        path = Path(ref)
        if not path.is_file():
            raise SteersimInputError(f"file not found: {ref}", key="STUDY")
    return _build(path)


def _build(path: Path) -> Study:
    source = display(path)
    text, data = read_toml(path, source)
    try:
        parsed = StudyFile.model_validate(data)
    except ValidationError as exc:
        raise _one_line(exc, source, text) from None
    where = lambda *keys: line_of(text, keys)
    setting = {}
    for name, item in parsed.setting.items():
        setting[name] = (_input(name, item.value, "organisation", source, where("setting", name), "setting"),
                         item.source)
    setting.setdefault("past_regime", ("self", "both arms share the baseline's own steady state"))
    base = load_scenario_for(parsed.baseline.scenario, path, source, where("baseline", "scenario"))
    levers = {name: _input(name, item.value, "regime", source, where("baseline", name), "baseline.levers")
              for name, item in parsed.baseline.levers.items()}
    inputs = {**{name: value for name, (value, _) in setting.items()}, **levers}
    steps = parsed.treatment.week + parsed.run.follow - 1
    baseline = dataclasses.replace(base.with_inputs(inputs, source=source), name=f"{parsed.id}: baseline",
                                   events=(), steps=steps, seeds=parsed.run.seeds, source=source)
    changed = {}
    if parsed.treatment.preset is not None:
        if not parsed.treatment.source or len(parsed.treatment.source) < 3:
            raise SteersimInputError("a treatment that takes a preset's levers says why in 'source'",
                                     source=source, key="treatment.source", line=where("treatment", "preset"))
        changed.update(load_scenario_for(parsed.treatment.preset, path, source,
                                         where("treatment", "preset")).levers())
    changed.update({name: _input(name, item.value, "regime", source, where("treatment", name), "treatment.levers")
                    for name, item in parsed.treatment.levers.items()})
    if not changed:
        raise SteersimInputError("the treatment changes nothing: give 'levers' or a 'preset'", source=source,
                                 key="treatment.levers", line=where("treatment"))
    events = [SetLevers(parsed.treatment.week, changed, None, parsed.treatment.co_created, "the change")]
    until = parsed.treatment.until
    if until is not None:
        if until > parsed.run.follow:
            raise SteersimInputError(f"got {until}; a follow-up week, 2 to {parsed.run.follow} (run.follow)",
                                     source=source, key="treatment.until", line=where("treatment", "until"))
        before = {name: baseline.inputs.get(name, INPUTS[name].default) for name in changed}
        events.append(SetLevers(parsed.treatment.week + until - 1, before, None, parsed.treatment.co_created,
                                "the change ends"))
    treatment = dataclasses.replace(baseline, name=f"{parsed.id}: treatment", events=tuple(events))
    _check_outcomes(parsed, source, text)
    return Study(parsed.id, parsed.title, parsed.citation, parsed.role, parsed.sizes, parsed.design,
                 {**{k: (v, s) for k, (v, s) in setting.items()}, **{k: (v, parsed.baseline.levers[k].source)
                                                                     for k, v in levers.items()}},
                 baseline, treatment, parsed.treatment.week, parsed.run.follow, parsed.run.seeds,
                 tuple(parsed.outcomes), tuple(parsed.checks), source)


def load_scenario_for(ref: str, path: Path, source: str, line: int | None) -> Scenario:
    """The baseline's scenario: a preset, or a file relative to the study file."""
    return load_scenario(resolve(ref, path.parent, source, "baseline.scenario", line, checked=False))


def _input(name: str, value: Any, group: str, source: str, line: int | None, where: str) -> Any:
    """``value`` checked as input ``name`` of ``group``; a study sets only the
    organisation and the regime's levers."""
    key = f"{where}.{name}"
    if name in RENAMED:
        raise SteersimInputError(f"'{name}' was renamed '{RENAMED[name]}' (docs/migration.md)",
                                 source=source, key=key, line=line)
    spec = INPUTS.get(name)
    if spec is None:
        pool = [s for s, v in INPUTS.items() if v.group == group]
        raise SteersimInputError(f"no {'lever' if group == 'regime' else 'organisation input'} '{name}'"
                                 f"{did_you_mean(name, pool)} (see `steersim list`)", source=source, key=key,
                                 line=line)
    if spec.group in ("behaviour", "coefficient"):
        raise SteersimInputError(
            f"'{name}' is a {spec.group} {'input' if spec.group == 'behaviour' else ''}".replace("  ", " ").strip()
            + "; a study sets the organisation and the levers of its setting, never an assumption about "
              "people or a mechanism's coefficient (the model is held to one set of them)",
            source=source, key=key, line=line)
    if spec.group != group:
        home = "[setting]" if spec.group == "organisation" else "levers"
        raise SteersimInputError(f"'{name}' is a{'n' if spec.group[0] in 'aeiou' else ''} {spec.group} input: "
                                 f"put it under {home}", source=source, key=key, line=line)
    return spec.check(value, source=source, line=line, key=key)


def _check_outcomes(parsed: StudyFile, source: str, text: str) -> None:
    from sim.model.metrics import METRICS, STAFF_FIELDS, UNIT_METRICS
    from sim.science.denominators import DENOMINATORS
    ids = [o.id for o in parsed.outcomes]
    for i, o in enumerate(parsed.outcomes):
        line = line_of(text, ("outcomes", "observable")) if o.observable else None
        key = f"outcomes[{i}]"
        p = o.published
        if p.kind == "none":
            if not p.why:
                raise SteersimInputError("a published effect of kind 'none' needs 'why' the model cannot show it",
                                         source=source, key=f"{key}.published.why")
        elif o.observable is None:
            raise SteersimInputError(f"needs an 'observable': one of the model's metrics ({', '.join(METRICS)})",
                                     source=source, key=f"{key}.observable")
        elif o.observable not in METRICS:
            raise SteersimInputError(f"no metric {o.observable!r}{did_you_mean(o.observable, list(METRICS))}; "
                                     f"allowed: a metric of `steersim list`", source=source,
                                     key=f"{key}.observable", line=line)
        elif o.measure == "d_unit" and o.observable not in UNIT_METRICS:
            raise SteersimInputError(f"'d_unit' needs a metric measured per unit: {', '.join(UNIT_METRICS)}",
                                     source=source, key=f"{key}.measure", line=line)
        elif o.measure == "d_citizen" and o.denominator not in DENOMINATORS:
            raise SteersimInputError(f"'d_citizen' needs a 'denominator': one of {', '.join(DENOMINATORS)}",
                                     source=source, key=f"{key}.denominator", line=line)
        elif o.measure in ("d_staff", "d_citizen") and o.observable not in STAFF_FIELDS:
            raise SteersimInputError(f"'d_staff' needs a metric each worker holds: {', '.join(STAFF_FIELDS)}",
                                     source=source, key=f"{key}.measure", line=line)
        needs = {"interval": ("estimate", "low", "high"), "point": ("estimate",), "sign": ("direction",)}
        missing = [f for f in needs.get(p.kind, ()) if getattr(p, f) is None]
        if missing:
            raise SteersimInputError(f"a published {p.kind} needs {' and '.join(missing)}", source=source,
                                     key=f"{key}.published.{missing[0]}")
        if p.kind == "interval" and p.low is not None and p.estimate is not None and p.high is not None \
                and not p.low <= p.estimate <= p.high:
            raise SteersimInputError(f"the interval {p.low}..{p.high} does not hold its estimate {p.estimate}",
                                     source=source, key=f"{key}.published")
        if o.window and not 1 <= o.window[0] <= o.window[1] <= parsed.run.follow:
            raise SteersimInputError(f"got {o.window}; weeks of the follow-up, 1 to {parsed.run.follow}, first "
                                     f"before last", source=source, key=f"{key}.window")
    for i, c in enumerate(parsed.checks):
        key = f"checks[{i}]"
        for field, ref in (("outcome", c.outcome), ("than", c.than)):
            if ref is not None and ref not in ids:
                raise SteersimInputError(f"no outcome {ref!r}{did_you_mean(ref, ids)}; outcomes: {', '.join(ids)}",
                                         source=source, key=f"{key}.{field}")
            if ref is not None and parsed.outcomes[ids.index(ref)].observable is None:  # shown, not tested: fine
                raise SteersimInputError(f"outcome {ref!r} has no 'observable': nothing to check", source=source,
                                         key=f"{key}.{field}")
        missing = [f for f in CHECKS[c.kind] if getattr(c, f) is None]
        if missing:
            raise SteersimInputError(f"a '{c.kind}' check needs {' and '.join(missing)}", source=source,
                                     key=f"{key}.{missing[0]}")
        if c.kind == "quartiles" and parsed.treatment.week < 27:  # units are ranked on the weeks before
            raise SteersimInputError(f"a 'quartiles' check ranks units by the weeks before the change: 27 or "
                                     f"later (got {parsed.treatment.week})", source=source, key="treatment.week")


def _one_line(error: ValidationError, source: str, text: str) -> SteersimInputError:
    """The first problem in ``error`` as one line naming the file, line and key (a key
    that is not known first: a misspelt table is also a missing one)."""
    errors = error.errors()
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    path = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(
        ("int", "float", "bool", "str", "list", "literal", "constrained"))))
    key = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[") or None
    line = line_of(text, path)
    given = err.get("input")
    if err["type"] == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        return SteersimInputError(f"unknown key{did_you_mean(str(path[-1]), allowed)}; allowed: "
                                  f"{', '.join(allowed)}", source=source, key=key, line=line)
    if err["type"] == "missing":
        return SteersimInputError("missing; every study says this (see `steersim schema study`)",
                                  source=source, key=key, line=line)
    message = re.sub(r"\s+", " ", err["msg"])
    return SteersimInputError(f"got {given!r}: {message}"[:300], source=source, key=key, line=line)


def _allowed_keys(path: tuple) -> list[str]:
    model: Any = StudyFile
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        annotation: Any = field.annotation if field else None
        inner = getattr(annotation, "__args__", (annotation,))
        nested = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        nested += [a.__args__[0] for a in inner if getattr(a, "__args__", None)
                   and isinstance(a.__args__[0], type) and issubclass(a.__args__[0], BaseModel)]
        model = nested[0] if nested else None
        if model is None:
            return []
    return list(model.model_fields)
