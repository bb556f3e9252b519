"""The classroom page: two regimes side by side on the same citizens, live levers.

    steersim viz [--port 8765] [--lang sv]      # then open http://127.0.0.1:8765

Each browser tab gets its own ``Classroom`` (sim.viz.classroom): a worker thread that
owns both models, steps them and sends each week's numbers to the browser, which draws
them (sim.viz.widgets). The thread that handles a slider only writes the lever into its
side's model, so dragging never waits behind a redraw. Closing or reloading the tab
closes its classroom and frees the models.
"""

from __future__ import annotations

import logging
import sys
from functools import partial

import solara
from solara.server import kernel_context

from sim.i18n import LANGUAGES, N_, default_language, translator
from sim.inputs.data import examples_dir
from sim.inputs.scenario import preset_names
from sim.inputs.schema import INPUTS as SPECS
from sim.viz.classroom import DIFF_COLOUR, LIVE_LEVERS, SIDE_COLOURS, SPEEDS, Classroom, translated
from sim.viz.lessons import BY_KEY, LESSONS
from sim.viz.widgets import Board, Networks, WindowWidth

_handler = logging.StreamHandler(sys.stderr)
_handler.setFormatter(logging.Formatter("steersim: %(message)s"))
_log = logging.getLogger("steersim.classroom")
if not _log.handlers:
    _log.addHandler(_handler)
    _log.setLevel(logging.INFO)

PROJECTOR_WIDTH = 1400
VIEWS = (N_("charts"), N_("organisation"), N_("set-up"))
COLOUR_BY = {"felt_trust": N_("felt trust"), "motivation": N_("motivation"), "strain": N_("strain")}

LEVER_LABELS = {"indicators": N_("indicators"), "target_pressure": N_("targets"),
                "incentive_strength": N_("pay"), "monitoring": N_("monitoring"),
                "audit_rate": N_("audits"), "documentation_hours": N_("documentation"),
                "discretion": N_("discretion"), "support": N_("support")}

UNITS = {"hours/case": N_("h/case")}  # the page's short form of a unit

CSS = """
.steersim-page { font-size: %(font)dpx; }
.steersim-lever .v-label, .steersim-lever label { font-size: %(small)dpx !important; white-space: nowrap; }
.steersim-lever .v-input__slot { margin-bottom: 0 !important; }
.steersim-lever .v-messages { display: none; }
.steersim-lever .v-input { margin-top: 0 !important; padding-top: 0 !important; }
.steersim-lever .v-input__control { height: 26px; }
.steersim-lever-label { font-size: %(small)dpx; white-space: nowrap; overflow: hidden; display: block; line-height: 1.1; }
.steersim-page .v-btn { font-size: %(small)dpx !important; text-transform: none; }
.solara-watermark, .v-application--wrap > div[style*="position: fixed"] a[href*="solara"] { display: none !important; }
"""


def choices() -> list[str]:
    """The presets and the example scenario files (as ``examples/NAME``)."""
    examples = sorted(p.stem for p in examples_dir().glob("*.toml"))
    return preset_names() + [f"examples/{name}" for name in examples]


def _value_text(name: str, value: float, _) -> str:
    spec = SPECS[name]
    if spec.kind is int:
        return f"{_(LEVER_LABELS[name])}: {int(round(value))}"
    unit = _(UNITS[spec.unit]) if spec.unit in UNITS else "/ 1"
    return f"{_(LEVER_LABELS[name])}: {value:.2f} {unit}"


@solara.component
def LeverPanel(room: Classroom, side: int, name: str, levers, _, unit: int):
    """One side's live levers and events; a slider acts only on its own side."""
    values = levers.value[side]

    def move(lever, value):
        shown = [dict(v) for v in levers.value]
        shown[side][lever] = float(value)
        levers.value = shown       # what the slider shows ...
        room.set_lever(side, lever, value)  # ... is what the model runs with from next week

    with solara.Column(gap="0px", style={"border-top": f"6px solid {SIDE_COLOURS[side]}", "padding": "2px 6px"},
                       classes=[f"steersim-side-{side}"]):
        with solara.Row(gap="6px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text(name, style={"font-weight": "bold"})
            solara.Button(_("scandal"), color="error", small=True, classes=[f"steersim-scandal-{side}"],
                          on_click=lambda: room.trigger(side, "scandal", unit))
            solara.Button(_("reform to trust"), small=True, classes=[f"steersim-reform-{side}"],
                          on_click=lambda: room.trigger(side, "reform"))
            solara.Button(_("pilot in unit {unit}").format(unit=unit), small=True,
                          classes=[f"steersim-pilot-{side}"], on_click=lambda: room.trigger(side, "pilot", unit))
        with solara.GridFixed(columns=4, row_gap="0px", column_gap="10px"):
            for lever in LIVE_LEVERS:
                spec = SPECS[lever]
                value = values[lever]
                label = _value_text(lever, value, _)
                classes = ["steersim-lever", f"steersim-lever-{side}-{lever}"]
                with solara.Div(classes=classes):
                    solara.Text(label, classes=["steersim-lever-label"])
                    if spec.kind is int:
                        solara.SliderInt("", value=int(round(value)), min=int(spec.low),
                                         max=int(min(spec.high, 60)), on_value=partial(move, lever))
                    else:
                        solara.SliderFloat("", value=value, min=spec.low, max=spec.high, step=0.05,
                                           on_value=partial(move, lever))


@solara.component
def Mounted(widget_class, on_widget, props: dict):
    """A widget element that hands its live widget to ``on_widget`` once mounted."""
    element = widget_class.element(**props)
    solara.use_effect(lambda: on_widget(solara.get_widget(element)), [])
    return element


@solara.component
def Page():
    lang, set_lang = solara.use_state(default_language())
    _ = translator(lang)
    left, set_left = solara.use_state("npm")
    right, set_right = solara.use_state("trust")
    seed, set_seed = solara.use_state(1)
    generation, set_generation = solara.use_state(0)
    lesson_key, set_lesson_key = solara.use_state("")
    width, set_width = solara.use_state(0)
    projector_choice, set_projector = solara.use_state(None)
    projector = projector_choice if projector_choice is not None else (width == 0 or width < PROJECTOR_WIDTH)
    view, set_view = solara.use_state("charts")
    colour_by, set_colour_by = solara.use_state("felt_trust")
    speed, set_speed = solara.use_state(SPEEDS[2])
    playing, set_playing = solara.use_state(False)
    unit, set_unit = solara.use_state(0)
    ctx = kernel_context.get_current_context()

    def build():
        room = Classroom(left, right, seed=seed)
        lesson = BY_KEY.get(lesson_key)
        if lesson is not None:
            for side, week, action in lesson.plan:
                room.schedule(side, week, action)
        room.set_speed(speed)
        ctx.on_close(room.close)
        return room

    room = solara.use_memo(build, [left, right, seed, generation, lesson_key])
    levers = solara.use_reactive([room.levers(0), room.levers(1)])
    start = solara.use_memo(room.view, [room])
    solara.use_effect(lambda: levers.set([room.levers(0), room.levers(1)]), [room])
    solara.use_effect(lambda: room.close, [room])  # a new model, or the tab closed: free the old one

    font = 18 if projector else 14
    look = {"font": font, "colors": list(SIDE_COLOURS), "diff": DIFF_COLOUR, "names": [left, right]}
    charts, numbers = translated(_)
    board_props = dict(charts=charts, numbers=numbers, start=start, look=look,
                       height=190 if projector else 220, columns=5, week_label=_("week {n}"))
    nets_props = dict(nets=start["nets"], look=look, height=420 if projector else 380,
                      scale_title=_("staff coloured by {what}").format(what=_(COLOUR_BY[colour_by])),
                      low_text="0", high_text="1",
                      pilot_text=_("red ring: pilot unit; squares: managers (their trust in staff); top: the board"))
    widgets = solara.use_ref({})

    def connect():
        def on_week(r: Classroom):
            board, nets = widgets.current.get("board"), widgets.current.get("nets")
            if board is None or nets is None:
                return
            with ctx:
                now = [r.levers(0), r.levers(1)]
                board.week(r.week, r.rows(), r.marks(), now)
                if r.week % 4 == 0 or not r.playing:
                    nets.update([{**r.network(s, colour_by), "title": f"{look['names'][s]}, " + _("week {n}").format(n=r.week)}
                                 for s in (0, 1)])
                if r.moved_sides:  # an event or a lesson moved levers: show them (never undo a drag)
                    levers.set([now[s] if s in r.moved_sides else levers.value[s] for s in (0, 1)])
                if not r.playing and playing:
                    set_playing(False)
        room.on_week = on_week
        return lambda: setattr(room, "on_week", None)

    solara.use_effect(connect, [room, colour_by, lang, playing])

    def toggle_play():
        if playing:
            room.pause()
        else:
            room.play(until=BY_KEY[lesson_key].weeks if lesson_key else None)
        set_playing(not playing)

    def choose_speed(value):
        set_speed(value)
        room.set_speed(value)

    def start_lesson(key):
        lesson = BY_KEY[key]
        set_left(lesson.left)
        set_right(lesson.right)
        set_lesson_key(key)
        set_generation(generation + 1)
        set_playing(False)

    def reset():
        set_lesson_key("")
        set_generation(generation + 1)
        set_playing(False)

    small = 16 if projector else 13
    solara.Style(CSS % {"font": font, "small": small})
    with solara.Column(gap="2px", classes=["steersim-page"], style={"padding": "2px 8px"}):
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button(_("Pause") if playing else _("Play"), on_click=toggle_play, color="primary",
                          classes=["steersim-play"])
            solara.Button(_("Step"), on_click=lambda: room.step(1), disabled=playing, classes=["steersim-step"])
            solara.Button(_("Reset"), on_click=reset, classes=["steersim-reset"])
            solara.Text(_("1 step = 1 week · weeks/s"))
            solara.ToggleButtonsSingle(value=speed, values=list(SPEEDS), on_value=choose_speed,
                                       classes=["steersim-speed"])
            views = {_(v): v for v in VIEWS}
            solara.ToggleButtonsSingle(value=_(view), values=list(views), on_value=lambda v: set_view(views[v]),
                                       classes=["steersim-view"])
            solara.ToggleButtonsSingle(value=lang, values=list(LANGUAGES), on_value=set_lang,
                                       classes=["steersim-lang"])
            solara.Checkbox(label=_("projector"), value=projector, on_value=set_projector,
                            style="margin: 0; padding: 0")
        with solara.Div(style={"display": "block" if view == "charts" else "none"}):
            Mounted(Board, lambda w: widgets.current.__setitem__("board", w), board_props)
        with solara.Div(style={"display": "block" if view == "organisation" else "none"}):
            colours = {_(text): key for key, text in COLOUR_BY.items()}
            solara.ToggleButtonsSingle(value=_(COLOUR_BY[colour_by]), values=list(colours),
                                       on_value=lambda v: set_colour_by(colours[v]))
            Mounted(Networks, lambda w: widgets.current.__setitem__("nets", w), nets_props)
        if view == "set-up":
            with solara.Row(gap="16px", style={"align-items": "center", "flex-wrap": "wrap"}):
                with solara.Div(style={"min-width": "220px"}):
                    solara.Select(_("left"), value=left, values=choices(), on_value=lambda v: (set_left(v), reset()))
                with solara.Div(style={"min-width": "220px"}):
                    solara.Select(_("right"), value=right, values=choices(), on_value=lambda v: (set_right(v), reset()))
                with solara.Div(style={"min-width": "220px"}):
                    solara.SliderInt(_("seed"), value=seed, min=1, max=100, on_value=set_seed, thumb_label="always")
                with solara.Div(style={"min-width": "220px"}):
                    solara.SliderInt(_("pilot unit"), value=unit, min=0, thumb_label="always",
                                     max=room.sides[0].p.units - 1 if room.sides else 0, on_value=set_unit)
        with solara.Row(gap="8px", style={"align-items": "flex-start"}):
            for side, name in enumerate((left, right)):
                with solara.Div(style={"flex": "1 1 0"}):
                    LeverPanel(room, side, name, levers, _, unit)
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text(_("Lessons:"), style={"font-weight": "bold"})
            for lesson in LESSONS:
                solara.Button(_(lesson.title), small=True, classes=[f"steersim-lesson-{lesson.key}"],
                              on_click=lambda k=lesson.key: start_lesson(k))
        if lesson_key:
            lesson = BY_KEY[lesson_key]
            with solara.Card(margin=0, classes=["steersim-lesson-text"]):
                solara.Markdown(f"**{_(lesson.title)}.** {_(lesson.setup)}\n\n**{_('Ask first')}:** "
                                f"{_(lesson.question)}\n\n**{_('Notice')}:**\n\n"
                                + "\n".join(f"- {_(c.text)}" for c in lesson.claims))
        Mounted(WindowWidth, lambda w: w.observe(lambda change: set_width(change["new"]), "width"), {})

