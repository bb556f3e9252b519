"""The ``steersim`` command: parse, call the library (``sim.api``), print, save.

    steersim compare [A B ...]     NPM vs trust (default) on the same seeds: report, figure, table
    steersim run SCENARIO          one scenario over N seeds: series and summary
    steersim robustness A B        where each regime wins over the uncertain inputs
    steersim pilot-design SCENARIO what a pilot evaluation can detect, by units and duration
    steersim validate              the stylized facts as experiments
    steersim calibrate             the status quo against the observed bands
    steersim sweep EXPERIMENT      a sweep on all cores or a Dask cluster, resumable
    steersim analyse RESULTS       main effects, Sobol/Morris indices, crossover map
    steersim viz                   the classroom page on http://127.0.0.1:8765
    steersim animate A B --out F   the same view as an animated GIF or HTML player
    steersim list                  presets, every input with default, unit, range and source
    steersim schema KIND           the JSON Schema of scenario or experiment files

Bad input exits with status 2 and one line naming what is wrong and what is allowed.
"""

from __future__ import annotations

import argparse
import sys

from sim.commands import parse_set, print_json, show_progress
from sim.errors import SteersimInputError
from sim.outputs import output_dir

EXIT_INPUT, EXIT_STOPPED = 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not usage + message
        parts = self.prog.split()
        sub = f"{parts[-1]} " if len(parts) > 1 else ""
        self.exit(EXIT_INPUT, f"steersim: error: {message} (see `steersim {sub}--help`)\n")


def _allow(args) -> None:
    from sim.inputs.scenario import allow_root, reset_allowed_roots
    reset_allowed_roots()
    for folder in getattr(args, "allow", None) or []:
        allow_root(folder)


def cmd_run(args) -> int:
    from sim import api
    from sim.model.metrics import METRICS
    from sim.science.stats import window_weeks
    sc = api.scenario(args.scenario, parse_set(args.set), source="--set")
    out = output_dir(args.out, f"run_{sc.name}")
    result = api.run(sc, seeds=args.seeds, steps=args.steps, workers=args.workers,
                     progress=show_progress(args))
    result.report(out)
    if args.format == "json":
        print_json(result.to_dict())
        return 0
    n = len(result.seeds)
    print(f"{sc.name}: {n} seed{'s' if n != 1 else ''} x {result.steps} weeks; mean over the last "
          f"{window_weeks(result.steps)} weeks with 95% CI over seeds")
    from sim.report.numbers import decimals, number
    for r in result.table.itertuples(index=False):
        places = decimals(r.mean)  # one rule for every number a user reads (sim.report.numbers)
        ci = ("[not defined: nothing to count in this run]" if r.mean != r.mean
              else "[no CI: one seed]" if r.ci_low != r.ci_low
              else f"[{number(r.ci_low, places)}, {number(r.ci_high, places)}]")
        print(f"  {r.metric:<22} {number(r.mean, places):>10}  {ci}  {METRICS[r.metric].unit}")
    print(f"weekly series of every seed: {out / 'series.parquet'}")
    return 0


def cmd_compare(args) -> int:
    from sim.commands import compare
    return compare(args)


def cmd_robustness(args) -> int:
    from sim import api
    fix = parse_set(args.fix)
    vary = [v.strip() for item in args.vary or [] for v in item.split(",") if v.strip()] or None
    metrics = [m.strip() for m in args.metrics.split(",")] if args.metrics else None
    name = f"robustness_{api.scenario(args.a).name}_vs_{api.scenario(args.b).name}"
    out = output_dir(args.out, name)
    args.resumable_out = out
    result = api.robustness(args.a, args.b, samples=args.samples, seeds=args.seeds, vary=vary, fix=fix,
                            metrics=metrics, steps=args.steps, design=args.design, plausible=args.plausible,
                            out=out, workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                            progress=show_progress(args))
    paths = result.report(out)
    if args.format == "json":
        print_json({**result.to_dict(), "report": str(paths["report_html"])})
        return 0
    for metric in result.experiment.metrics:
        print(result.text(metric) + "\n")
    print(f"report: {paths['report_html']}; every world's inputs and outcomes: {paths['points']}")
    return 0


def cmd_pilot_design(args) -> int:
    from sim import api

    def numbers(text, key):
        try:
            return [int(x) for x in text.split(",") if x.strip()]
        except ValueError:
            raise SteersimInputError(f"got {text!r}; whole numbers separated by commas, e.g. 1,2,4,8",
                                     key=key) from None
    sc = api.scenario(args.scenario, parse_set(args.set), source="--set")
    out = output_dir(args.out, f"pilot_design_{sc.name}")
    result = api.pilot_design(sc, units=numbers(args.units, "--units"), weeks=numbers(args.weeks, "--weeks"),
                              metric=args.metric, seeds=args.seeds, choose=args.choose, pre_weeks=args.pre_weeks,
                              post_weeks=args.post_weeks, survey=args.survey, stagger=args.stagger,
                              detect=args.detect, workers=args.workers, scheduler=args.scheduler,
                              progress=show_progress(args))
    paths = result.report(out)
    if args.format == "json":
        print_json({**result.to_dict(), "report": str(paths["report"])})
        return 0
    print(result.text())
    print(f"heatmap: {paths['figure']}; every test: {paths['tests']}")
    return 0


def cmd_validate(args) -> int:
    from sim import api
    only = [x.strip() for x in args.only.split(",") if x.strip()] if args.only is not None else None
    out = output_dir(args.out, "validation")

    def done(result):
        print(f"  {result.fact.id}: {'holds' if result.holds else 'does NOT hold'}", file=sys.stderr, flush=True)

    result = api.validate(seeds=args.seeds, only=only, workers=args.workers, progress=done)
    result.report(out)
    print(result.text())
    print(f"\n{len(result.seeds)} seeds per experiment. Figures and validation.csv: {out}/")
    return 0 if result.holds else 1


def cmd_calibrate(args) -> int:
    from sim import api
    out = output_dir(args.out, "calibration")
    vary = [v.strip() for item in args.vary or [] for v in item.split(",") if v.strip()] or None
    result = api.calibrate(seeds=args.seeds, workers=args.workers, plausible=args.plausible or 0,
                           vary=vary, progress=show_progress(args))
    paths = result.report(out)
    print(f"{'target':<52} {'observed band':>16} {'model [95% CI]':>28}  inside")
    for r in result.table.itertuples(index=False):
        print(f"{r.target:<52} {r.band_low:>7.2f} - {r.band_high:<6.2f} {r.model:>9.3f} "
              f"[{r.ci_low:.3f}, {r.ci_high:.3f}]  {'yes' if r.inside else 'NO'}")
    if result.plausible is not None:
        print("\n" + result.plausible.text())
        print(f"plausible set (use with robustness or compare --plausible): {paths['plausible']}")
    print(f"\nfigure and table: {out}/")
    return 0 if result.inside else 1


def _command(name: str):
    """The ``sim.commands`` function ``name``, imported only when its command runs."""
    def run(args) -> int:
        from importlib import import_module
        return getattr(import_module("sim.commands"), name)(args)
    return run


def cmd_schema(args) -> int:
    if args.kind == "study":
        from sim.inputs.study import StudyFile
        schema = StudyFile.model_json_schema()
        schema["title"] = "steersim study file"
        print_json(schema)
        return 0
    from sim.inputs.files import json_schema
    print_json(json_schema(args.kind))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from sim.i18n import LANGUAGES, default_language
    parser = _Parser(prog="steersim",
                     description="How public organisations are steered (New Public Management,\n"
                                 "trust-based steering and the mixes between), as an agent-based\n"
                                 "model. Each command's --help says more.",
                     epilog="Bad input exits with status 2 and one line naming what is wrong and "
                            "what is allowed.",
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="the version, and the fingerprint of the model it runs")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def workers(p):
        p.add_argument("--workers", type=int, metavar="N",
                       help="local processes (default: all cores; 1 runs in this process)")

    def quiet(p):
        p.add_argument("--quiet", "-q", action="store_true",
                       help="no progress (by default: a bar in a terminal, a line every few seconds in a log)")

    def common(p, seeds="number of seeds (default: the scenario's)"):
        p.add_argument("--seeds", type=int, help=seeds)
        p.add_argument("--steps", type=int, help="weeks to run (default: the scenario's)")
        p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[],
                       help="override an input for every scenario (repeatable)")
        p.add_argument("--out", help="output folder (default under results/)")
        p.add_argument("--format", choices=("table", "json"), default="table")
        workers(p)
        quiet(p)
        p.add_argument("--allow", action="append", metavar="FOLDER",
                       help="let scenario files refer to files in FOLDER too")

    p = sub.add_parser("run", help="run one scenario over several seeds")
    p.add_argument("scenario", help="preset name or path to a .toml scenario")
    common(p)
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("compare", help="compare scenarios on the same seeds (default npm trust)")
    p.add_argument("scenarios", nargs="*", help="preset names or paths; the first is the baseline")
    p.add_argument("--all", action="store_true", help="show every metric in the table")
    p.add_argument("--uncertainty", type=int, metavar="N",
                   help="also over N plausible worlds (the uncertain inputs sampled)")
    p.add_argument("--plausible", metavar="FILE",
                   help="sample worlds from a plausible set written by `steersim calibrate --plausible`")
    p.add_argument("--lang", choices=LANGUAGES, default=default_language(), help="language of the report")
    common(p)
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("robustness", help="where each regime wins over the uncertain inputs")
    p.add_argument("a", nargs="?", default="npm", help="first scenario (default npm)")
    p.add_argument("b", nargs="?", default="trust", help="second scenario (default trust)")
    p.add_argument("--samples", type=int, default=200, help="worlds to sample (default 200)")
    p.add_argument("--seeds", type=int, default=1, help="seeds per world (default 1)")
    p.add_argument("--vary", action="append", metavar="NAMES",
                   help="uncertain inputs to sample, or groups: behaviour, coefficient, work (the plausible range "
                        "of one service), services (the work's features over their whole range: every kind of "
                        "public service), a mechanism; NAME=LOW:HIGH for another range (comma-separated, repeatable; default: all)")
    p.add_argument("--fix", action="append", metavar="NAME=VALUE", default=[], help="hold an input fixed")
    p.add_argument("--metrics", help="comma-separated metrics (default: quality, equal treatment, errors, ...)")
    p.add_argument("--design", choices=("lhs", "sobol"), default="lhs",
                   help="lhs (default) or sobol (Sobol indices; samples must be a power of two)")
    p.add_argument("--plausible", metavar="FILE", help="sample from a plausible set (steersim calibrate --plausible)")
    p.add_argument("--steps", type=int, help="weeks (default 260)")
    workers(p)
    quiet(p)
    p.add_argument("--scheduler", help="a Dask scheduler address")
    p.add_argument("--resume", action="store_true", help="finish a stopped analysis in --out")
    p.add_argument("--out", help="folder (default results/robustness_A_vs_B)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_robustness)
    p = sub.add_parser("pilot-design", help="what a pilot evaluation can detect, by units and duration")
    p.add_argument("scenario", nargs="?", default="pilot", help="a scenario with a pilot (default pilot)")
    p.add_argument("--units", default="1,2,4,8", help="pilot sizes to try (default 1,2,4,8)")
    p.add_argument("--weeks", default="26,52,104", help="pilot durations in weeks (default 26,52,104)")
    p.add_argument("--metric", default="service_quality", help="a unit metric (default service_quality)")
    p.add_argument("--seeds", type=int, default=60, help="simulated pilots per design (default 60)")
    p.add_argument("--choose", choices=("random", "volunteers"), default="random",
                   help="pilot units drawn at random, or volunteers (the most motivated units)")
    p.add_argument("--pre-weeks", type=int, default=52, help="weeks observed before the start (default 52)")
    p.add_argument("--post-weeks", type=int, default=26,
                   help="the pilot's last weeks the evaluation compares (default 26)")
    p.add_argument("--survey", type=int, default=0,
                   help="respondents per unit and period when the metric is measured by a survey (default 0: registers)")
    p.add_argument("--stagger", type=int, default=0, help="weeks between one unit's start and the next's (default 0)")
    p.add_argument("--detect", type=float, help="the change to detect for the MDE sentence (default: the model's effect)")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[], help="override an input")
    workers(p)
    quiet(p)
    p.add_argument("--scheduler", help="a Dask scheduler address")
    p.add_argument("--out", help="folder (default results/pilot_design_SCENARIO)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_pilot_design)
    p = sub.add_parser("validate", help="run the stylized facts as experiments")
    p.add_argument("--seeds", type=int, default=10, help="seeds per experiment (default 10)")
    p.add_argument("--only", help="comma-separated fact ids, e.g. SF4,SF13")
    workers(p)
    quiet(p)
    p.add_argument("--out", help="folder for figures and the table (default results/validation)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("replicate", help="the study library: the model beside what field studies measured")
    p.add_argument("studies", nargs="*", metavar="STUDY",
                   help="study ids or study files (default: every shipped study; `steersim list`)")
    p.add_argument("--seeds", type=int, help="seeds per study (default: each study's own, 10)")
    workers(p)
    quiet(p)
    p.add_argument("--out", help="folder for the report, table and forest plot (default results/replicate)")
    p.set_defaults(func=_command("replicate"))
    p = sub.add_parser("calibrate", help="the status quo against the observed bands")
    p.add_argument("--seeds", type=int, default=10, help="seeds (default 10)")
    workers(p)
    quiet(p)
    p.add_argument("--out", help="folder (default results/calibration)")
    p.add_argument("--plausible", type=int, metavar="N",
                   help="also sample N worlds and keep those inside every band (history matching)")
    p.add_argument("--vary", action="append", metavar="NAMES",
                   help="uncertain inputs to sample for --plausible (default: all)")
    p.set_defaults(func=cmd_calibrate)
    p = sub.add_parser("sweep", help="run an experiment file (grid, lhs, sobol, morris)")
    p.add_argument("experiment", help="path to an experiment .toml, or the name of a shipped one")
    workers(p)
    quiet(p)
    p.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://127.0.0.1:8786")
    p.add_argument("--resume", action="store_true", help="run only what is missing in --out")
    p.add_argument("--out", help="folder (default results/sweeps/NAME)")
    p.add_argument("--allow", action="append", metavar="FOLDER",
                   help="let the experiment refer to scenario files in FOLDER too")
    p.set_defaults(func=_command("sweep"))
    p = sub.add_parser("analyse", help="main effects, Sobol/Morris indices, crossover maps")
    p.add_argument("results", help="a sweep's output folder")
    p.set_defaults(func=_command("analyse"))
    p = sub.add_parser("viz", help="the classroom page: two regimes side by side, live levers")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--lang", choices=LANGUAGES, default=default_language(), help="language of the page")
    p.set_defaults(func=_command("viz"))
    p = sub.add_parser("animate", help="the side-by-side view as a GIF or self-contained HTML")
    p.add_argument("left", help="preset name or scenario file")
    p.add_argument("right", help="preset name or scenario file")
    p.add_argument("--out", required=True, help="a .gif or .html file")
    p.add_argument("--seed", type=int, default=1, help="the run's seed, the same for both sides (default 1)")
    p.add_argument("--frames", type=int, default=60, help="frames in the animation (default 60)")
    p.add_argument("--weeks-per-frame", type=int, default=4, help="model weeks between frames (default 4)")
    p.add_argument("--lang", choices=LANGUAGES, default=default_language(), help="language of the labels")
    p.set_defaults(func=_command("animate"))
    p = sub.add_parser("list", help="presets, inputs with defaults, units, ranges and sources, metrics")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--group", choices=("organisation", "regime", "behaviour", "coefficient"),
                   help="only inputs of this group")
    p.add_argument("--week", action="store_true",
                   help="the week plan instead: every step of a week, in order, with what it does")
    p.set_defaults(func=_command("list_inputs"))
    p = sub.add_parser("schema", help="the JSON Schema of scenario or experiment files (for editors)")
    p.add_argument("kind", choices=("scenario", "experiment", "study"))
    p.set_defaults(func=cmd_schema)
    return parser


class _Version(argparse.Action):
    """``--version``: the package's version and the model's fingerprint (which needs the
    model loaded, so only when asked)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from sim import __version__
        from sim.model.fingerprint import fingerprint
        print(f"steersim {__version__} (model {fingerprint()})")
        parser.exit()


def main(argv: list[str] | None = None) -> int:
    from sim.commands import guarded
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INPUT
    args.argv = list(argv) if argv is not None else sys.argv[1:]

    def command(args) -> int:
        from sim.i18n import speaking
        _allow(args)
        with speaking(getattr(args, "lang", None)):  # what it prints, progress too, in --lang
            return args.func(args)
    return guarded(command, args)


if __name__ == "__main__":
    sys.exit(main())
