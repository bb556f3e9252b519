"""Each mechanism reads, writes and draws only what it declares, from its source (so
the check holds however the week is run), and the declarations are what the engine
builds its state from."""

import importlib
import inspect

import pytest

from sim.mechanisms import MODULES
from sim.model import anatomy
from sim.model.fields import Fields, per_worker
from sim.model.plan import STEPS, WEEK
from sim.model.state import FIELDS, STREAMS, State

MODULE_OBJECTS = [importlib.import_module(f"sim.mechanisms.{name}") for name in MODULES]


@pytest.mark.parametrize("module", MODULE_OBJECTS, ids=MODULES)
def test_each_mechanism_reads_writes_and_draws_only_what_it_declares(module):
    assert anatomy.check(module) == []


def _problems_after(module, old: str, new: str) -> list[str]:
    source = inspect.getsource(module)
    assert old in source, old
    return anatomy.check(module, source.replace(old, new, 1))


def test_the_check_finds_an_undeclared_field_coefficient_lever_or_write():
    from sim.mechanisms import motivation, trust
    # a field another module owns, read without declaring it
    found = _problems_after(motivation, "followup=s.followup", "followup=s.strain")
    assert any("reads the field 'strain'" in p for p in found), found
    # another module's coefficient
    found = _problems_after(motivation, "c.crowd_out_pay", "c.strain_admin")
    assert any("'strain_admin'" in p and "READS.inputs" in p for p in found), found
    # a lever not declared, and a lever read as an input
    found = _problems_after(motivation, "support=s.worker_lever.support", "support=s.worker_lever.monitoring")
    assert any("lever 'monitoring'" in p for p in found), found
    found = _problems_after(motivation, "c.crowd_out_pay", "c.discretion")
    assert any("reads the lever 'discretion' as an input" in p for p in found), found
    # a field it neither owns nor declares it updates
    found = _problems_after(trust, "s.felt_trust = asymmetric_update(", "s.strain = asymmetric_update(")
    assert any("writes 'strain'" in p for p in found), found


def test_the_check_finds_a_network_read_without_its_declaration_and_one_declared_unread():
    from sim.mechanisms import citizens, delivery
    found = _problems_after(citizens, "has_friends=s.has_friends", "has_friends=s.cross_degree")
    assert any("reads the network 'cross_degree' without declaring it" in p for p in found), found
    assert any("declares it reads the network 'has_friends' but does not" in p for p in found), found
    # a name that is no network is refused where it is declared
    import types

    from sim.model.fields import Reads
    fake = types.ModuleType("sim.mechanisms.fake")
    fake.READS = Reads(networks=("friends",))
    assert any("READS.networks names 'friends'" in p for p in anatomy.check(fake, "")), anatomy.check(fake, "")
    assert anatomy.declared(citizens).networks == {"friends_mean", "has_friends", "need_cdf"}
    assert anatomy.declared(delivery).networks == {"cross_unit", "cross_degree"}


def test_the_check_finds_an_array_passed_by_position_or_under_another_fields_name():
    from sim.mechanisms import motivation, trust
    found = _problems_after(trust, "learning_visit=s.learning_visit, punished=s.punished",
                            "learning_visit=s.punished, punished=s.learning_visit")
    assert sum("under another field's name" in p for p in found) == 2, found
    found = _problems_after(trust, "trust_in_staff=s.at_worker(s.trust_in_staff)", "trust_in_staff=s.at_worker(s.control)")
    assert any("under another field's name" in p for p in found), found
    found = _problems_after(motivation, "s.motivation = update(motivation=s.motivation,",
                            "s.motivation = update(s.motivation,")
    assert any("by position" in p for p in found), found
    # a lever under another lever's name, directly or through a helper
    from sim.mechanisms import effort
    found = _problems_after(motivation, "incentive_strength=s.worker_lever.incentive_strength",
                            "incentive_strength=s.worker_lever.support")
    assert any("the lever 'support' under another lever's name" in p for p in found), found
    found = _problems_after(effort, "incentive_strength=s.worker_lever.incentive_strength",
                            "incentive_strength=s.at_worker(s.lever.support)")
    assert any("under another lever's name" in p for p in found), found


def test_the_check_finds_each_way_round_it():
    # the state, its inputs or a lever view under another name; reflection; a helper that
    # takes the state under another name; a size runs in a batch need not share; a stream
    # drawn by a name of its own; a declared stream never drawn
    from sim.mechanisms import measurement, motivation, population, staffing
    cases = [
        (motivation, "support=s.worker_lever.support", "support=(t := s).worker_lever.support", "binds the state"),
        (motivation, "c.crowd_out_pay", "(k := c).crowd_out_pay", "binds the state"),
        (motivation, "support=s.worker_lever.support", "support=getattr(s, 'strain')", "getattr() on the state"),
        (staffing, "def pay_for_posts(s: State) -> None:", "def _peek(state):\n    return state.strain\n\n\n"
                                                         "def pay_for_posts(s: State) -> None:", "takes the state as 'state'"),
        (staffing, 'if s.p.budget == "fixed":', 'if s.p.audit_rate == "fixed":', "reads s.p.audit_rate"),
        (population, "r = streams(START_STAFF.name)", 'r = streams("needs")', "draws a stream by a name"),
        (measurement, "(noise_draw, bunch_draw), = s.draw(REPORTS)", "noise_draw = bunch_draw = s.draw_nothing",
         "never draws from it"),
        # the state handed to a helper that reads it under another name, or through __dict__
        (staffing, "def pay_for_posts(s: State) -> None:", "def _peek(t):\n    return t.strain\n\n\n"
                                                         "def pay_for_posts(s: State) -> None:\n    _peek(s)",
         "hands the state to _peek()"),
        (motivation, "support=s.worker_lever.support", "support=s.__dict__['strain']", "__dict__"),
    ]
    for module, old, new, expected in cases:
        found = _problems_after(module, old, new)
        assert any(expected in p for p in found), (module.__name__, new, found)


def test_every_field_has_one_owner_and_two_owners_are_refused():
    owners: dict[str, str] = {}
    for module in MODULE_OBJECTS:
        for name, field in module.Owns.FIELDS.items():
            if field.owner == module.__name__.rsplit(".", 1)[-1]:
                assert name not in owners, f"{name}: declared by {owners[name]} and {field.owner}"
                owners[name] = field.owner
    assert set(owners) <= set(FIELDS)

    class Once(Fields):
        skill = per_worker("skill, declared a second time")

    with pytest.raises(TypeError, match="'skill' is declared by both"):
        type("TwoOwners", (State, Once), {})
    # ... and the source check says so before anything is built: a field another module
    # owns, or one field declared twice in one module
    from sim.mechanisms import motivation
    anchor = '    motivation: Array = per_worker('
    found = _problems_after(motivation, anchor, '    strain: Array = per_worker("strain, again")\n' + anchor)
    assert any("declares the field 'strain', which strain declares too" in p for p in found), found
    found = _problems_after(motivation, anchor, '    motivation: Array = per_worker("again")\n' + anchor)
    assert any("declares the field 'motivation' a second time" in p for p in found), found


def test_the_state_is_built_from_every_mechanism_and_registers_every_declared_stream():
    # a new mechanism must join the state's bases (so static tools see its fields too)
    missing = [m.__name__ for m in MODULE_OBJECTS if m.Owns not in State.__mro__]
    assert not missing, f"add these modules' Owns to the bases of sim.model.state.State: {missing}"
    declared = {s.name for m in MODULE_OBJECTS for s in getattr(m, "STREAMS", ())}
    assert declared <= set(STREAMS)


def test_what_a_module_reads_exists_and_is_not_its_own():
    for module in MODULE_OBJECTS:
        own = set(module.Owns.FIELDS) & {n for n, f in FIELDS.items() if f.owner == module.__name__.rsplit(".", 1)[-1]}
        reads = set(module.READS.fields) | set(module.READS.updates)
        assert reads <= set(FIELDS) | set(State.DERIVED), (module.__name__, reads - set(FIELDS))
        assert not reads & own, (module.__name__, reads & own)


def test_mechanism_functions_take_arrays_by_keyword_and_steps_take_only_the_state():
    for module in MODULE_OBJECTS:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            params = list(inspect.signature(function).parameters.values())
            positional = [p.name for p in params if p.kind is not inspect.Parameter.KEYWORD_ONLY]
            assert positional in ([], ["s"]), f"{module.__name__}.{name} takes {positional} by position"
    for step in STEPS:
        assert list(inspect.signature(step).parameters) == ["s"], step


def test_the_week_plan_holds_each_step_once_in_phases_with_docstrings():
    assert len(STEPS) == len(set(STEPS))
    assert all(phase.steps for phase in WEEK)
    assert all((step.__doc__ or "").strip() for step in STEPS)


def test_a_stream_that_is_not_declared_cannot_be_drawn_from():
    from sim.model.rng import Streams
    streams = Streams(1, frozenset(STREAMS))
    streams.weekly("needs")
    with pytest.raises(KeyError, match="no random stream 'weekly.neds'"):
        streams.weekly("neds")
    assert len({s.name for s in STREAMS.values()}) == len(STREAMS)
