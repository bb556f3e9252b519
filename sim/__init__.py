"""steersim: an agent-based model of how public organisations are steered.

The public API:

* ``SteeringModel``: the Mesa model (one run, one seed);
* ``load_scenario`` / ``Scenario``: presets and TOML scenario files;
* ``run_scenario``, ``compare``: ensembles over seeds with common random numbers;
* ``SPECS``: every input with its default, unit, range and source;
* ``METRICS``: every outcome with its unit and meaning.
"""

from sim.errors import SteersimInputError
from sim.model.metrics import METRICS
from sim.model.model import SteeringModel
from sim.inputs.schema import SPECS

__version__ = "0.1.0"

__all__ = ["SteeringModel", "SPECS", "METRICS", "SteersimInputError", "__version__"]
