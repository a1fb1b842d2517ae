"""The service models, as data (one TOML file per version of Kela's service description).

This folder is the editable source; installed, it is the package `optimizer.service_models`
(pyproject.toml maps it), so the tool finds its files through importlib.resources wherever it
is installed, and a wheel puts no top-level `models` into site-packages.
"""
