"""The classroom page: two regimes side by side on the same citizens, live levers.

    steersim viz [--port 8765]      # then open http://127.0.0.1:8765

Built on Mesa's SolaraViz: Step, Play/Pause, Reset, a speed control (play interval)
and steps per redraw come from it. The model it drives is ``SideBySide``, a Mesa model
holding two ``SteeringModel``s run with the same seed, so every difference on screen
is the regime's. Levers move at once (``solara.SliderFloat(on_value=...)`` writes the
running models; Mesa's model_params would apply only on Reset). Each browser tab
builds its own model inside ``Page``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mesa  # noqa: E402
import numpy as np  # noqa: E402
import solara  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from mesa.visualization import SolaraViz  # noqa: E402
from mesa.visualization.utils import update_counter  # noqa: E402

from sim.inputs.data import examples_dir
from sim.inputs.events import Incident, SetLevers  # noqa: E402
from sim.inputs.scenario import load_scenario, preset_names  # noqa: E402
from sim.inputs.schema import INPUTS as SPECS  # noqa: E402
from sim.model.metrics import METRICS  # noqa: E402

CHART_METRICS = ("service_quality", "admin_share", "gaming_gap", "citizen_trust", "strain")
LIVE_LEVERS = ("indicators", "target_pressure", "incentive_strength", "documentation_hours",
               "monitoring", "audit_rate", "discretion", "support", "collaboration_reward",
               "learning_time")
COLOUR_BY = {"felt trust": ("staff", "felt_trust"), "strain": ("staff", "strain"),
             "motivation": ("staff", "motivation"), "satisfaction": ("citizens", "satisfaction")}
SIDE_COLOURS = ("#1f5fa8", "#d1603d")
CITIZENS_SHOWN = 2  # citizens drawn per frontline worker (of their caseload)


class SideBySide(mesa.Model):
    """Two regimes on the same organisation and citizens (the same seed), stepped together."""

    def __init__(self, left: str = "npm", right: str = "trust", seed: int = 1):
        super().__init__(rng=int(seed))
        self.names = (left, right)
        self.sides = [_scenario(left).model(int(seed)), _scenario(right).model(int(seed))]
        self.layout = network_layout(self.sides[0])

    def step(self):
        for side in self.sides:
            side.step()

    def set_lever(self, which: tuple[int, ...], name: str, value) -> None:
        """Change a lever on the running model(s) at once, in all units."""
        for i in which:
            self.sides[i].set_levers({name: value})

    def trigger(self, which: tuple[int, ...], kind: str, unit: int = 0) -> None:
        """An event next week: a scandal, a reform to trust, or a trust pilot in a unit."""
        for i in which:
            model = self.sides[i]
            week = model.steps + 1
            if kind == "scandal":
                event = Incident(week, 0.9, unit, label="scandal")
            elif kind == "reform":
                event = SetLevers(week, _trust_levers(), None, True, label="reform")
            else:
                event = SetLevers(week, _trust_levers(), (unit,), True, label="pilot")
            model.events.append(event)


def _trust_levers() -> dict:
    return load_scenario("trust").levers()


def network_layout(model) -> dict:
    """Positions: the board on top, managers below, each unit's staff in a fan under its
    manager, and a sample of each worker's citizens under them."""
    n_units, per_unit = model.p.units, model.p.staff_per_unit
    board = np.column_stack([np.linspace(0.3, 0.7, model.p.politicians), np.full(model.p.politicians, 1.0)])
    mx = (np.arange(n_units) + 0.5) / n_units
    managers = np.column_stack([mx, np.full(n_units, 0.72)])
    width = 0.8 / n_units
    staff_x = (mx[:, None] + np.linspace(-width / 2, width / 2, per_unit)[None, :]).ravel()
    staff = np.column_stack([staff_x, np.full(staff_x.size, 0.45)])
    rng = np.random.default_rng(0)
    chosen = []
    for worker in range(staff_x.size):
        mine = np.flatnonzero(model.citizens["caseworker"] == worker)[:CITIZENS_SHOWN]
        chosen.extend(mine.tolist())
    chosen = np.array(chosen, dtype=int)
    worker_of = model.citizens["caseworker"][chosen]
    citizens = np.column_stack([staff_x[worker_of] + rng.normal(0, width / 6, chosen.size),
                                0.12 + rng.uniform(0, 0.18, chosen.size)])
    edges = ([(board[p], managers[m]) for p in range(len(board)) for m in range(n_units)]
             + [(managers[u], staff[s]) for s, u in enumerate(model.staff["unit"])]
             + [(staff[w], citizens[k]) for k, w in enumerate(worker_of)])
    return {"board": board, "managers": managers, "staff": staff, "citizens": citizens,
            "citizen_rows": chosen, "edges": edges}


def draw_network(side, name: str, layout: dict, colour_by: str):
    table, key = COLOUR_BY[colour_by]
    fig, ax = plt.subplots(figsize=(6.0, 4.0), dpi=80)
    ax.add_collection(LineCollection(layout["edges"], colors="#bbbbbb", linewidths=0.4, zorder=1))
    ax.scatter(*layout["board"].T, s=90, c="#444444", marker="s", zorder=3, label="board")
    ax.scatter(*layout["managers"].T, s=60, c="#777777", marker="D", zorder=3, label="managers")
    if table == "staff":
        staff_values, citizen_colour = side.staff[key], "#cccccc"
        points = ax.scatter(*layout["staff"].T, s=28, c=staff_values, cmap="viridis", vmin=0, vmax=1,
                            zorder=3, edgecolors="none")
        ax.scatter(*layout["citizens"].T, s=6, c=citizen_colour, zorder=2)
    else:
        ax.scatter(*layout["staff"].T, s=28, c="#888888", zorder=3)
        values = side.citizens[key][layout["citizen_rows"]]
        points = ax.scatter(*layout["citizens"].T, s=8, c=values, cmap="viridis", vmin=0, vmax=1, zorder=2)
    bar = fig.colorbar(points, ax=ax, fraction=0.05, pad=0.02)
    bar.set_label(f"{colour_by} (0-1)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0.05, 1.06)
    ax.axis("off")
    ax.text(0.0, 1.03, "board", fontsize=8, color="#444444")
    ax.text(0.0, 0.75, "managers", fontsize=8, color="#444444")
    ax.text(0.0, 0.48, "staff", fontsize=8, color="#444444")
    ax.text(0.0, 0.31, "citizens", fontsize=8, color="#444444")
    ax.set_title(f"{name}: the organisation, coloured by {colour_by} (week {side.steps})", fontsize=11)
    fig.subplots_adjust(left=0.01, right=0.86, top=0.92, bottom=0.01)  # tight_layout costs 100 ms
    return fig


def draw_charts(model: SideBySide):
    fig, axes = plt.subplots(1, len(CHART_METRICS), figsize=(13, 3.0), dpi=80)
    for ax, metric in zip(axes, CHART_METRICS):
        index = list(METRICS).index(metric)
        for colour, name, side in zip(SIDE_COLOURS, model.names, model.sides):
            values = np.array([row[index] for row in side.history])
            ax.plot(np.arange(values.size), values, color=colour, lw=1.8, label=name)
        ax.set_title(metric.replace("_", " "), fontsize=11)
        ax.set_xlabel("week")
        ax.set_ylabel(METRICS[metric].unit, fontsize=9)
        ax.grid(alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=2, fontsize=10, frameon=False)
    fig.subplots_adjust(left=0.05, right=0.99, top=0.8, bottom=0.17, wspace=0.42)
    return fig


@solara.component
def Charts(model: SideBySide):
    update_counter.get()
    fig = draw_charts(model)
    solara.FigureMatplotlib(fig, format="png")
    plt.close(fig)


@solara.component
def Monitors(model: SideBySide):
    update_counter.get()
    with solara.Row(gap="24px", classes=["steersim-monitors"]):
        for colour, name, side in zip(SIDE_COLOURS, model.names, model.sides):
            q = side.metric("service_quality")
            a = side.metric("admin_share")
            t = side.metric("citizen_trust")
            solara.Markdown(
                f"<div style='border-left:6px solid {colour};padding-left:10px'>"
                f"<div style='font-size:18px'><b>{name}</b>, week {side.steps}</div>"
                f"<div class='monitor' style='font-size:30px'>quality {_fmt(q)} &nbsp; "
                f"admin {_pct(a)} &nbsp; trust {_pct(t)}</div></div>")


def _fmt(x):
    return "–" if x != x else f"{x:.2f}"


def _pct(x):
    return "–" if x != x else f"{100 * x:.0f}%"


@solara.component
def Networks(model: SideBySide):
    update_counter.get()
    colour_by, set_colour_by = solara.use_state("felt trust")
    solara.ToggleButtonsSingle(value=colour_by, values=list(COLOUR_BY), on_value=set_colour_by)
    with solara.Row():
        for name, side in zip(model.names, model.sides):
            fig = draw_network(side, name, model.layout, colour_by)
            solara.FigureMatplotlib(fig, format="png")
            plt.close(fig)


@solara.component
def Levers(model: SideBySide):
    """Live levers: change the running models at once."""
    update_counter.get()
    target, set_target = solara.use_state("both")
    version, set_version = solara.use_state(0)  # re-render when a lever moves
    unit, set_unit = solara.use_state(0)
    which = {"both": (0, 1), model.names[0]: (0,), model.names[1]: (1,)}.get(target, (0, 1))
    shown = model.sides[which[0]]

    def move(name, value):
        model.set_lever(which, name, value)
        set_version(version + 1)

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Markdown("**Levers act at once on**")
        solara.ToggleButtonsSingle(value=target, values=["both", *model.names], on_value=set_target)
        solara.Markdown("&nbsp;&nbsp;**Events next week:**")
        solara.Button("Scandal", on_click=lambda: model.trigger(which, "scandal", unit), color="error")
        solara.Button("Reform to trust", on_click=lambda: model.trigger(which, "reform"))
        solara.Button(f"Pilot in unit {unit}", on_click=lambda: model.trigger(which, "pilot", unit))
        with solara.Column(style={"min-width": "200px"}):
            solara.SliderInt("pilot unit", value=unit, min=0, max=shown.p.units - 1, on_value=set_unit)
    with solara.GridFixed(columns=2, row_gap="0px", column_gap="32px"):
        for name in LIVE_LEVERS:
            spec = SPECS[name]
            value = float(shown.levers[name][0])
            shown_value = f"{int(round(value))}" if spec.kind is int else f"{value:.2f}"
            label = f"{name.replace('_', ' ')}: {shown_value} {spec.unit}"
            if spec.kind is int:
                solara.SliderInt(label, value=int(round(value)), min=int(spec.low), max=int(spec.high),
                                 on_value=lambda v, n=name: move(n, v))
            else:
                solara.SliderFloat(label, value=value, min=spec.low, max=spec.high, step=0.05,
                                   on_value=lambda v, n=name: move(n, v))


def choices() -> list[str]:
    """The presets and the example scenario files (as ``examples/NAME``)."""
    examples = sorted(p.stem for p in examples_dir().glob("*.toml"))
    return preset_names() + [f"examples/{name}" for name in examples]


def _scenario(choice: str):
    if choice.startswith("examples/"):
        return load_scenario(examples_dir() / f"{choice.split('/', 1)[1]}.toml")
    return load_scenario(choice)


MODEL_PARAMS = {
    "left": {"type": "Select", "value": "npm", "values": choices(), "label": "left regime"},
    "right": {"type": "Select", "value": "trust", "values": choices(), "label": "right regime"},
    "seed": {"type": "SliderInt", "value": 1, "min": 1, "max": 100, "step": 1, "label": "seed"},
}


@solara.component
def Page():
    # One model per browser tab: built here, inside the page, not at import. The
    # reactive is ours, so Reset's new model reaches our components too.
    initial = solara.use_memo(SideBySide, [])
    model = solara.use_reactive(initial)
    SolaraViz(model, components=[], model_params=MODEL_PARAMS,
              name="steersim: two regimes side by side", play_interval=20, render_interval=5)
    with solara.Column(style={"padding": "4px 12px"}):
        Monitors(model.value)
        with solara.Card("Live levers and events", margin=0):
            Levers(model.value)
        Charts(model.value)
        Networks(model.value)
