"""Keep hypothesis' cache out of the checkout (it is not in .gitignore)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "refgen-hypothesis")
