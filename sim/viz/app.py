"""The classroom page: two regimes side by side on the same citizens, live levers.

    steersim viz [--port 8765] [--lang sv]      # then open http://127.0.0.1:8765

Each browser tab gets its own ``Classroom`` (sim.viz.classroom): a worker thread that
owns both models, steps them and sends each week's numbers to the browser, which draws
them (sim.viz.widgets). The thread that handles a slider only writes the lever into its
side's model, so dragging never waits behind a redraw. Closing or reloading the tab
closes its classroom and frees the models.

From top to bottom, so that what a class needs is on a projector's screen: the controls,
the lessons (and a lesson's question), the week and the big numbers, the charts (or the
organisation picture, or the set-up), and the levers.
"""

from __future__ import annotations

import logging
import sys

import solara
from solara.server import kernel_context

from sim.i18n import default_language, translator
from sim.report.report import versions
from sim.viz import words
from sim.viz.board import FIRST, translated
from sim.viz.classroom import SIDE_COLOURS, SPEEDS, Classroom
from sim.viz.lessons import BY_KEY, LESSONS, PLOT_PX
from sim.viz.panels import LessonPanel, LeverPanel, SetUp
from sim.viz.widgets import Board, Explainer, Networks

_handler = logging.StreamHandler(sys.stderr)
_handler.setFormatter(logging.Formatter("steersim: %(message)s"))
_log = logging.getLogger("steersim.classroom")
if not _log.handlers:
    _log.addHandler(_handler)
    _log.setLevel(logging.INFO)

PROJECTOR_WIDTH = 1400
DEFAULT = ("npm", "trust")

CSS = """
.steersim-page { font-size: %(font)dpx; }
.steersim-lever .v-input__slot { margin-bottom: 0 !important; }
.steersim-lever .v-input { margin-top: 0 !important; padding-top: 0 !important; }
.steersim-lever .v-input__control { height: 26px; }
.steersim-lever-label { font-size: %(small)dpx; display: block; line-height: 1.15; overflow-wrap: anywhere; }
.steersim-lesson-text, .steersim-lesson-text div, .steersim-lesson-text li { font-size: %(lesson)dpx; line-height: 1.22; }
.steersim-page .v-btn { font-size: %(small)dpx !important; text-transform: none; letter-spacing: normal; }
.steersim-page .v-btn-toggle .v-btn { min-width: 40px; padding: 0 10px; }
.solara-watermark, .v-application--wrap > div[style*="position: fixed"] a[href*="solara"] { display: none !important; }
"""


@solara.component
def Mounted(widget_class, on_widget, props: dict):
    """A widget element that hands its live widget to ``on_widget`` once mounted."""
    element = widget_class.element(**props)

    def hand_over():
        on_widget(solara.get_widget(element))
    solara.use_effect(hand_over, [])
    return element


@solara.component
def Page():
    lang, set_lang = solara.use_state(default_language())
    _ = translator(lang)
    # the run the page shows: (sides, lesson, generation) in one value, so that a click on
    # a lesson or Restart changes one state and builds one classroom
    run, set_run = solara.use_state((DEFAULT, "", 0))
    (left, right), lesson_key, generation = run
    seed, set_seed = solara.use_state(1)
    size, set_size = solara.use_state((0, 0))
    projector_choice, set_projector = solara.use_state(None)
    projector = projector_choice if projector_choice is not None else (size[0] == 0 or size[0] < PROJECTOR_WIDTH)
    view, set_view = solara.use_state("charts")
    colour_by, set_colour_by = solara.use_state("felt_trust")
    speed, set_speed = solara.use_state(SPEEDS[2])
    playing, set_playing = solara.use_state(False)
    unit, set_unit = solara.use_state(0)
    answers, set_answers = solara.use_state(False)  # a lesson's answers shown (after its question)
    ctx = kernel_context.get_current_context()
    lesson = BY_KEY.get(lesson_key)

    def build():
        room = Classroom(left, right, seed=seed)
        for side, week, action in (lesson.plan if lesson else ()):
            room.schedule(side, week, action)
        room.set_speed(speed)
        ctx.on_close(room.close)
        return room

    room = solara.use_memo(build, [run, seed])
    levers = solara.use_reactive([room.levers(0), room.levers(1)])
    solara.use_effect(lambda: levers.set([room.levers(0), room.levers(1)]), [room])
    solara.use_effect(lambda: room.close, [room])  # a new model, or the tab closed: free the old one
    widgets = solara.use_ref({})
    names = words.side_names(left, right, _)

    def marks(r: Classroom) -> list[dict]:
        return [{**m, "label": words.marker_text(m, _)} for m in r.marks()]

    def organisation(r: Classroom) -> list[dict]:
        return [{**r.network(s, colour_by), "title": _("{name}, week {n}").format(name=names[s], n=r.week)}
                for s in (0, 1)]

    start = solara.use_memo(lambda: {**room.view(), "markers": marks(room), "nets": None}, [room])

    def show_now():
        """What the page shows that depends on more than the week: the markers' words
        and the organisation picture, drawn at once (paused or playing)."""
        board, nets = widgets.current.get("board"), widgets.current.get("nets")
        with ctx:
            if board is not None:
                board.week(room.run, room.week, None, marks(room))
            if nets is not None and not room.stopped:
                nets.nets = organisation(room)

    def resync():
        """The browser missed a week (it asks): send it the whole run again."""
        board = widgets.current.get("board")
        if board is not None and not room.stopped:
            with ctx:
                board.start = {**room.view(), "markers": marks(room), "nets": None}

    def connect():
        def on_week(r: Classroom):
            board, nets = widgets.current.get("board"), widgets.current.get("nets")
            if board is None:
                return
            with ctx:
                board.week(r.run, r.week, r.rows(), marks(r))
                if nets is not None and (view == "organisation" or not r.playing):
                    nets.nets = organisation(r)
                if r.moved_sides:  # an event or a lesson moved levers: show them (never undo a drag)
                    now = [r.levers(0), r.levers(1)]
                    levers.set([now[s] if s in r.moved_sides else levers.value[s] for s in (0, 1)])
                if not r.playing and playing:
                    set_playing(False)
        room.on_week = on_week
        if widgets.current.get("board") is not None:
            widgets.current["board"].on_resync = resync
        show_now()
        return lambda: setattr(room, "on_week", None)

    solara.use_effect(connect, [room, colour_by, lang, playing, view])

    def toggle_play():
        if playing:
            room.pause()
        else:
            room.play(until=lesson.weeks if lesson else None)
        set_playing(not playing)

    def choose_speed(value):
        set_speed(value)
        room.set_speed(value)

    def restart(new_sides=None, key=None):
        """A new run at week 0: the same comparison, another, or a lesson's."""
        set_run((tuple(new_sides) if new_sides is not None else (left, right),
                 key if key is not None else lesson_key, generation + 1))
        set_playing(False)
        set_answers(False)

    font = 18 if projector else 15
    small = max(16, font - 2)
    lesson_font = max(18, font)  # a lesson's question and answers: 18 px or more at any width
    charts, numbers = translated(_)
    past = solara.use_memo(room.past, [room])
    look = {"font": font, "colors": list(SIDE_COLOURS), "names": names, "decimal": words.decimal(_),
            "pct": _("{n}%"), "weekWord": _("week"), "span": lesson.weeks if lesson else 52,
            # a lesson's charts are never lower than the plot its claims are measured on
            # (sim.viz.lessons); a comparison's may be, so its levers stay on a 1280x600 screen
            "minCanvas": int(PLOT_PX + 2 * font + 14) if lesson else 120}
    texts = {"week": _("week {n}"), "seed": _("seed {n}").format(n=seed), "weekWord": _("week"),
             # what the run starts from, and why a side that changes course dips in week 1
             "start": _("Week 0: one organisation on both sides, after {years} years of {regime} ({rules} rules, "
                        "{indicators} indicators in force).").format(
                 years=past["years"], regime=words.regime_name(past["regime"], _), rules=round(past["rules"]),
                 indicators=round(past["indicators"])),
             "change": _("From week 1 each side's levers steer; changing course costs time at first, so time with "
                         "clients and results dip."),
             "all_charts": _("All charts"), "lesson_charts": _("The lesson's charts") if lesson else _("Fewer charts"),
             "png": _("Save PNG"), "csv": _("Save CSV"),
             "png_help": _("The charts on screen as a picture, with the sides, the seed and the week, for a handout."),
             "csv_help": _("Every chart's series, week by week, as a table for a spreadsheet."),
             "caption": ", " + _("seed {n}").format(n=seed) + f" ({versions(_)}),",
             "file": f"steersim-{left}-{right}-{seed}".replace("/", "-")}
    board_props = dict(charts=charts, numbers=numbers, start=start, look=look, texts=texts,
                       focus=lesson.charts if lesson else list(FIRST), show_charts=view == "charts", reserve=180)

    solara.Style(CSS % {"font": font, "small": small, "lesson": lesson_font})
    with solara.Column(gap="4px", classes=["steersim-page"], style={"padding": "2px 8px"}):
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button(_("Pause") if playing else _("Play"), on_click=toggle_play, color="primary",
                          classes=["steersim-play"])
            solara.Button(_("Step"), on_click=lambda: room.step(1), disabled=playing, classes=["steersim-step"])
            solara.Button(_("Restart"), on_click=lambda: restart(), classes=["steersim-restart"])
            solara.Button(_("Default comparison"), on_click=lambda: restart(DEFAULT, ""),
                          classes=["steersim-default"])
            solara.Text(_("weeks/s"))
            solara.ToggleButtonsSingle(value=speed, values=list(SPEEDS), on_value=choose_speed, dense=True,
                                       classes=["steersim-speed"])
            views = {_(v): v for v in words.VIEWS}
            solara.ToggleButtonsSingle(value=_(view), values=list(views), on_value=lambda v: set_view(views[v]), dense=True,
                                       classes=["steersim-view"])
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text(_("Lessons:"), style={"font-weight": "bold"})
            for item in LESSONS:
                solara.Button(_(item.title), small=True, classes=[f"steersim-lesson-{item.key}"],
                              on_click=lambda item=item: restart((item.left, item.right), item.key))
        with solara.Div():  # always there, so the widgets below keep their place (and state)
            if lesson:
                LessonPanel(lesson, _, answers, set_answers)
        Mounted(Board, lambda w: widgets.current.__setitem__("board", w), board_props)
        with solara.Div(style={"display": "block" if view == "organisation" else "none"}):
            colours = {_(text): key for key, text in words.COLOUR_BY.items()}
            solara.ToggleButtonsSingle(value=_(words.COLOUR_BY[colour_by]), values=list(colours), dense=True,
                                       on_value=lambda v: set_colour_by(colours[v]))
            Mounted(Networks, lambda w: (widgets.current.__setitem__("nets", w), show_now()), dict(
                look=look, height=420 if projector else 380, low_text="0", high_text="1",
                scale_title=_("staff coloured by {what}").format(what=_(words.COLOUR_BY[colour_by])),
                pilot_text=_("red ring: pilot unit; squares: managers (their trust in staff); top: the board")))
        with solara.Div():
            if view == "set-up":
                SetUp(_, left, right, lambda a, b: restart((a, b), ""), seed, set_seed, unit, set_unit,
                      room.sides[0].units if room.sides else 1, lang, set_lang, projector, set_projector)
        with solara.Row(gap="8px", style={"align-items": "flex-start"}):
            for side, name in enumerate(names):
                with solara.Div(style={"flex": "1 1 0", "min-width": "0"}):
                    LeverPanel(room, side, name, levers, _, unit)
        Mounted(Explainer, lambda w: w.observe(lambda change: set_size((w.width, w.height)), ["width", "height"]), {})
