"""The four network layers and their sparse matrices.

* hierarchy: board -> managers -> staff (a tree; stored as index arrays, since
  every worker has exactly one manager);
* collaboration: staff-staff, dense inside a unit, sparse across units;
* service: staff-citizens, each citizen has one caseworker in their home unit;
* social: citizens, a Watts-Strogatz small world.

Large layers are generated directly as scipy.sparse matrices with vectorised numpy
(networkx's generators take minutes at a million citizens); ``to_networkx`` gives
the same graph to anyone who wants networkx or a Mesa ``Network`` space.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from sim.model.fields import Stream

SERVICE = Stream("network.service", "each citizen's home unit and caseworker")
COLLABORATION = Stream("network.collaboration", "staff's ties to staff in other units")
SOCIAL = Stream("network.social", "the citizens' small world (rewired ties)")
STREAMS = (SERVICE, COLLABORATION, SOCIAL)
#: A ring lattice has neighbours on two sides: ``degree`` ties are ``degree // SIDES`` each way.
SIDES = 2


def small_world(n: int, degree: int, rewiring: float, rng: np.random.Generator) -> sp.csr_matrix:
    """Symmetric 0/1 adjacency of a Watts-Strogatz graph (ring of ``degree`` neighbours,
    each edge's far end rewired to a random node with probability ``rewiring``)."""
    half = max(1, min(degree // SIDES, (n - 1) // SIDES))
    src = np.repeat(np.arange(n), half)
    dst = (src + np.tile(np.arange(1, half + 1), n)) % n
    rewire = rng.random(src.size) < rewiring
    dst = np.where(rewire, rng.integers(0, n, src.size), dst)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    adj = sp.coo_matrix((np.ones(src.size, dtype=np.float32), (src, dst)), shape=(n, n))
    adj = (adj + adj.T).tocsr()
    adj.data[:] = 1.0  # duplicate edges collapse to one tie
    return adj


def collaboration(unit_of_staff: np.ndarray, cross_ties: int, rng: np.random.Generator):
    """Staff-staff ties: everyone in a unit knows each other (stored implicitly as the
    unit), plus ``cross_ties`` random ties per worker to staff of *other* units.

    Returns the sparse cross-unit adjacency (symmetric, 0/1)."""
    n = unit_of_staff.size
    if cross_ties == 0 or n <= 1:
        return sp.csr_matrix((n, n), dtype=np.float32)
    src = np.repeat(np.arange(n), cross_ties)
    dst = rng.integers(0, n, src.size)
    keep = unit_of_staff[src] != unit_of_staff[dst]
    src, dst = src[keep], dst[keep]
    adj = sp.coo_matrix((np.ones(src.size, dtype=np.float32), (src, dst)), shape=(n, n))
    adj = (adj + adj.T).tocsr()
    adj.data[:] = 1.0
    return adj


@dataclass
class Layers:
    """All four layers as index arrays and sparse matrices."""

    manager_of_staff: np.ndarray      # staff -> unit/manager index
    caseworker_of_citizen: np.ndarray  # citizen -> staff index
    home_unit_of_citizen: np.ndarray   # citizen -> unit index
    cross_unit: sp.csr_matrix          # staff x staff, ties across units
    social: sp.csr_matrix              # citizen x citizen
    politicians: int

    def to_networkx(self, include_citizens: bool = True, caseworker: np.ndarray | None = None) -> nx.Graph:
        """One graph with an edge attribute ``layer``; nodes are ('board'|'manager'|
        'staff'|'citizen', index). ``caseworker``: each citizen's caseworker now (citizens
        free to choose move; default: the ones they started with)."""
        g = nx.Graph()
        n_units = int(self.manager_of_staff.max()) + 1
        for p in range(self.politicians):
            g.add_node(("board", p), kind="politician")
            for m in range(n_units):
                g.add_edge(("board", p), ("manager", m), layer="hierarchy")
        for s, m in enumerate(self.manager_of_staff):
            g.add_edge(("manager", int(m)), ("staff", s), layer="hierarchy")
        rows, cols = sp.triu(self.cross_unit).nonzero()
        g.add_edges_from(((("staff", int(a)), ("staff", int(b))) for a, b in zip(rows, cols)),
                         layer="collaboration")
        for u in range(n_units):
            members = np.flatnonzero(self.manager_of_staff == u)
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    g.add_edge(("staff", int(a)), ("staff", int(b)), layer="collaboration")
        if include_citizens:
            for c, s in enumerate(self.caseworker_of_citizen if caseworker is None else caseworker):
                g.add_edge(("staff", int(s)), ("citizen", c), layer="service")
            rows, cols = sp.triu(self.social).nonzero()
            for a, b in zip(rows, cols):
                g.add_edge(("citizen", int(a)), ("citizen", int(b)), layer="social")
        return g


def build_layers(p, streams) -> Layers:
    """Build every layer for the organisation described by params ``p``."""
    n_units, per_unit = p.units, p.staff_per_unit
    manager_of_staff = np.repeat(np.arange(n_units), per_unit)
    rng = streams(SERVICE.name)
    home_unit = rng.integers(0, n_units, p.citizens)
    # a caseworker inside the citizen's home unit
    caseworker = home_unit * per_unit + rng.integers(0, per_unit, p.citizens)
    cross = collaboration(manager_of_staff, p.cross_unit_ties, streams(COLLABORATION.name))
    social = small_world(p.citizens, p.social_degree, p.social_rewiring,
                         streams(SOCIAL.name))
    return Layers(manager_of_staff, caseworker, home_unit, cross, social, p.politicians)
