"""One source of truth for versions: environment.yml must pin what requirements.lock pins."""

import re

import yaml

from analysis.paths import project_root


def _lock() -> dict[str, str]:
    pins = {}
    for line in (project_root() / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.strip().split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((project_root() / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        entries = dep["pip"] if isinstance(dep, dict) else [dep]
        for entry in entries:
            match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", entry)
            if match:
                pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def test_environment_yml_pins_match_the_lock():
    lock, conda = _lock(), _conda_pins()
    assert conda, "environment.yml pins nothing"
    mismatched = {n: (v, lock.get(n)) for n, v in conda.items() if lock.get(n) != v}
    assert not mismatched, f"environment.yml vs requirements.lock: {mismatched}"


def test_every_direct_dependency_is_locked():
    lock = _lock()
    direct = []
    for line in (project_root() / "requirements.in").read_text().splitlines():
        name = line.split("#")[0].strip()
        if name:
            direct.append(re.sub(r"[-_.]+", "-", name).lower())
    missing = [d for d in direct if d not in lock]
    assert not missing, f"in requirements.in but not pinned in requirements.lock: {missing}"
