"""The gates stay one list, and CI never passes over a test that did not run."""

import re
import shlex

import pytest

from aimaq.testing.data import REPO, shared_data


def gate_commands() -> list[str]:
    """The commands bin/gates runs, as written after the gate's name."""
    script = (REPO / "bin" / "gates").read_text()
    return [
        " ".join(shlex.split(line)[2:]) for line in script.splitlines() if line.startswith("gate ")
    ]


def hook_commands() -> list[str]:
    """The pre-commit hooks' commands, without the option that applies ruff's excludes to
    the files pre-commit names."""
    config = (REPO / ".pre-commit-config.yaml").read_text()
    entries = re.findall(r"^\s+entry:\s*(.+)$", config, flags=re.MULTILINE)
    return [entry.replace(" --force-exclude", "").strip() for entry in entries]


def test_pre_commit_runs_the_same_gates_as_bin_test():
    gates = gate_commands()
    assert len(gates) == 5  # ruff check, ruff format --check, mypy, import-linter, migrations
    # A hook gets the changed files; a gate names the whole tree (".") instead.
    assert [gate.removesuffix(" .") for gate in gates] == hook_commands()


def test_bin_test_runs_the_gates_before_the_suite():
    script = (REPO / "bin" / "test").read_text()
    assert script.index("bin/gates") < script.index('"${PYTEST[@]}"')


def test_ci_says_it_is_ci():
    assert re.search(r"^export CI=true$", (REPO / ".ci" / "run").read_text(), re.MULTILINE)


def test_a_missing_reference_file_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="reference data missing"):
        shared_data("no-such-folder", "nothing.csv")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="reference data missing"):
        shared_data("no-such-folder", "nothing.csv")
