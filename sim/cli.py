"""The ``steersim`` command.

    steersim compare [A B ...]     NPM vs trust (default) on the same seeds: figure + table
    steersim run SCENARIO          one scenario over N seeds: series + summary table
    steersim validate              the stylized facts SF1-SF14 as experiments: table + figures
    steersim calibrate             the npm preset against the Swedish calibration bands
    steersim sweep EXPERIMENT      a sweep on all cores or a Dask cluster, resumable
    steersim analyse RESULTS       main effects, Sobol/Morris indices, crossover map
    steersim viz                   the classroom page on http://127.0.0.1:8765
    steersim animate A B --out F   the same view as an animated GIF or HTML player
    steersim list                  presets, every lever/input with default, unit, range

Bad input exits with status 2 and one line naming what is wrong and what is allowed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sim.errors import SteersimInputError
from sim.run.files import write_atomic

EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not usage + message
        self.exit(EXIT_INPUT, f"steersim: error: {message} (see `steersim {self._sub()}--help`)\n")

    def _sub(self):
        parts = self.prog.split()
        return f"{parts[-1]} " if len(parts) > 1 else ""


def _parse_set(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SteersimInputError(f"--set takes LEVER=VALUE, got {item!r}", key="--set")
        out[name.strip()] = _literal(value.strip())
    return out


def _literal(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return text


def _scenarios(refs, args):
    from sim.inputs.scenario import load_scenario
    scenarios = []
    overrides = _parse_set(args.set)
    for ref in refs:
        sc = load_scenario(ref)
        if overrides:
            sc = sc.with_inputs(overrides)
        scenarios.append(sc)
    return scenarios


def _horizon(scenarios, args) -> tuple[int, list[int]]:
    from sim.run.ensemble import seeds_for
    steps = args.steps if args.steps is not None else max(s.steps for s in scenarios)
    n = args.seeds if args.seeds is not None else scenarios[0].seeds
    _whole("--steps", steps, 1, 5000)
    _whole("--seeds", n, 1, 10_000)
    for sc in scenarios:
        late = [e for e in sc.events if e.week > steps]
        if late:
            raise SteersimInputError(
                f"scenario '{sc.name}' has an event in week {late[0].week}, beyond --steps "
                f"{steps}; give --steps {late[0].week} or more", key="--steps")
    return steps, seeds_for(n)


def _whole(option: str, value, low: int, high: int) -> int:
    """A whole-number option checked like every other input (one-line error, exit 2)."""
    from sim.inputs.schema import Spec
    return Spec(option, "run", low, "", "", low=low, high=high, kind=int).check(value)


def _save_series(series, out: Path) -> Path:
    path = out / "series.parquet"
    write_atomic(path, lambda tmp: series.to_parquet(tmp, index=False))
    return path


def cmd_run(args) -> int:
    from sim.science.stats import summarise
    from sim.run.ensemble import run_many
    from sim.model.metrics import METRICS
    [scenario] = _scenarios([args.scenario], args)
    steps, seeds = _horizon([scenario], args)
    out = Path(args.out or Path("results") / f"run_{scenario.name}")
    series = run_many([scenario], seeds, steps, workers=args.workers, progress=sys.stderr.isatty())
    summary = summarise(series)
    _save_series(series, out)
    write_atomic(out / "summary.csv", lambda tmp: summary.to_csv(tmp, index=False))
    if args.format == "json":
        print(json.dumps({
            "scenario": scenario.name, "seeds": len(seeds), "steps": steps,
            "metrics": {r.metric: {"mean": _num(r.mean), "ci95": [_num(r.ci_low), _num(r.ci_high)]}
                        for r in summary.itertuples(index=False)}}, indent=2))
        return 0
    print(f"{scenario.name}: {len(seeds)} seeds x {steps} weeks; mean over the last 52 weeks "
          f"with 95% CI over seeds")
    for r in summary.itertuples(index=False):
        print(f"  {r.metric:<22} {r.mean:10.3f}  [{r.ci_low:.3f}, {r.ci_high:.3f}]  "
              f"{METRICS[r.metric].unit}")
    print(f"weekly series of every seed: {out / 'series.parquet'}")
    return 0


def _num(x):
    return None if x != x else round(float(x), 6)


def cmd_compare(args) -> int:
    from sim.science.stats import paired_differences
    from sim.run.ensemble import run_many
    from sim.model.metrics import KEY_METRICS
    from sim.science.pilot import evaluate as evaluate_pilot
    from sim.report.report import differences_table, write_report
    refs = args.scenarios or ["npm", "trust"]
    if len(refs) < 2:
        raise SteersimInputError("compare needs at least two scenarios (default: npm trust)",
                                 key="scenarios")
    scenarios = _scenarios(refs, args)
    names = [s.name for s in scenarios]
    if len(set(names)) < len(names):
        raise SteersimInputError(f"two scenarios share the name '{names[0]}'; give one a "
                                 f"different `name =`", key="scenarios")
    steps, seeds = _horizon(scenarios, args)
    out = Path(args.out or Path("results") / ("compare_" + "_vs_".join(names)))
    series = run_many(scenarios, seeds, steps, workers=args.workers,
                      progress=sys.stderr.isatty())
    _save_series(series, out)
    tables, payload, diffs = [], {}, {}
    for other in names[1:]:
        diff = paired_differences(series, names[0], other)
        diffs[other] = diff
        write_atomic(out / f"differences_{other}_vs_{names[0]}.csv",
                      lambda tmp, d=diff: d.to_csv(tmp, index=False))
        keys = None if args.all else list(KEY_METRICS) + ["direct_time_share", "turnover",
                                                         "cost_per_quality", "felt_trust"]
        tables.append(f"{other} - {names[0]}  ({len(seeds)} paired seeds, {steps} weeks, "
                      f"mean over the last 52 weeks)\n" + differences_table(diff, names[0], other, keys))
        payload[other] = {r.metric: {"baseline": _num(r[1]), "alternative": _num(r[2]),
                                     "difference": _num(r.difference),
                                     "ci95": [_num(r.ci_low), _num(r.ci_high)]}
                          for r in diff.itertuples(index=False)}
    pilots = {}
    for sc in scenarios:
        result = evaluate_pilot(sc, seeds, steps, workers=args.workers)
        if result is not None:
            pilots[sc.name] = result
    md_path, html_path = write_report(out, scenarios, series, diffs, seeds, steps, pilots)
    figure = out / "comparison.png"
    if args.format == "json":
        print(json.dumps({"baseline": names[0], "seeds": len(seeds), "steps": steps,
                          "differences": payload, "figure": str(figure),
                          "report": str(html_path)}, indent=2))
        return 0
    print("\n\n".join(tables))
    for name, (table, _) in pilots.items():
        q = table.set_index("metric").loc["service_quality"]
        print(f"\npilot {name}: service quality in pilot units vs the others, difference-in-"
              f"differences {q.did:+.3f} [{q.did_low:+.3f}, {q.did_high:+.3f}]; true effect "
              f"{q.true:+.3f} [{q.true_low:+.3f}, {q.true_high:+.3f}]")
    print(f"\nreport: {html_path} (and {md_path.name}); figure: {figure}\nseries and tables: {out}/")
    return 0


def cmd_validate(args) -> int:
    from sim.run.ensemble import seeds_for
    from sim.report.report import plot_comparison
    from sim.science.validation import FACTS, table, validate
    _whole("--seeds", args.seeds, 2, 10_000)
    known = [f.id for f in FACTS]
    only = [x.strip() for x in args.only.split(",")] if args.only else None
    for fact_id in only or []:
        if fact_id not in known:
            from sim.errors import did_you_mean
            raise SteersimInputError(f"no fact '{fact_id}'{did_you_mean(fact_id, known)}; "
                                     f"facts: {', '.join(known)}", key="--only")
    out = Path(args.out or Path("results") / "validation")
    seeds = seeds_for(args.seeds)

    def done(result):
        print(f"  {result.fact.id}: {'holds' if result.holds else 'does NOT hold'}",
              file=sys.stderr, flush=True)

    results = validate(seeds, workers=args.workers, only=only, progress=done)
    rows = []
    for r in results:
        path = out / f"{r.fact.id}.png"
        write_atomic(path, lambda tmp, r=r: plot_comparison(
            r.series, Path(tmp), r.fact.figure_metrics, title=f"{r.fact.id}: {r.fact.statement}"))
        for c in r.checks:
            mean, lo, hi = c.ci
            rows.append((r.fact.id, r.fact.statement, c.label, ">0" if c.expected > 0 else "<0",
                         mean, lo, hi, c.holds, r.fact.design))
    import pandas as pd
    frame = pd.DataFrame(rows, columns=["fact", "statement", "check", "expected", "mean",
                                        "ci_low", "ci_high", "holds", "design"])
    write_atomic(out / "validation.csv", lambda tmp: frame.to_csv(tmp, index=False))
    print(table(results))
    print(f"\n{len(seeds)} seeds per experiment. Figures and validation.csv: {out}/")
    return 0 if all(r.holds for r in results) else 1


def cmd_calibrate(args) -> int:
    from sim.science.calibration import plot, run_targets
    from sim.run.ensemble import seeds_for
    _whole("--seeds", args.seeds, 2, 10_000)
    seeds = seeds_for(args.seeds)
    out = Path(args.out or Path("results") / "calibration")
    table, _ = run_targets(seeds, workers=args.workers)
    write_atomic(out / "calibration.csv", lambda tmp: table.to_csv(tmp, index=False))
    write_atomic(out / "calibration.png", lambda tmp: plot(table, Path(tmp), seeds))
    print(f"{'target':<50} {'observed band':>16} {'model [95% CI]':>28}  inside")
    for r in table.itertuples(index=False):
        print(f"{r.target:<50} {r.band_low:>7.2f} - {r.band_high:<6.2f} "
              f"{r.model:>9.3f} [{r.ci_low:.3f}, {r.ci_high:.3f}]  {'yes' if r.inside else 'NO'}")
    print(f"\nfigure and table: {out}/")
    return 0 if table["inside"].all() else 1


def cmd_sweep(args) -> int:
    from sim.inputs.experiment import load_experiment
    from sim.run.sweep import SweepInterrupted, sweep
    experiment = load_experiment(args.experiment)
    if args.workers is not None and args.workers < 1:
        raise SteersimInputError(f"got {args.workers}; at least 1", key="--workers")
    out = Path(args.out or Path("results") / "sweeps" / experiment.name)
    n = len(experiment.runs())
    where = (f"Dask scheduler {args.scheduler}" if args.scheduler
             else f"{args.workers or os.cpu_count()} local processes")
    print(f"{experiment.name}: {n} runs ({experiment.design}, {experiment.replicates} replicates, "
          f"{experiment.steps} weeks) on {where} -> {out}", file=sys.stderr)
    try:
        store = sweep(experiment, out, workers=args.workers, scheduler=args.scheduler,
                      resume=args.resume, progress=sys.stderr.isatty())
    except SweepInterrupted as exc:
        print(f"steersim: {exc}", file=sys.stderr)
        return 130
    runs = store.runs()
    failed = int((runs["status"] != "ok").sum())
    print(f"{len(runs)} runs stored in {out}/runs ({failed} failed){'; see the error column' if failed else ''}")
    print(f"analyse: steersim analyse {out}")
    return 0


def cmd_analyse(args) -> int:
    from sim.run.store import Store
    from sim.science.sensitivity import analyse
    store = Store(Path(args.results))
    if not (store.out / "metadata.json").exists() or not store.done_ids():
        raise SteersimInputError(f"no sweep results in {args.results} (expected metadata.json and "
                                 f"runs/); run `steersim sweep EXPERIMENT` first", key="RESULTS")
    results = analyse(store)
    import pandas as pd
    with pd.option_context("display.width", 160, "display.max_rows", 200):
        for name, value in results.items():
            if isinstance(value, pd.DataFrame):
                print(f"\n{name}:\n{value.round(4).to_string(index=False)}")
    figures = [str(v) for v in results.values() if isinstance(v, Path)]
    print("\nfigures: " + ", ".join(figures))
    return 0


def cmd_viz(args) -> int:
    import shutil
    _whole("--port", args.port, 1024, 65535)
    try:
        from .viz import assets
    except ImportError:
        raise SteersimInputError("the classroom page needs its extras: bash setup.sh (or "
                                 "pip install -e '.[viz]')", key="viz") from None
    if assets.missing():
        print("steersim: the page's front-end files are not installed, so it will need the "
              "network; install them once with: .venv/bin/python -m sim.viz.assets", file=sys.stderr)
    solara = shutil.which("solara", path=str(Path(sys.executable).parent)) or "solara"
    url = f"http://{args.host}:{args.port}"
    print(f"steersim classroom page: {url}  (Ctrl-C to stop)", flush=True)
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"}
    cmd = [solara, "run", "sim.viz.app", "--host", args.host, "--port", str(args.port),
           "--production", "--no-open"]
    # become the server (no wrapper process), so Ctrl-C and signals reach it directly
    os.execve(solara, cmd, env)


def cmd_animate(args) -> int:
    from sim.inputs.scenario import load_scenario
    out = Path(args.out)
    if out.suffix.lower() not in (".gif", ".html"):
        raise SteersimInputError(f"got {args.out!r}; the file must end in .gif or .html", key="--out")
    for ref in (args.left, args.right):
        load_scenario(ref)  # a bad name or file stops here, before anything runs
    _whole("--frames", args.frames, 2, 2000)
    _whole("--weeks-per-frame", args.weeks_per_frame, 1, 52)
    from .viz.animate import animate
    path = animate(args.left, args.right, out, seed=args.seed, frames=args.frames,
                   weeks_per_frame=args.weeks_per_frame)
    print(f"animation: {path} ({args.frames} frames, {args.frames * args.weeks_per_frame} weeks)")
    return 0


def cmd_list(args) -> int:
    from sim.model.metrics import METRICS
    from sim.inputs.schema import GROUPS, SPEC_LIST
    from sim.inputs.scenario import load_scenario, preset_names
    print("presets (steersim run NAME, or extends = \"NAME\" in a scenario file):")
    for name in preset_names():
        print(f"  {name:<12} {load_scenario(name).description}")
    for group in GROUPS:
        print(f"\n{group} inputs (--set NAME=VALUE):" if group != "regime"
              else "\nregime levers (--set LEVER=VALUE):")
        for s in SPEC_LIST:
            if s.group == group:
                print(f"  {s.name:<22} default {s.default!s:<12} {s.unit:<20} {s.allowed()}")
                print(f"  {'':<22} {s.doc}")
    print("\nmetrics (recorded every week):")
    for m in METRICS.values():
        print(f"  {m.name:<22} {m.unit:<38} {m.doc}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="steersim", description=__doc__.split("\n\n")[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    from sim import __version__
    parser.add_argument("--version", action="version", version=f"steersim {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def common(p):
        p.add_argument("--seeds", type=int, help="number of seeds (default: the scenario's)")
        p.add_argument("--steps", type=int, help="weeks to run (default: the scenario's)")
        p.add_argument("--set", action="append", metavar="LEVER=VALUE", default=[],
                       help="override an input for every scenario (repeatable)")
        p.add_argument("--out", help="output folder (default under results/)")
        p.add_argument("--format", choices=("table", "json"), default="table")
        p.add_argument("--workers", type=int, default=1, help="processes (default 1)")

    p = sub.add_parser("run", help="run one scenario over several seeds")
    p.add_argument("scenario", help="preset name or path to a .toml scenario")
    common(p)
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("compare", help="compare scenarios on the same seeds (default npm trust)")
    p.add_argument("scenarios", nargs="*", help="preset names or paths; the first is the baseline")
    p.add_argument("--all", action="store_true", help="show every metric in the table")
    common(p)
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("validate", help="run the stylized facts SF1-SF14 (SCIENCE.md) as experiments")
    p.add_argument("--seeds", type=int, default=10, help="seeds per experiment (default 10)")
    p.add_argument("--only", help="comma-separated fact ids, e.g. SF4,SF13")
    p.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    p.add_argument("--out", help="folder for figures and the table (default results/validation)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("calibrate", help="the npm preset against the Swedish bands of SCIENCE.md")
    p.add_argument("--seeds", type=int, default=10, help="seeds (default 10)")
    p.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    p.add_argument("--out", help="folder (default results/calibration)")
    p.set_defaults(func=cmd_calibrate)
    p = sub.add_parser("sweep", help="run an experiment file (grid, lhs, sobol, morris)")
    p.add_argument("experiment", help="path to an experiment .toml (see experiments/)")
    p.add_argument("--workers", type=int, help="local processes (default: all cores)")
    p.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://127.0.0.1:8786")
    p.add_argument("--resume", action="store_true", help="run only what is missing in --out")
    p.add_argument("--out", help="folder (default results/sweeps/NAME)")
    p.set_defaults(func=cmd_sweep)
    p = sub.add_parser("analyse", help="main effects, Sobol/Morris indices, crossover maps")
    p.add_argument("results", help="a sweep's output folder")
    p.set_defaults(func=cmd_analyse)
    p = sub.add_parser("viz", help="the classroom page: two regimes side by side, live levers")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.set_defaults(func=cmd_viz)
    p = sub.add_parser("animate", help="the side-by-side view as a GIF or self-contained HTML")
    p.add_argument("left", help="preset name or scenario file")
    p.add_argument("right", help="preset name or scenario file")
    p.add_argument("--out", required=True, help="a .gif or .html file")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--frames", type=int, default=60)
    p.add_argument("--weeks-per-frame", type=int, default=4)
    p.set_defaults(func=cmd_animate)
    p = sub.add_parser("list", help="presets, inputs with defaults and ranges, metrics")
    p.set_defaults(func=cmd_list)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return args.func(args)
    except SteersimInputError as exc:
        print(f"steersim: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("steersim: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
