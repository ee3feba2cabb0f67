"""The README documents every command, every record and document field, every rule file."""
from conftest import ROOT
from extract.cli import cli
from extract.models import Document, Record
from extract.rules import RULE_FILES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_field_is_documented():
    for model in (Record, Document):
        for name in model.model_fields:
            assert f"`{name}`" in README or f"`{name}`, " in README, name


def test_every_command_is_documented():
    names = []
    for name, cmd in cli.commands.items():
        names += [f"{name} {sub}" for sub in getattr(cmd, "commands", {})] or [name]
    for name in names:
        assert f"bulletin {name}" in README, name


def test_every_rule_file_is_documented():
    for name in RULE_FILES:
        assert f"`{name}.toml`" in README


def test_two_setup_commands_and_ci_runs_the_test_one():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && python -m pytest' in README
    assert 'pip install --quiet --disable-pip-version-check ".[test]"' in ci and "python -m pytest" in ci
