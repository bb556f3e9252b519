"""The longer ``steersim`` commands, and the guard every command runs under: bad input,
a full disk, a closed pipe, a signal or an unexpected error each end in one line and
the right exit status, never a traceback and never half a file.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
import traceback
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from pathlib import Path

from sim.errors import SteersimInputError

EXIT_INPUT, EXIT_FAILED, EXIT_STOPPED = 2, 1, 130


def parse_set(items: list[str]) -> dict:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SteersimInputError(f"--set takes NAME=VALUE, got {item!r}", key="--set")
        try:
            out[name.strip()] = json.loads(value.strip())
        except ValueError:
            out[name.strip()] = value.strip()
    return out


def show_progress(args) -> bool:
    """Progress unless --quiet: a bar in a terminal, lines in a log (sim.execution.progress)."""
    return not getattr(args, "quiet", False)


def print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _terminated(signum, frame):
    raise KeyboardInterrupt  # a batch system's SIGTERM stops a command as Ctrl-C does


def guarded(func, args) -> int:
    import signal
    try:  # between runs too (writing a report, analysing), not only while runs are made
        previous = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread
        previous = None
    try:
        return _guarded(func, args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _guarded(func, args) -> int:
    from sim.execution.executor import Stopped
    try:
        return func(args)
    except SteersimInputError as exc:
        return _fail(f"error: {exc}", EXIT_INPUT)
    except (KeyboardInterrupt, Stopped):
        out = getattr(args, "resumable_out", None)
        resume = resume_command(getattr(args, "argv", None) or [], out) if out is not None else None
        if resume:
            return _fail(f"stopped; {_stored(out)} in {out}; resume with: {resume}", EXIT_STOPPED)
        return _fail("stopped before the end; nothing was written", EXIT_STOPPED)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except BrokenProcessPool:
        return _fail("error: a worker process died (out of memory?); finished runs are stored "
                     "(resume a sweep with --resume)", EXIT_FAILED)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # a file name given by the user (a scenario, an experiment)
            from sim.outputs import short
            name = Path(str(exc.filename or "")).name
            return _fail(f"error: {short(name, 40)!r}: the file name ({len(name)} characters) is longer than the "
                         f"file system allows", EXIT_INPUT)
        if exc.errno == errno.ENOSPC:
            return _fail(f"error: the disk is full ({exc.filename or 'writing results'}); nothing "
                         f"half-written was kept", EXIT_FAILED)
        return _fail(f"error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}",
                     EXIT_FAILED)
    except Exception:  # a bug: one line, and the traceback in a log a user can send us
        log = _log_traceback()
        return _fail(f"internal error: {sys.exc_info()[1]!r:.200}; the full traceback is in {log}",
                     EXIT_FAILED)


def _fail(message: str, status: int) -> int:
    try:
        print(f"steersim: {message}", file=sys.stderr)
    except BrokenPipeError:
        pass
    return status


def _quiet_stdout() -> None:
    # Python flushes stdout at exit; point it at /dev/null so that flush cannot fail again
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _log_traceback() -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"steersim-error-{stamp}-{os.getpid()}.log"
    try:
        path.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        return "(could not write a log)"
    return str(path)


def compare(args) -> int:
    from sim import api
    from sim.i18n import translator
    from sim.outputs import output_dir
    from sim.report.numbers import decimals, difference
    from sim.report.report import differences_table
    from sim.results import COMPARE_METRICS
    from sim.science.stats import window_weeks
    _ = translator(args.lang)
    overrides = parse_set(args.set)
    scenarios = [api.scenario(r, overrides, source="--set") for r in (args.scenarios or ["npm", "trust"])]
    names = [s.name for s in scenarios]
    out = output_dir(args.out, "compare_" + "_vs_".join(names))
    result = api.compare(*scenarios, seeds=args.seeds, steps=args.steps, workers=args.workers,
                         progress=show_progress(args), uncertainty=args.uncertainty,
                         plausible=args.plausible)
    paths = result.report(out, lang=args.lang)
    if args.format == "json":
        print_json({**result.to_dict(), "figure": str(paths["figure"]), "report": str(paths["report_html"])})
        return 0
    for alt, diff in result.differences.items():
        print(_("{alt} - {base}  ({n} paired seeds, {steps} weeks, mean over the last {window} weeks)").format(
            alt=alt, base=names[0], n=len(result.seeds), steps=result.steps, window=window_weeks(result.steps)))
        print(differences_table(diff, names[0], alt, None if args.all else COMPARE_METRICS, lang=args.lang))
        if result.world is not None:
            print(result.world.text(alt, lang=args.lang))
        print()
    for name, (table, _panel) in result.pilots.items():
        q = table.set_index("metric").loc["service_quality"]
        places = decimals(q.did, q.true)
        d = {k: difference(getattr(q, k), places, args.lang) for k in ("did", "did_low", "did_high", "true",
                                                                       "true_low", "true_high")}
        print(_("pilot {name}: service quality in pilot units vs the others, difference-in-differences {did} "
                "[{did_low}, {did_high}]; true effect {true} [{true_low}, {true_high}]").format(name=name, **d))
    print("\n".join(result.summary(args.lang)[-1:]))
    print("\n" + _("report: {page} (and report.md); figure: {figure}").format(page=paths["report_html"],
                                                                             figure=paths["figure"]))
    print(_("series and tables: {folder}").format(folder=f"{out}/"))
    return 0


def sweep(args) -> int:
    from sim import api
    from sim.inputs.experiment import load_experiment
    from sim.outputs import output_dir
    exp = load_experiment(args.experiment)
    out = output_dir(args.out, str(Path("sweeps") / exp.name))
    args.resumable_out = out
    store = api.sweep(exp, out=out, workers=args.workers, scheduler=args.scheduler,
                      resume=args.resume, progress=show_progress(args),
                      announce=lambda text: print(text, file=sys.stderr))
    runs = store.runs()
    failed = int((runs["status"] != "ok").sum())
    print(f"{len(runs)} runs stored in {out}/runs ({failed} failed)"
          f"{'; see the error column' if failed else ''}")
    print(f"analyse: steersim analyse {out}")
    return 0


def _stored(out) -> str:
    from sim.execution.store import Store
    try:
        n = len(Store(out).done_ids())
    except Exception:
        return "the finished runs are stored"
    return f"{n} finished run{'s are' if n != 1 else ' is'} stored"


def resume_command(argv: list[str], out: Path) -> str:
    """The command line that finishes a stopped sweep or analysis: the same one, with
    ``--out`` naming the folder it wrote to, and ``--resume``."""
    import shlex
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--out":
            skip = True
        elif not (arg.startswith("--out=") or arg == "--resume"):
            kept.append(arg)
    return " ".join(shlex.quote(p) for p in ["steersim", *kept, "--out", str(out), "--resume"])


def analyse(args) -> int:
    import pandas as pd

    from sim.execution.store import Store
    from sim.science.sensitivity import analyse as run_analysis
    store = Store.open(Path(args.results))
    results = run_analysis(store)
    with pd.option_context("display.width", 160, "display.max_rows", 200):
        for name, value in results.items():
            if isinstance(value, pd.DataFrame):
                print(f"\n{name}:\n{value.round(4).to_string(index=False)}")
    figures = [str(v) for v in results.values() if isinstance(v, Path)]
    if figures:
        print("\nfigures: " + ", ".join(figures))
    return 0


def replicate(args) -> int:
    """``steersim replicate``: the study library run on common seeds, beside what was
    published."""
    from sim.api import whole
    from sim.execution.executor import Executor
    from sim.inputs.study import load_study, study_names
    from sim.outputs import output_dir
    from sim.report.replication_report import table, write
    from sim.science.replication import replicate as run
    studies = [load_study(ref) for ref in (args.studies or study_names())]
    seeds = whole("--seeds", args.seeds, 2, 10_000) if args.seeds is not None else None
    workers = whole("--workers", args.workers, 1, 512) if args.workers is not None else None
    out = output_dir(args.out, "replicate")
    results = run(studies, seeds, Executor(workers), progress=show_progress(args))
    print(table(results))
    paths = write(out, results)
    print(f"\nreport: {paths[-1]}; table: {paths[0]}; forest plot: {out / 'forest.png'}")
    return 0


def list_week(args) -> int:
    """``steersim list --week``: the week plan, as the engine runs it."""
    from sim.model import plan
    if args.format == "json":
        print(json.dumps([{"step": n, "phase": phase, "mechanism_step": step, "what": what}
                          for n, phase, step, what in plan.rows()], indent=2, ensure_ascii=False))
        return 0
    import textwrap
    print("A week, in order (events of the week first; outcomes are recorded last):")
    last = None
    for number, phase, step, what in plan.rows():
        if phase != last:
            print(phase)
            last = phase
        head = f"  {number:>2} {step:<34} "
        print("\n".join(textwrap.wrap(what, 100, initial_indent=head, subsequent_indent=" " * len(head))))
    return 0


def list_inputs(args) -> int:
    from sim.inputs.scenario import example_names, load_scenario, preset_names
    from sim.inputs.schema import GROUPS, SPEC_LIST
    from sim.inputs.study import load_study, study_names
    from sim.model.anatomy import readers, readers_in_force
    from sim.model.metrics import METRICS
    if getattr(args, "week", False):
        return list_week(args)
    specs = [s for s in SPEC_LIST if args.group in (None, s.group)]
    if args.format == "json":
        print(json.dumps({
            "presets": {n: load_scenario(n).description for n in preset_names()},
            "examples": {f"examples/{n}": load_scenario(f"examples/{n}").description for n in example_names()},
            "studies": {n: {"title": s.title, "role": s.role, "sizes": s.sizes}
                        for n, s in ((n, load_study(n)) for n in study_names())},
            "inputs": [{"name": s.name, "group": s.group, "mechanism": s.mechanism or None,
                        "default": s.default, "unit": s.unit, "low": s.low, "high": s.high,
                        "choices": list(s.choices) or None,
                        "plausible": list(s.plausible) if s.plausible else None,
                        "uncertain": s.uncertain, "kind": s.kind.__name__, "doc": s.doc,
                        "source": s.source,
                        **({"read_by": readers(s.name), "read_in_force_by": readers_in_force(s.name)}
                           if s.group == "regime" else {})} for s in specs],
            "metrics": [{"name": m.name, "unit": m.unit, "doc": m.doc} for m in METRICS.values()],
        }, indent=2, ensure_ascii=False))
        return 0
    print("presets (steersim run NAME, or extends = \"NAME\" in a scenario file):")
    for name in preset_names():
        print(f"  {name:<12} {load_scenario(name).description}")
    print("\nstudies (steersim replicate NAME; docs/replication.md):")
    for name in study_names():
        study = load_study(name)
        print(f"  {name:<24} {study.role:<8} {study.title}")
    print("\nexamples (steersim run examples/NAME; copy one to start your own):")
    for name in example_names():
        print(f"  examples/{name:<28} {load_scenario(f'examples/{name}').description.splitlines()[0]}")
    titles = {"organisation": "organisation inputs ([organisation], --set NAME=VALUE)",
              "regime": "regime levers ([levers], --set LEVER=VALUE)",
              "behaviour": "behaviour inputs: uncertain assumptions about people ([behaviour])",
              "coefficient": "coefficients of the mechanisms: uncertain too ([coefficients])"}
    for group in GROUPS:
        chosen = [s for s in specs if s.group == group]
        if not chosen:
            continue
        print(f"\n{titles[group]}:")
        for s in chosen:
            where = f"[{s.mechanism}] " if s.mechanism else ""
            plausible = (f"; plausible {s.plausible[0]:g}-{s.plausible[1]:g}"
                         if s.uncertain and s.plausible else "")
            print(f"  {s.name:<26} default {s.default!s:<10} {s.unit:<26} {s.allowed()}{plausible}")
            print(f"  {'':<26} {where}{s.doc} Source: {s.source}.")
            if group == "regime":
                in_force = readers_in_force(s.name)
                print(f"  {'':<26} read by: {', '.join(readers(s.name))}"
                      + (f"; in force by: {', '.join(in_force)}" if in_force else ""))
    print("\nmetrics (recorded every week):")
    for m in METRICS.values():
        print(f"  {m.name:<22} {m.unit:<36} {m.doc}")
    return 0


def viz(args) -> int:
    import shutil

    from sim.api import whole
    from sim.errors import require_extra
    whole("--port", args.port, 1024, 65535)
    require_extra("solara", "viz", "the classroom page (Solara)")
    try:
        from sim.viz import assets
    except ImportError:
        raise SteersimInputError("the classroom page needs its extras: pip install 'steersim[viz]' "
                                 "(from a checkout: bash setup.sh)", key="viz") from None
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"steersim: warning: listening on {args.host}: anyone who can reach this address can "
              f"use the page, which has no login", file=sys.stderr)
    if assets.missing():
        print("steersim: the page's front-end files are not installed, so it will need the network; "
              "install them once with: python -m sim.viz.assets (needs npm and the network, once)",
              file=sys.stderr)
    _check_port_free(args.host, args.port)
    # Solara's own command beside this Python, or (a --user install, a conda env) its module
    script = shutil.which("solara", path=str(Path(sys.executable).parent))
    launcher = [script] if script else [sys.executable, "-m", "solara"]
    print(f"steersim classroom page: http://{args.host}:{args.port}  (Ctrl-C to stop)", flush=True)
    # a closed or reloaded tab frees its models within seconds, not after Solara's default day
    env = {"SOLARA_KERNEL_CULL_TIMEOUT": "4s", "SOLARA_THEME_SHOW_BANNER": "False", **os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
           "STEERSIM_LANG": args.lang}
    cmd = [*launcher, "run", "sim.viz.app", "--host", args.host, "--port", str(args.port),
           "--production", "--no-open"]
    os.execve(cmd[0], cmd, env)  # become the server, so Ctrl-C and signals reach it directly


def _check_port_free(host: str, port: int) -> None:
    """A one-line error now, rather than the server's own after it has started."""
    import socket
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except OSError as exc:
        raise SteersimInputError(f"cannot listen on {host!r}: {exc.strerror or exc}", key="--host") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise SteersimInputError(f"port {port} on {host} is taken ({exc.strerror or exc}): another "
                                     f"steersim viz, perhaps; give another --port", key="--port") from None


def animate(args) -> int:
    from sim.api import whole
    from sim.inputs.scenario import load_scenario
    from sim.outputs import check_writable
    out = Path(args.out)
    if out.suffix.lower() not in (".gif", ".html"):
        raise SteersimInputError(f"got {args.out!r}; the file must end in .gif or .html", key="--out")
    from sim.outputs import check_name_lengths
    check_name_lengths(out, "--out")
    if out.suffix.lower() == ".html":  # the player's charts are the classroom page's widgets
        from sim.errors import require_extra
        require_extra("ipyvue", "viz", "the HTML player (its charts are the classroom page's; a .gif needs no extra)")
    if out.is_dir():
        raise SteersimInputError(f"{args.out!r} is a folder; give a file to write, e.g. {out / 'animation'}"
                                 f"{out.suffix.lower()}", key="--out")
    for ref in (args.left, args.right):
        load_scenario(ref)  # a bad name or file stops here, before anything runs
    whole("--seed", args.seed, 0, 2**31 - 1)
    whole("--frames", args.frames, 2, 2000)
    whole("--weeks-per-frame", args.weeks_per_frame, 1, 52)
    check_writable(out.parent if str(out.parent) else Path("."))
    from sim.viz.animate import animate as make
    path = make(args.left, args.right, out, seed=args.seed, frames=args.frames,
                weeks_per_frame=args.weeks_per_frame, lang=args.lang)
    print(f"animation: {path} ({args.frames} frames, {args.frames * args.weeks_per_frame} weeks)")
    return 0
