"""The build's one step beyond pyproject.toml: compile each message catalogue
(sim/locale/<lang>/LC_MESSAGES/steersim.po) to the binary form gettext reads (.mo), so
an installed steersim needs no translation tool. The .po files themselves stay out of
the wheel."""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        spec = importlib.util.spec_from_file_location("msgfmt", HERE / "sim" / "msgfmt.py")
        msgfmt = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(msgfmt)
        for po in sorted((HERE / "sim" / "locale").glob("*/LC_MESSAGES/*.po")):
            target = Path(self.build_lib) / po.relative_to(HERE).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(msgfmt.compile_po(po.read_text(encoding="utf-8")))


setup(cmdclass={"build_py": BuildWithCatalogues})
