"""The project installs like a tool (issue 16): a wheel carries every package and the service
models, and the tool finds its models through importlib.resources, not the source tree. `.ci/run`
builds the wheel, installs it outside the checkout and plans from a temporary folder; these
tests keep the parts of that which need no build."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from optimizer.core.service_model import DEFAULT_MODEL_PATH, load_service_model

ROOT = Path(__file__).resolve().parent.parent


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_folder_is_in_the_wheel_and_models_ship_inside_the_package():
    listed = set(_setuptools()["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "optimizer").rglob("__init__.py")}
    assert folders | {"optimizer.service_models"} == listed
    assert _setuptools()["package-dir"] == {"optimizer.service_models": "models"}
    assert not any(name == "models" or name.startswith("models.") for name in listed)  # no top-level models
    assert "*.toml" in _setuptools()["package-data"]["optimizer.service_models"]


def test_the_default_service_model_is_found_through_the_package_resources():
    shipped = resources.files("optimizer.service_models").joinpath("taito-2021.toml")
    assert Path(str(shipped)) == DEFAULT_MODEL_PATH and DEFAULT_MODEL_PATH.is_file()
    assert load_service_model().path == DEFAULT_MODEL_PATH


def test_the_version_comes_from_one_place():
    import optimizer

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert _setuptools()["dynamic"]["version"] == {"attr": "optimizer.__version__"}
    assert optimizer.__version__.count(".") == 2


def test_version_names_the_service_model():
    from click.testing import CliRunner

    import optimizer
    from optimizer.cli import main

    result = CliRunner().invoke(main, ["--version"], env={"TAITO_LANG": "en"})
    assert result.exit_code == 0
    assert result.output.strip() == f"optimize {optimizer.__version__} (service model: Taito 2021)"
