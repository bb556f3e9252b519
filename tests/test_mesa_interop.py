"""The Mesa agents are real: agent sets, DataCollector and batch_run all work."""

import mesa
import numpy as np
import pandas as pd

from conftest import SMALL
from sim import SteeringModel
from sim.model.agents import Citizen, FrontlineWorker, Manager, Politician


def test_agents_by_type_counts_and_handles_read_and_write_rows():
    m = SteeringModel(rng=1, **SMALL)
    counts = {k: len(v) for k, v in m.agents_by_type.items()}
    assert counts == {Politician: 7, Manager: 6, FrontlineWorker: 48, Citizen: 600}
    workers = m.agents_by_type[FrontlineWorker]
    mean_strain = workers.agg("strain", np.mean)
    assert mean_strain == m.staff["strain"].mean()
    worker = next(iter(workers))
    worker.strain = 0.99
    assert m.staff["strain"][worker.row] == 0.99
    overloaded = workers.select(lambda a: a.is_overloaded())
    assert worker in overloaded
    by_unit = workers.groupby("unit")
    assert len(by_unit.groups) == 6


def test_datacollector_records_every_metric_each_step():
    m = SteeringModel(rng=1, **SMALL).run(5)
    frame = m.datacollector.get_model_vars_dataframe()
    assert len(frame) == 6  # the initial state and five weeks
    assert "service_quality" in frame and "admin_share" in frame


def test_batch_run_with_two_seeds_and_two_lever_values():
    results = mesa.batch_run(SteeringModel, parameters={"documentation_hours": [0.5, 3.0], **SMALL},
                             rng=[1, 2], max_steps=12, number_processes=1,
                             display_progress=False)
    frame = pd.DataFrame(results)
    assert len(frame) == 4
    assert set(frame["documentation_hours"]) == {0.5, 3.0}
    assert set(frame["iteration"]) == {0, 1}
    assert frame["admin_share"].between(0, 1).all()
    by_lever = frame.groupby("documentation_hours")["admin_share"].mean()
    assert by_lever[3.0] > by_lever[0.5]


def test_mesa_network_space_holds_every_layer():
    m = SteeringModel(rng=1, **SMALL)
    space = m.network
    kinds = {d["layer"] for _, _, d in space.G.edges(data=True)}
    assert kinds == {"hierarchy", "collaboration", "service", "social"}
    assert len(space.G) == 7 + 6 + 48 + 600


def test_batch_run_keeps_the_indicators_lever_beside_the_outcome():
    rows = mesa.batch_run(SteeringModel, parameters={"indicators": [4, 30], **SMALL}, rng=[1],
                          max_steps=5, number_processes=1, display_progress=False)
    frame = pd.DataFrame(rows)
    assert set(frame["indicators"]) == {4, 30}
    assert "indicators_in_force" in frame
