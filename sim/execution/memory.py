"""How much a run costs before it starts: memory, and whether the work is worth other
processes.

A run's arrays grow linearly with its citizens and staff. Measured (2026-12, Python 3.13,
numpy 2.5, default network degrees; one ``SteeringModel``, peak resident memory): about
800 bytes per citizen (1,000,000 citizens: 0.98 GB; 2,000,000: 1.75 GB) and 1,700 per
member of staff (200,000 staff: 0.51 GB), on top of about 180 MB for Python and the
libraries. An organisation too large for the memory available is refused with the
estimate, rather than dying half-way with a MemoryError.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sim.errors import SteersimInputError

BYTES_PER_CITIZEN = 800
BYTES_PER_STAFF = 1_700
#: A process's own memory: Python, numpy, pandas, scipy, Mesa and the history cache's start.
PROCESS_BYTES = 250 * 2**20
#: Work (agent-weeks, burn-in included) below which other processes cost more than they
#: save: starting one takes about 1.1 s, and a process does about 0.5 million
#: agent-weeks a second (four default runs of 52 weeks: 1.0 s in this process, 2.4 s on two).
SMALL_WORK = 2_000_000


def _value(scenario, name: str):
    from sim.inputs.schema import INPUTS
    return scenario.inputs.get(name, INPUTS[name].default)


def agents(scenario) -> int:
    """Agents in one run of ``scenario``: board, managers, staff and citizens."""
    units = int(_value(scenario, "units"))
    return (int(_value(scenario, "politicians")) + units * (int(_value(scenario, "staff_per_unit")) + 1)
            + int(_value(scenario, "citizens")))


def run_bytes(scenario) -> int:
    """Estimated memory of one run of ``scenario`` (its state and networks)."""
    staff = int(_value(scenario, "units")) * int(_value(scenario, "staff_per_unit"))
    return int(_value(scenario, "citizens")) * BYTES_PER_CITIZEN + staff * BYTES_PER_STAFF


def work(scenario, runs: int, steps: int) -> int:
    """Agent-weeks of ``runs`` runs of ``steps`` weeks (with each seed's burn-in)."""
    return agents(scenario) * runs * (steps + int(_value(scenario, "burn_in")))


def available_bytes() -> int | None:
    """Memory this process may use: ``STEERSIM_MEMORY`` (e.g. ``8GB``) if set, else the
    smaller of the machine's available memory and the job's cgroup limit (a cluster
    job's share); None when neither can be read."""
    given = os.environ.get("STEERSIM_MEMORY")
    if given:
        return parse_size(given)
    found = []
    try:
        meminfo = Path("/proc/meminfo").read_text()
        m = re.search(r"^MemAvailable:\s+(\d+) kB", meminfo, re.M)
        if m:
            found.append(int(m.group(1)) * 1024)
    except OSError:
        pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        used = Path("/sys/fs/cgroup/memory.current").read_text().strip()
        if limit.isdigit() and used.isdigit():
            found.append(int(limit) - int(used))
    except OSError:
        pass
    return min(found) if found else None


def parse_size(text: str) -> int:
    """Bytes from ``8GB``, ``512MB``, ``2G`` or a plain number of bytes."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*", text)
    if m is None:
        raise SteersimInputError(f"got {text!r}; a size such as 8GB or 512MB", key="STEERSIM_MEMORY")
    power = " KMGT".index(m.group(2).upper() or " ")
    return int(float(m.group(1)) * 1024 ** power)


def gigabytes(n: float) -> str:
    return f"{n / 2**30:.1f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def check_fits(scenarios, runs_per_process: int, processes: int) -> None:
    """Refuse, with the estimate, work whose runs would not fit in the memory available:
    ``processes`` processes each holding ``runs_per_process`` runs of the largest scenario."""
    free = available_bytes()
    if free is None or not scenarios:
        return
    largest = max(scenarios, key=run_bytes)
    per_run = run_bytes(largest)
    need = processes * (PROCESS_BYTES + max(1, runs_per_process) * per_run)
    if need <= free:
        return
    citizens, staff = int(_value(largest, "citizens")), int(_value(largest, "units")) * int(
        _value(largest, "staff_per_unit"))
    where = f"on {processes} processes" if processes > 1 else "in one process"
    source = " (STEERSIM_MEMORY)" if os.environ.get("STEERSIM_MEMORY") else ""
    fewer = "fewer --workers or " if processes > 1 else ""
    raise SteersimInputError(
        f"scenario '{largest.name}' ({citizens:,} citizens, {staff:,} staff) needs about "
        f"{gigabytes(per_run)} per run ({gigabytes(need)} in all {where}) and {gigabytes(free)} is "
        f"available{source}; give {fewer}a smaller organisation (--set citizens=N, units=N)", key="organisation")
