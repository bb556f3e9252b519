"""A corpus of malformed inputs, generated: scenario files, experiment files, command
lines, results folders for ``analyse`` and options for ``animate``. Each case says what
it writes to a folder, the command line to run there, and a piece of text the one-line
error must contain (the file and the key, or what is wrong).

A case is ``Case(id, files, argv, needles)``: ``files`` maps a relative path to its text
(``str``) or bytes; ``argv`` may name those files; ``needles`` must all appear in the
error line."""

from __future__ import annotations

import io
import json
import zlib
from dataclasses import dataclass, field

import pandas as pd

#: a valid scenario to mutate, one key at a time
BASE = {"levers": "[levers]\ndiscretion = 0.5\n", "org": "[organisation]\nunits = 6\n"}


@dataclass(frozen=True)
class Case:
    id: str
    files: dict = field(default_factory=dict)
    argv: tuple = ()
    needles: tuple = ()
    #: what the command must end with: 2 (refused: one line, nothing written) by default
    status: int = 2
    #: environment variables for the command
    env: dict = field(default_factory=dict)
    #: a command run first, which must succeed (e.g. a sweep to damage), and how to
    #: damage the first part of its runs table: "empty", "corrupt", "truncated", "foreign"
    before: tuple = ()
    damage: str = ""
    #: bytes left free on a small disk the command writes to (0: the ordinary disk)
    disk_room: int = 0


def _scenario(body: str, case_id: str, *needles: str, extends: str = 'extends = "npm"\n',
              extra: dict | None = None, culprit: str = "bad.toml") -> list[Case]:
    """The file run by ``run`` (and, for a sample, by ``compare``); the error names
    ``culprit``, the file at fault."""
    text = extends + body
    files = {"bad.toml": text, **(extra or {})}
    out = [Case(f"scenario-run-{case_id}", files, ("run", "bad.toml", "--seeds", "1", "--steps", "5"),
                (culprit, *needles))]
    if zlib.crc32(case_id.encode()) % 3 == 0 or case_id.startswith("event"):
        out.append(Case(f"scenario-compare-{case_id}", files,
                        ("compare", "npm", "bad.toml", "--seeds", "1", "--steps", "5"), (culprit, *needles)))
    return out


# ------------------------------------------------------------------ scenario files
#: one representative input per kind and section: (section, key, kind)
KEYS = [("organisation", "units", "int"), ("organisation", "measurability", "float"),
        ("levers", "indicators", "int"), ("levers", "discretion", "float"),
        ("levers", "audit_style", "choice"), ("levers", "citizen_panel", "float"),
        ("behaviour", "trust_loss_ratio", "float"), ("behaviour", "low_motivation_share", "float"),
        ("coefficients", "hours_per_indicator", "float"), ("coefficients", "gaming_scale", "float")]
#: values of the wrong kind, for any input: (id, TOML value)
WRONG_KIND = [("string", '"high"'), ("list", "[0.5]"), ("table", "{ value = 0.5 }"), ("bool", "true"),
              ("date", "2026-01-01"), ("empty-string", '""'), ("nested-list", "[[1]]")]
#: values out of range for any numeric input
OUT_OF_RANGE = [("huge-int", "1" + "0" * 400), ("huge-float", "1e308"), ("inf", "inf"), ("minus-inf", "-inf"),
                ("nan", "nan"), ("negative", "-5"), ("too-big", "1000000000")]


def scenario_cases() -> list[Case]:
    cases: list[Case] = []
    for section, key, kind in KEYS:
        for vid, value in WRONG_KIND:
            if kind == "float" and vid == "bool":
                pass  # a bool is not a number either: refused
            cases += _scenario(f"[{section}]\n{key} = {value}\n", f"{section}-{key}-{vid}", f"'{section}.{key}'")
        if kind != "choice":
            for vid, value in OUT_OF_RANGE:
                cases += _scenario(f"[{section}]\n{key} = {value}\n", f"{section}-{key}-{vid}", f"'{section}.{key}'")
        else:
            cases += _scenario(f'[{section}]\n{key} = "strict"\n', f"{section}-{key}-not-a-choice",
                               f"'{section}.{key}'")
        cases += _scenario(f"[{section}]\n{key}x = 1\n", f"{section}-{key}-typo", f"'{section}.{key}x'")
    # an input in the wrong section
    for key, home, wrong in (("discretion", "levers", "organisation"), ("units", "organisation", "levers"),
                             ("gaming_scale", "coefficients", "behaviour"),
                             ("trust_loss_ratio", "behaviour", "coefficients")):
        cases += _scenario(f"[{wrong}]\n{key} = 1\n", f"misplaced-{key}", f"put it under [{home}]")
    # the top of the file
    for cid, body, needle in [
        ("name-number", "name = 5\n", "'name'"), ("name-empty", 'name = ""\n', "'name'"),
        ("name-escape", 'name = "/../../../escaped"\n', "'name'"), ("name-absolute", 'name = "/tmp/x"\n', "'name'"),
        ("name-dotdot", 'name = ".."\n', "'name'"), ("name-nul", 'name = "a\\u0000b"\n', "'name'"),
        ("name-long", f'name = "{"n" * 300}"\n', "'name'"), ("name-newline", 'name = "a\\nb"\n', "'name'"),
        ("name-list", 'name = ["a"]\n', "'name'"), ("description-list", 'description = ["a"]\n', "'description'"),
        ("unknown-top", "levrs = 1\n", "'levrs'"), ("section-not-table", "levers = 3\n", "'levers'"),
        ("run-steps-zero", "[run]\nsteps = 0\n", "'run.steps'"), ("run-steps-huge", "[run]\nsteps = 10000000\n", "'run.steps'"),
        ("run-steps-string", '[run]\nsteps = "x"\n', "'run.steps'"), ("run-seeds-negative", "[run]\nseeds = -1\n", "'run.seeds'"),
        ("run-seeds-float", "[run]\nseeds = 1.5\n", "'run.seeds'"), ("run-unknown", "[run]\nstep = 5\n", "'run.step'"),
        ("run-not-table", "run = 5\n", "'run'"),
    ]:
        cases += _scenario(body, cid, needle)
    for cid, ext, needle in [
        ("extends-number", "extends = 5\n", "'extends'"), ("extends-list", 'extends = ["npm"]\n', "'extends'"),
        ("extends-unknown", 'extends = "nmp"\n', "did you mean 'npm'"),
        ("extends-missing", 'extends = "nothere.toml"\n', "file not found"),
        ("extends-etc-passwd", 'extends = "/etc/passwd"\n', "outside the scenario's folder"),
        ("extends-dotdot", 'extends = "../../../../etc/hosts"\n', "outside the scenario's folder"),
        ("extends-self", 'extends = "bad.toml"\n', "cycle"), ("extends-nul", 'extends = "a\\u0000.toml"\n', "NUL"),
        ("extends-empty", 'extends = ""\n', "'extends'"),
    ]:
        cases += _scenario("", cid, needle, extends=ext)
    cases += _scenario("", "extends-cycle", "cycle", extends='extends = "other.toml"\n',
                       extra={"other.toml": 'extends = "bad.toml"\n'})
    cases += _scenario("", "extends-broken-parent", "'levers.discretion'", extends='extends = "other.toml"\n',
                       extra={"other.toml": "[levers]\ndiscretion = 7\n"}, culprit="other.toml")
    # events
    ev = "[[events]]\n"
    for cid, body, needle in [
        ("event-kind-list", ev + 'kind = ["levers"]\nweek = 2\n', "'events[0].kind'"),
        ("event-kind-table", ev + 'kind = { a = 1 }\nweek = 2\n', "'events[0].kind'"),
        ("event-kind-unknown", ev + 'kind = "party"\nweek = 2\n', "'events[0].kind'"),
        ("event-kind-missing", ev + "week = 2\n", "'events[0].kind': missing"),
        ("organisation-units-float", "[organisation]\nunits = 20.0\n", "written as 20"),
        ("event-week-missing", ev + 'kind = "incident"\nunit = 0\n', "'events[0].week'"),
        ("event-week-negative", ev + 'kind = "incident"\nweek = -3\nunit = 0\nseverity = 0.5\n', "'events[0].week'"),
        ("event-week-string", ev + 'kind = "incident"\nweek = "soon"\nunit = 0\n', "'events[0].week'"),
        ("event-week-float", ev + 'kind = "incident"\nweek = 2.5\nunit = 0\n', "'events[0].week'"),
        ("event-beyond-horizon", ev + 'kind = "incident"\nweek = 4000\nunit = 0\nseverity = 0.5\n', "beyond"),
        ("event-unit-missing", ev + 'kind = "incident"\nweek = 2\nunit = 99\nseverity = 0.5\n', "unit 99"),
        ("event-unit-negative", ev + 'kind = "incident"\nweek = 2\nunit = -1\nseverity = 0.5\n', "'events[0].unit'"),
        ("event-severity-high", ev + 'kind = "incident"\nweek = 2\nunit = 0\nseverity = 2\n', "'events[0].severity'"),
        ("event-units-empty", ev + 'kind = "levers"\nweek = 2\nunits = []\n[events.levers]\ndiscretion = 0.5\n',
         "'events[0].units'"),
        ("event-units-string", ev + 'kind = "levers"\nweek = 2\nunits = "some"\n[events.levers]\ndiscretion = 0.5\n',
         "'events[0].units'"),
        ("event-units-float", ev + 'kind = "levers"\nweek = 2\nunits = [1.5]\n[events.levers]\ndiscretion = 0.5\n',
         "'events[0].units"),
        ("event-units-outside", ev + 'kind = "levers"\nweek = 2\nunits = [0, 40]\n[events.levers]\ndiscretion = 0.5\n',
         "unit 40"),
        ("event-cocreated-string", ev + 'kind = "levers"\nweek = 2\nco_created = "yes"\n[events.levers]\ndiscretion = 0.5\n',
         "'events[0].co_created'"),
        ("event-levers-empty", ev + 'kind = "levers"\nweek = 2\n[events.levers]\n', "needs 'preset'"),
        ("event-levers-typo", ev + 'kind = "levers"\nweek = 2\n[events.levers]\ndiscretoin = 0.5\n',
         "'events[0].levers.discretoin'"),
        ("event-levers-range", ev + 'kind = "levers"\nweek = 2\n[events.levers]\nmonitoring = 3\n',
         "'events[0].levers.monitoring'"),
        ("event-levers-org-input", ev + 'kind = "levers"\nweek = 2\n[events.levers]\nunits = 3\n',
         "'events[0].levers.units'"),
        ("event-preset-unknown", ev + 'kind = "levers"\nweek = 2\npreset = "trsut"\n', "did you mean 'trust'"),
        ("event-preset-self", ev + 'kind = "levers"\nweek = 2\npreset = "bad.toml"\n', "cycle"),
        ("event-preset-outside", ev + 'kind = "levers"\nweek = 2\npreset = "/etc/passwd"\n', "outside"),
        ("event-budget-range", ev + 'kind = "budget"\nweek = 2\nchange = 5\n', "'events[0].change'"),
        ("event-rulecut-range", ev + 'kind = "rule_cut"\nweek = 2\nshare = 1.5\n', "'events[0].share'"),
        ("event-unknown-key", ev + 'kind = "incident"\nweek = 2\nunit = 0\nlever = 1\nseverity = 0.5\n', "'events[0].lever'"),
        ("events-not-list", 'events = "soon"\n', "'events'"), ("events-list-of-numbers", "events = [1, 2]\n", "'events[0]'"),
    ]:
        cases += _scenario(body, cid, needle)
    # encodings and syntax
    cases.append(Case("scenario-not-utf8", {"bad.toml": b'extends = "npm"\nname = "\xff\xfe"\n'},
                      ("run", "bad.toml", "--seeds", "1", "--steps", "5"), ("bad.toml", "UTF-8")))
    cases.append(Case("scenario-binary", {"bad.toml": bytes(range(256))},
                      ("run", "bad.toml", "--seeds", "1", "--steps", "5"), ("bad.toml",)))
    for cid, text in [("not-toml", "this is = = not toml"), ("duplicate-key", "[levers]\nindicators = 1\nindicators = 2\n"),
                      ("unclosed-table", "[levers\n"), ("unclosed-string", 'name = "abc\n')]:
        cases.append(Case(f"scenario-{cid}", {"bad.toml": text}, ("run", "bad.toml", "--seeds", "1", "--steps", "5"),
                          ("bad.toml", "not valid TOML")))
    return cases


# ------------------------------------------------------------------ experiment files
EXPERIMENT = {"name": '"fz"', "scenario": '"npm"', "design": '"grid"', "replicates": "1", "steps": "10",
              "metrics": '["service_quality"]'}
SET = "\n[set]\nunits = 2\nstaff_per_unit = 2\ncitizens = 20\nburn_in = 1\n"
VARY = "\n[vary]\ndiscretion = [0.2, 0.8]\n"


def _experiment(case_id: str, changes: dict, *needles: str, vary: str = VARY, extra: dict | None = None) -> Case:
    top = {**EXPERIMENT, **changes}
    text = "".join(f"{k} = {v}\n" for k, v in top.items() if v is not None) + SET + vary
    return Case(f"experiment-{case_id}", {"exp.toml": text, **(extra or {})}, ("sweep", "exp.toml", "--out", "out"),
                ("exp.toml", *needles))


def experiment_cases() -> list[Case]:
    c = [
        _experiment("no-scenario", {"scenario": None}, "scenario"),
        _experiment("scenario-unknown", {"scenario": '"nmp"'}, "did you mean 'npm'"),
        _experiment("scenario-number", {"scenario": "5"}, "'scenario'"),
        _experiment("scenario-outside", {"scenario": '"/etc/passwd"'}, "outside"),
        _experiment("scenarios-duplicate", {"scenario": None, "scenarios": '["npm", "npm"]'}, "'scenarios'"),
        _experiment("scenarios-empty", {"scenario": None, "scenarios": "[]"}, "'scenarios'"),
        _experiment("design-unknown", {"design": '"random"'}, "'design'"),
        _experiment("payment-shares-over-one", {"scenario": '"choice"'}, "'vary.payment_per_visit'", "at most 1",
                    vary="\n[vary]\npayment_per_visit = [0.0, 0.5]\npayment_capitation = [0.5, 0.9]\n"),
        _experiment("payment-share-over-the-rest", {"scenario": '"choice"', "design": '"lhs"', "samples": "4"},
                    "'vary.payment_per_visit'", "1.1", vary="\n[vary]\npayment_per_visit = { low = 0, high = 0.3 }\n"),
        _experiment("samples-zero", {"design": '"lhs"', "samples": "0"}, "'samples'",
                    vary="\n[vary]\ndiscretion = { low = 0, high = 1 }\n"),
        _experiment("sobol-not-power-of-two", {"design": '"sobol"', "samples": "100"}, "power of two",
                    vary="\n[vary]\ndiscretion = { low = 0, high = 1 }\nsupport = { low = 0, high = 1 }\n"),
        _experiment("sobol-one-factor", {"design": '"sobol"', "samples": "16"}, "two factors",
                    vary="\n[vary]\ndiscretion = { low = 0, high = 1 }\n"),
        _experiment("range-typo", {}, "unknown key 'step'; did you mean 'steps'",
                    vary="\n[vary]\ndiscretion = { low = 0.1, high = 0.9, step = 3 }\n"),
        _experiment("range-one-step", {}, "'steps': got 1",
                    vary="\n[vary]\ndiscretion = { low = 0.1, high = 0.9, steps = 1 }\n"),
        _experiment("range-no-high", {}, "'high' missing", vary="\n[vary]\ndiscretion = { low = 0.1 }\n"),
        _experiment("replicates-zero", {"replicates": "0"}, "'replicates'"),
        _experiment("replicates-string", {"replicates": '"two"'}, "'replicates'"),
        _experiment("steps-huge", {"steps": "10000000"}, "'steps'"),
        _experiment("steps-negative", {"steps": "-1"}, "'steps'"),
        _experiment("window-over-steps", {"window": "50"}, "'window'"),
        _experiment("metrics-unknown", {"metrics": '["servce_quality"]'}, "did you mean 'service_quality'"),
        _experiment("metrics-nested", {"metrics": '[["service_quality"]]'}, "'metrics"),
        _experiment("metrics-empty", {"metrics": "[]"}, "'metrics'"),
        _experiment("metrics-string", {"metrics": '"service_quality"'}, "'metrics'"),
        _experiment("seed-negative", {"seed": "-1"}, "'seed'"),
        _experiment("seed-huge", {"seed": "1" + "0" * 30}, "'seed'"),
        _experiment("name-escape", {"name": '"../../escaped"'}, "'name'"),
        _experiment("name-number", {"name": "5"}, "'name'"),
        _experiment("name-empty", {"name": '""'}, "'name'"),
        _experiment("unknown-top", {"replicatse": "2"}, "'replicatse'"),
        _experiment("series-string", {"series": '"yes"'}, "'series'"),
        _experiment("vary-unknown", {}, "'vary.discretoin'", vary="\n[vary]\ndiscretoin = [0.2]\n"),
        _experiment("vary-empty-list", {}, "'vary.discretion'", vary="\n[vary]\ndiscretion = []\n"),
        _experiment("vary-empty", {}, "'vary': empty", vary="\n[vary]\n"),
        _experiment("vary-out-of-range", {}, "'vary.discretion'", vary="\n[vary]\ndiscretion = [0.2, 3]\n"),
        _experiment("vary-wrong-kind", {}, "'vary.indicators'", vary='\n[vary]\nindicators = ["many"]\n'),
        _experiment("vary-low-above-high", {"design": '"lhs"', "samples": "4"}, "'vary.discretion'",
                    vary="\n[vary]\ndiscretion = { low = 0.9, high = 0.1 }\n"),
        _experiment("vary-range-outside", {"design": '"lhs"', "samples": "4"}, "'vary.discretion.low'",
                    vary="\n[vary]\ndiscretion = { low = -1, high = 0.5 }\n"),
        _experiment("vary-range-missing-high", {"design": '"lhs"', "samples": "4"}, "'vary.discretion",
                    vary="\n[vary]\ndiscretion = { low = 0.1 }\n"),
        _experiment("vary-range-steps-zero", {}, "'vary.discretion",
                    vary="\n[vary]\ndiscretion = { low = 0.1, high = 0.5, steps = 0 }\n"),
        _experiment("vary-bad-choice", {}, "'vary.audit_style'", vary='\n[vary]\naudit_style = ["strict"]\n'),
        _experiment("too-many-runs", {"replicates": "10000"}, "runs",
                    vary="\n[vary]\n" + "".join(f"{k} = [{', '.join(str(i / 1000) for i in range(1000))}]\n"
                                                for k in ("discretion", "support", "monitoring"))),
        _experiment("set-unknown", {}, "'set.unitz'", vary=VARY + "\n"),
    ]
    c[-1] = Case(c[-1].id, {"exp.toml": c[-1].files["exp.toml"].replace("units = 2", "unitz = 2")}, c[-1].argv,
                 c[-1].needles)
    c.append(Case("experiment-not-utf8", {"exp.toml": b'name = "\xff"\n'}, ("sweep", "exp.toml", "--out", "out"),
                  ("exp.toml", "UTF-8")))
    c.append(Case("experiment-not-toml", {"exp.toml": "name = = 1"}, ("sweep", "exp.toml", "--out", "out"),
                  ("exp.toml", "not valid TOML")))
    c.append(Case("experiment-missing", {}, ("sweep", "nothere.toml", "--out", "out"), ("nothere.toml",)))
    c.append(Case("experiment-event-after-horizon",
                  {"exp.toml": "".join(f"{k} = {v}\n" for k, v in {**EXPERIMENT, "scenario": '"late.toml"'}.items())
                   + SET + VARY,
                   "late.toml": 'extends = "npm"\n[[events]]\nkind = "incident"\nweek = 50\nunit = 0\nseverity = 0.5\n'},
                  ("sweep", "exp.toml", "--out", "out"), ("beyond",)))
    return c


# ------------------------------------------------------------------ command lines
def cli_cases() -> list[Case]:
    out: list[Case] = []
    commands = {"run": ("run", "npm"), "compare": ("compare", "npm", "trust"),
                "robustness": ("robustness", "npm", "trust", "--samples", "4"),
                "validate": ("validate", "--only", "SF1"), "calibrate": ("calibrate",)}
    for name, base in commands.items():
        for option, value, needle in [("--seeds", "0", "'--seeds'"), ("--seeds", "-1", "'--seeds'"),
                                      ("--seeds", "x", "--seeds"), ("--seeds", "1" + "0" * 40, "'--seeds'"),
                                      ("--workers", "0", "'--workers'"), ("--workers", "-2", "'--workers'"),
                                      ("--workers", "many", "--workers")]:
            out.append(Case(f"cli-{name}{option}={value[:6]}", {}, (*base, option, value), (needle,)))
        out.append(Case(f"cli-{name}-out-is-a-file", {"taken": "x"}, (*base, "--seeds", "2", "--out", "taken"),
                        ("--out",)))
        out.append(Case(f"cli-{name}-out-under-a-file", {"taken": "x"},
                        (*base, "--seeds", "2", "--out", "taken/inside"), ("--out",)))
        out.append(Case(f"cli-{name}-out-nul", {}, (*base, "--seeds", "2", "--out", "a\x00b"), ("--out",)))
    for name, base in (("run", ("run", "npm")), ("compare", ("compare", "npm", "trust")),
                       ("robustness", ("robustness", "npm", "trust", "--samples", "4"))):
        for option, value, needle in [("--steps", "0", "'--steps'"), ("--steps", "99999999", "'--steps'"),
                                      ("--steps", "ten", "--steps")]:
            out.append(Case(f"cli-{name}{option}={value[:6]}", {}, (*base, option, value), (needle,)))
    for cid, argv, needle in [
        ("run-unknown-preset", ("run", "nmp"), "did you mean 'npm'"),
        ("run-set-typo", ("run", "npm", "--set", "discretoin=0.5"), "did you mean 'discretion'"),
        ("run-set-range", ("run", "npm", "--set", "discretion=2"), "from 0 to 1"),
        ("run-set-not-number", ("run", "npm", "--set", "indicators=many"), "not a number"),
        ("run-set-no-value", ("run", "npm", "--set", "discretion"), "NAME=VALUE"),
        ("run-set-empty-name", ("run", "npm", "--set", "=1"), "--set"),
        ("run-set-float-count", ("run", "npm", "--set", "indicators=2.5"), "whole number"),
        ("run-set-nan", ("run", "npm", "--set", "discretion=nan"), "discretion"),
        ("run-set-choice", ("run", "npm", "--set", "audit_style=strict"), "audit_style"),
        ("run-missing-file", ("run", "no/such/file.toml"), "file not found"),
        ("run-event-beyond-steps", ("run", "reform", "--steps", "50"), "beyond --steps"),
        ("run-format", ("run", "npm", "--format", "xml"), "invalid choice"),
        ("compare-one", ("compare", "npm"), "at least two"),
        ("compare-same-twice", ("compare", "npm", "npm"), "share the name"),
        ("compare-uncertainty-one", ("compare", "npm", "trust", "--uncertainty", "1"), "'--uncertainty'"),
        ("compare-plausible-missing", ("compare", "npm", "trust", "--uncertainty", "4", "--plausible", "nope.parquet"),
         "nope.parquet"),
        ("compare-lang", ("compare", "npm", "trust", "--lang", "de"), "invalid choice"),
        ("compare-uncertainty-zero", ("compare", "npm", "trust", "--uncertainty", "0"), "'--uncertainty'"),
        ("compare-plausible-alone", ("compare", "npm", "trust", "--plausible", "p.parquet"), "--uncertainty N"),
        ("robustness-sobol-not-power", ("robustness", "npm", "trust", "--design", "sobol", "--samples", "100"),
         "power of two"),
        ("robustness-vary-unknown", ("robustness", "npm", "trust", "--vary", "measurabilty"), "did you mean"),
        ("robustness-fix-bad", ("robustness", "npm", "trust", "--fix", "measurability=7"), "measurability"),
        ("robustness-fix-no-value", ("robustness", "npm", "trust", "--fix", "measurability"), "NAME=VALUE"),
        ("robustness-metric-unknown", ("robustness", "npm", "trust", "--metrics", "qualty"), "no metric 'qualty'"),
        ("robustness-same", ("robustness", "npm", "npm"), "both scenarios"),
        ("robustness-samples-one", ("robustness", "npm", "trust", "--samples", "1"), "'--samples'"),
        ("validate-unknown-fact", ("validate", "--only", "SF99"), "no fact 'SF99'"),
        ("validate-only-empty", ("validate", "--only", ""), "at least one fact"),
        ("calibrate-plausible-negative", ("calibrate", "--plausible", "-4"), "--plausible"),
        ("calibrate-plausible-few", ("calibrate", "--plausible", "8"), "'--plausible'"),
        ("calibrate-vary-unknown", ("calibrate", "--plausible", "16", "--vary", "nothing"), "nothing"),
        ("unknown-command", ("frobnicate",), "invalid choice"),
        ("list-group", ("list", "--group", "levers"), "invalid choice"),
        ("animate-format", ("animate", "npm", "trust", "--out", "a.mp4"), ".gif or .html"),
        ("animate-unknown", ("animate", "npm", "trsut", "--out", "a.gif"), "did you mean 'trust'"),
        ("animate-seed-negative", ("animate", "npm", "trust", "--out", "a.gif", "--seed", "-3"), "'--seed'"),
        ("animate-frames-zero", ("animate", "npm", "trust", "--out", "a.gif", "--frames", "0"), "'--frames'"),
        ("animate-weeks-zero", ("animate", "npm", "trust", "--out", "a.gif", "--weeks-per-frame", "0"),
         "'--weeks-per-frame'"),
        ("viz-port", ("viz", "--port", "99999"), "'--port'"),
        ("sweep-workers-zero", ("sweep", "where_regimes_cross", "--workers", "0"), "'--workers'"),
        ("sweep-allow-missing", ("sweep", "where_regimes_cross", "--allow", "nowhere"), "nowhere"),
        ("sweep-unknown-shipped", ("sweep", "where_regimes_crss"), "did you mean"),
    ]:
        out.append(Case(f"cli-{cid}", {}, argv, (needle,)))
    for cid, argv in (("compare", ("compare", "npm", "trust", "--uncertainty", "4")),
                      ("robustness", ("robustness", "npm", "trust", "--samples", "4"))):
        out.append(Case(f"cli-{cid}-plausible-not-parquet", {"p.parquet": "not parquet"},
                        (*argv, "--plausible", "p.parquet"), ("cannot read the plausible set",)))
    every_world = io.BytesIO()
    pd.DataFrame({"measurability": [0.5, 0.6], "seed": [1, 2], "max_implausibility": [0.5, 3.0]}).to_parquet(every_world)
    out.append(Case("cli-compare-plausible-every-world", {"worlds.parquet": every_world.getvalue()},
                    ("compare", "npm", "trust", "--uncertainty", "4", "--plausible", "worlds.parquet"),
                    ("implausible ones too",)))
    for cid, argv, needle in (("run-a-folder", ("run", "folder.toml"), "is a folder"),
                              ("sweep-a-folder", ("sweep", "folder.toml"), "is a folder"),
                              ("run-bom", ("run", "bom.toml"), "byte order mark"),
                              ("run-example-typo", ("run", "examples/kalmr"), "did you mean 'kalmar'")):
        out.append(Case(f"cli-{cid}", {"folder.toml/inside.txt": "", "bom.toml": '\ufeffextends = "npm"\n'},
                        argv, (needle,)))
    small_set = io.BytesIO()
    pd.DataFrame({"measurability": [0.5, 0.6, 0.6], "seed": [1, 2, 2]}).to_parquet(small_set)
    for cid, argv in (("compare", ("compare", "npm", "trust", "--uncertainty", "4")),
                      ("robustness", ("robustness", "npm", "trust", "--samples", "4"))):
        # two different worlds cannot be four: drawn again, a world would count twice
        out.append(Case(f"cli-{cid}-more-worlds-than-the-plausible-set", {"p.parquet": small_set.getvalue()},
                        (*argv, "--plausible", "p.parquet"), ("holds 2 different worlds",)))
    out.append(Case("cli-animate-out-under-a-file", {"taken": "x"}, ("animate", "npm", "trust", "--out", "taken/a.gif"),
                    ("--out",)))
    return out


# ------------------------------------------------------------------ results folders for analyse
def analyse_cases() -> list[Case]:
    good = {"format": 2, "experiment": "fz"}
    out = [Case("analyse-missing", {}, ("analyse", "nowhere"), ("nowhere",)),
           Case("analyse-a-file", {"store": "x"}, ("analyse", "store"), ("store",)),
           Case("analyse-empty-folder", {"store/.keep": ""}, ("analyse", "store"), ("store",))]
    for cid, meta in [("not-json", "{not json"), ("a-list", "[1, 2]"), ("empty", ""), ("wrong-types", '{"format": "x"}'),
                      ("binary", b"\x00\xff\x00"), ("no-experiment", json.dumps({"format": 2})),
                      ("future-format", json.dumps({**good, "format": 99})), ("number", "5")]:
        out.append(Case(f"analyse-metadata-{cid}", {"store/metadata.json": meta, "store/runs/.keep": ""},
                        ("analyse", "store"), ("metadata.json",)))
    return out


# ------------------------------------------------------------------ issue 31: what slipped through
PILOT = 'extends = "npm"\nname = "pil"\n[[events]]\nkind = "levers"\nweek = 5\nunits = [0, 1]\npreset = "trust"\n'
LATE = 'extends = "npm"\nname = "late"\n[[events]]\nkind = "incident"\nweek = 100\nunit = 0\nseverity = 0.5\n'
SMALL_ORG = "\n[set]\ncitizens = 100\nstaff_per_unit = 2\nburn_in = 1\n"
TINY = ('name = "tiny"\nscenario = "npm"\ndesign = "grid"\nreplicates = 2\nsteps = 10\nmetrics = ["service_quality"]\n'
        + SMALL_ORG + "units = 3\n\n[vary]\ndiscretion = [0.2, 0.5, 0.8]\n")


def issue31_cases() -> list[Case]:
    """The twelve inputs of issue 31, each with what it must get."""
    long = "a" * 300
    tiny = {"exp.toml": TINY}
    out = [
        # 1. a file name longer than the file system allows: exit 2 naming the file
        Case("cli-issue31-01-scenario-name-too-long", {}, ("run", f"{long}.toml"), ("longer than the file system allows", "aaa...aaa")),
        Case("cli-issue31-01-out-name-too-long", {}, ("run", "npm", "--seeds", "1", "--out", long), ("'--out'", "300")),
        # 2. animate --out naming a folder: exit 2 naming --out
        Case("cli-issue31-02-animate-out-a-folder", {"d.gif/keep": ""}, ("animate", "npm", "trust", "--out", "d.gif"),
             ("'--out'", "is a folder")),
        # 3. run --out and 4. sweep --out under a path that cannot be written: exit 2 naming --out
        Case("cli-issue31-03-run-out-unwritable", {}, ("run", "npm", "--seeds", "1", "--out", "/proc/steersim/run"),
             ("'--out'", "cannot create a folder in '/proc'")),
        Case("cli-issue31-04-sweep-out-unwritable", tiny, ("sweep", "exp.toml", "--out", "/proc/steersim-sweep"),
             ("'--out'", "cannot create a folder in '/proc'")),
        # 5. --scheduler that is not an address: exit 2 naming --scheduler
        Case("cli-issue31-05-scheduler-not-a-url", tiny, ("sweep", "exp.toml", "--scheduler", "notaurl", "--out", "o"),
             ("'--scheduler'", "tcp://HOST:PORT")),
        # 6. a scheduler that cannot be reached: exit 2, no .lock or metadata.json left
        Case("cli-issue31-06-scheduler-unreachable", tiny,
             ("sweep", "exp.toml", "--scheduler", "tcp://127.0.0.1:1", "--out", "o"), ("'--scheduler'", "cannot reach")),
        # 7. an organisation too large for memory: refused before it starts, with the estimate
        Case("cli-issue31-07-too-large-for-memory", {}, ("run", "npm", "--set", "citizens=20000000", "--seeds", "2"),
             ("'organisation'", "20,000,000 citizens", "GB per run", "4.0 GB is available"),
             env={"STEERSIM_MEMORY": "4GB"}),
        # 8. an experiment varying units below the units a scenario's events name: exit 2 naming both
        Case("experiment-issue31-08-units-below-events", {"pil.toml": PILOT, "exp.toml": TINY.replace(
            'scenario = "npm"', 'scenario = "pil.toml"').replace("units = 3\n", "").replace(
            "discretion = [0.2, 0.5, 0.8]", "units = [1, 4]")}, ("sweep", "exp.toml", "--out", "o"),
             ("exp.toml", "'vary.units'", "down to 1", "'pil' events[0]", "names unit 1")),
        # 9. an experiment varying an event's week: checked at the varied weeks, and it runs
        Case("experiment-issue31-09-event-week-varied", {"late.toml": LATE, "exp.toml": TINY.replace(
            'scenario = "npm"', 'scenario = "late.toml"').replace("discretion = [0.2, 0.5, 0.8]",
                                                                  '"events[0].week" = [3, 8]')},
             ("sweep", "exp.toml", "--out", "o", "--quiet"), ("4 runs stored",), status=0),
        # 12. a disk that fills during a sweep: one line, no traceback, nothing half-written kept
        Case("experiment-issue31-12-disk-fills", tiny, ("sweep", "exp.toml", "--out", "o"), ("disk is full",),
             status=1, disk_room=12_000),
    ]
    for damage in ("empty", "corrupt", "truncated", "foreign"):
        # 10. analyse on a folder with a bad part: the part named in one line
        out.append(Case(f"analyse-issue31-10-{damage}-part", tiny, ("analyse", "o"), ("'RESULTS'", "runs/part-", "--resume"),
                        before=("sweep", "exp.toml", "--out", "o", "--quiet"), damage=damage))
        # 11. sweep --resume: the part named in one line, set aside, its runs run again
        out.append(Case(f"experiment-issue31-11-resume-{damage}-part", tiny, ("sweep", "exp.toml", "--out", "o", "--resume"),
                        ("runs/part-", "set aside", "6 runs stored"), status=0,
                        before=("sweep", "exp.toml", "--out", "o", "--quiet"), damage=damage))
    return out


def all_cases() -> list[Case]:
    cases = scenario_cases() + experiment_cases() + cli_cases() + analyse_cases() + issue31_cases()
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    return cases
