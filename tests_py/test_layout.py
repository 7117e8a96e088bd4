"""The package's layout holds: the product (src/fashion_retail) imports no
benchmark code, and the command it installs lists every subcommand."""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

from conftest import FASHION_RETAIL, PROJECT

PRODUCT = PROJECT / "src" / "fashion_retail"
LAB = "fashion_retail_bench"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at top level or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant)):
            names.add(str(node.args[0].value))
    return names


def benchmark_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for name in sorted(imported_modules(path)):
            if name == LAB or name.startswith(f"{LAB}.") or ".bench" in name:
                found.append(f"{path.relative_to(PROJECT)} imports {name}")
    return found


def test_no_product_module_imports_benchmark_code():
    assert list(PRODUCT.rglob("*.py")), "the product package moved"
    assert benchmark_imports(PRODUCT) == []
    assert benchmark_imports(PROJECT / "models") == []


def test_the_import_check_sees_an_import_of_the_lab(tmp_path):
    """The check is not blind: a product-like module that imports the lab, at
    top level, in a function or by name, is reported."""
    (tmp_path / "a.py").write_text("from fashion_retail_bench import suite\n")
    (tmp_path / "b.py").write_text("def f():\n    import fashion_retail_bench.tools\n")
    (tmp_path / "c.py").write_text(
        "import importlib\nimportlib.import_module('fashion_retail_bench.generate')\n")
    (tmp_path / "d.py").write_text("import fashion_retail.gen.schema\n")
    found = [line.split(" imports ")[1] for line in benchmark_imports_at(tmp_path)]
    assert found == ["fashion_retail_bench", "fashion_retail_bench.suite",
                     "fashion_retail_bench.tools", "fashion_retail_bench.generate"]


def benchmark_imports_at(root: Path) -> list[str]:
    return [f"{path.name} imports {name}" for path in sorted(root.glob("*.py"))
            for name in sorted(imported_modules(path))
            if name == LAB or name.startswith(f"{LAB}.")]


def test_the_command_lists_its_subcommands():
    done = subprocess.run([FASHION_RETAIL, "--help"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for command in ("generate", "report", "attack", "bench"):
        assert f"\n  {command} " in done.stdout, done.stdout


def test_each_subcommand_has_its_own_help():
    for command in (["generate"], ["report"], ["attack"], ["bench"], ["bench", "generate"],
                    ["bench", "anonymize"], ["bench", "synthesize"], ["bench", "staging"]):
        done = subprocess.run([FASHION_RETAIL, *command, "--help"], capture_output=True,
                              text=True)
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout.startswith(f"usage: fashion-retail {' '.join(command)} "), \
            done.stdout


def test_a_bad_argument_is_one_line_and_status_2():
    for argv in (["nope"], ["generate", "--scale", "x"], ["report", "--nope"],
                 ["attack"], ["bench", "nope"], ["bench", "--scales", "0"],
                 ["bench", "generate", "--scale", "0"], ["bench", "synthesize", "--repeat", "0"],
                 ["bench", "staging"], ["bench", "staging", "--baseline", "no-such-revision"]):
        done = subprocess.run([FASHION_RETAIL, *argv], capture_output=True, text=True)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stdout == "", argv
        assert len(done.stderr.splitlines()) == 1, (argv, done.stderr)
        assert done.stderr.startswith("fashion-retail"), done.stderr


def test_dbt_runs_by_hand_with_no_path_or_profile_variable(tmp_path):
    """After `source .venv/bin/activate`, plain dbt finds the profile in the
    project folder and the plugin in the installed package."""
    dbt = str(Path(FASHION_RETAIL).with_name("dbt"))
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"PYTHONPATH", "DBT_PROFILES_DIR", "PII_SALT"}}
    environment.update(FASHION_RETAIL_DUCKDB=str(tmp_path / "by_hand.duckdb"),
                       XDG_CONFIG_HOME=str(tmp_path / "config"),
                       DBT_LOG_PATH=str(tmp_path / "logs"), DBT_TARGET_PATH=str(tmp_path / "t"))
    done = subprocess.run([dbt, "show", "--inline", "select 1 as one"], cwd=PROJECT,
                          env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    # the plugin ran: it created this user's PII key on the first connection
    assert (tmp_path / "config" / "fashion_retail" / "pii_key").exists()
