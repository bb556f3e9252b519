"""The page's controls (Solara components): the levers and events of one side, the
lesson panel, and the set-up view. Every word goes through the page's translator
``_``; every lever and event button carries its one-sentence explanation
(``data-help``, shown on hover and on tap by sim.viz.widgets.Explainer)."""

from __future__ import annotations

from functools import partial

import solara

from sim.i18n import LANGUAGES, N_
from sim.inputs.schema import INPUTS as SPECS
from sim.viz import words
from sim.viz.classroom import LIVE_LEVERS, SIDE_COLOURS

EVENT_HELP = {
    "scandal": N_("A severe incident in unit {unit} next week, in the news: the politicians may react."),
    "reform": N_("This side switches to trust-based steering next week, imposed from above."),
    "pilot": N_("Unit {unit} on this side becomes a trust pilot next week (outlined in red in the "
                "organisation picture)."),
}


def Helped(text: str, classes: str = ""):
    """A container whose explanation shows on hover and on tap."""
    return solara.v.Html(tag="div", class_=classes, attributes={"data-help": text})


@solara.component
def LeverPanel(room, side: int, name: str, levers, _, unit: int):
    """One side's live levers and events; a slider acts only on its own side, at once,
    and leaves one marker on the charts when it is let go."""
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
            for kind, text, colour in (("scandal", _("scandal"), "error"), ("reform", _("reform to trust"), None),
                                       ("pilot", _("pilot in unit {unit}").format(unit=unit), None)):
                with Helped(_(EVENT_HELP[kind]).format(unit=unit), "steersim-event"):
                    solara.Button(text, color=colour, small=True, classes=[f"steersim-{kind}-{side}"],
                                  on_click=partial(room.trigger, side, kind, unit))
        with solara.GridFixed(columns=4, row_gap="0px", column_gap="10px"):
            for lever in LIVE_LEVERS:
                Lever(lever, side, values[lever], partial(move, lever), partial(room.mark_lever, side, lever), _)


@solara.component
def Lever(lever: str, side: int, value: float, on_move, on_release, _):
    """A lever's label (with its value and unit) and slider; ``on_release`` when it is let
    go, or moved with a key or a click (one marker per change, however long the drag)."""
    spec = SPECS[lever]
    whole = spec.kind is int
    with Helped(words.lever_help(lever, _), f"steersim-lever steersim-lever-{side}-{lever}"):
        solara.Text(words.lever_text(lever, value, _), classes=["steersim-lever-label"])
        slider = solara.v.Slider(v_model=int(round(value)) if whole else value, min=spec.low,
                                 max=min(spec.high, 60) if whole else spec.high, step=1 if whole else 0.05,
                                 hide_details=True, on_v_model=on_move)
    solara.v.use_event(slider, "change", lambda *_args: on_release())


@solara.component
def LessonPanel(lesson, _, answers: bool, set_answers):
    """The lesson on screen: what it sets up, the question first, the answers on request."""
    html = solara.v.Html
    with solara.Column(gap="2px", classes=["steersim-lesson-text"],
                       style={"padding": "4px 10px", "border": "1px solid #bbb", "border-radius": "4px"}):
        with html(tag="div", class_="steersim-lesson-setup"):
            html(tag="b", children=[_(lesson.title) + "."])
            html(tag="span", children=[" " + _(lesson.setup)])
        with solara.Row(gap="10px", style={"align-items": "center", "flex-wrap": "wrap"}):
            with html(tag="div", class_="steersim-lesson-question", style_="flex: 1 1 500px; min-width: 0"):
                html(tag="b", children=[_("Ask first") + ":"])
                html(tag="span", children=[" " + _(lesson.question)])
            solara.Button(_("Hide answers") if answers else _("Show answers"), small=True,
                          classes=["steersim-answers-button"], on_click=lambda: set_answers(not answers))
        if answers:  # "Notice:" beside the list, not a line of its own
            with html(tag="div", class_="steersim-answers", style_="display: flex; gap: 6px"):
                html(tag="b", children=[_("Notice") + ":"], style_="white-space: nowrap")
                with html(tag="ul", style_="margin: 0; padding-left: 18px; flex: 1 1 0; min-width: 0"):
                    for claim in lesson.claims:
                        html(tag="li", children=[_(claim.text)])


def choices() -> list[str]:
    """The presets and the example scenario files (as ``examples/NAME``)."""
    from sim.inputs.data import examples_dir
    from sim.inputs.scenario import preset_names
    return preset_names() + [f"examples/{p.stem}" for p in sorted(examples_dir().glob("*.toml"))]


@solara.component
def SetUp(_, left, right, set_sides, seed, set_seed, unit, set_unit, units: int, lang, set_lang,
          projector, set_projector):
    """The set-up view: the two regimes, the seed, the pilot unit, the language, the size."""
    names = {words.regime_name(ref, _): ref for ref in choices()}
    with solara.Row(gap="16px", style={"align-items": "center", "flex-wrap": "wrap"}, classes=["steersim-setup"]):
        with solara.Div(style={"min-width": "260px"}):
            solara.Select(_("left"), value=words.regime_name(left, _), values=list(names),
                          on_value=lambda v: set_sides(names[v], right))
        with solara.Div(style={"min-width": "260px"}):
            solara.Select(_("right"), value=words.regime_name(right, _), values=list(names),
                          on_value=lambda v: set_sides(left, names[v]))
        with solara.Div(style={"min-width": "220px"}):
            # the value in the label, not in an always-shown bubble that covered the numbers below
            solara.SliderInt(f'{_("seed")}: {seed}', value=seed, min=1, max=100, on_value=set_seed,
                             thumb_label=True)
        with solara.Div(style={"min-width": "220px"}):
            solara.SliderInt(f'{_("pilot unit")}: {unit}', value=unit, min=0, thumb_label=True, max=units - 1,
                             on_value=set_unit)
        languages = {_(words.LANGUAGE_NAMES[code]): code for code in LANGUAGES}
        solara.ToggleButtonsSingle(value=_(words.LANGUAGE_NAMES[lang]), values=list(languages),
                                   on_value=lambda v: set_lang(languages[v]), classes=["steersim-lang"])
        solara.Checkbox(label=_("large text (projector)"), value=projector, on_value=set_projector)
