"""The hostile export under real Quarto renders in the background from the start of the session
(``BackgroundRenders`` in tests/conftest.py): minutes that would otherwise hold up the suite."""

from __future__ import annotations

import functools
import shutil


def pytest_collection_finish(session):
    if shutil.which("quarto") is None:
        return  # the fixture skips the Quarto case and says why
    background = session.config.pluginmanager.get_plugin("norcrin-background-renders")
    for n, item in enumerate(session.items):
        callspec = getattr(item, "callspec", None)
        if (item.path.name == "test_disguised_and_invisible.py" and callspec is not None
                and callspec.params.get("hostile") == "quarto"):
            background.request("invisible-quarto",
                               functools.partial(item.module.render_hostile, "quarto"), n)
            return
