"""scripts/system-deps and scripts/python, run with a PATH of stand-ins: the system is never touched.

The stand-ins are small shell scripts: commands that are present, a dpkg-query that knows which
packages are installed, an `id` that says who runs, a `sudo` with or without a password, and an
apt-get that records what it was asked and "installs" by adding the stand-in.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASH = shutil.which("bash")
PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"]
COMMANDS = ["chromium", "pdftoppm", "node", "npm"]
# What apt-get's stand-in adds for a package: a command, or a line in dpkg-query's list.
APT_GIVES = {"chromium": "chromium", "poppler-utils": "pdftoppm", "nodejs": "node", "npm": "npm"}


class FakeSystem:
    def __init__(self, folder: Path):
        self.bin = folder / "bin"
        self.bin.mkdir()
        self.installed = folder / "installed"  # one package a line, for dpkg-query
        self.installed.write_text("")
        self.log = folder / "apt.log"
        self.write(
            "dpkg-query",
            f"""for package in "$@"; do
                  case $package in -*) continue ;; esac
                  while read -r line; do
                    [ "$line" = "$package" ] && echo "$package installed"
                  done < {self.installed}
                done""",
        )
        self.user(1000)

    def write(self, name: str, body: str):
        path = self.bin / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)

    def has(self, *, commands=COMMANDS, packages=PACKAGES):
        for name in commands:
            self.write(name, "exit 0")
        with self.installed.open("a") as installed:
            installed.writelines(f"{package}\n" for package in packages)
        return self

    def user(self, uid: int):
        self.write("id", f"echo {uid}")

    def sudo(self, *, asks_password: bool):
        if asks_password:
            self.write("sudo", "exit 1")
        else:  # `sudo -n true` answers yes; otherwise drop VAR=value and run the command
            self.write("sudo", f'[ "$1" = -n ] && exit 0\necho "sudo $*" >> {self.log}\nshift\nexec "$@"')

    def apt_get(self, *, works: bool = True):
        gives = "\n".join(
            f"      {package}) printf '#!/bin/sh\\n' > {self.bin}/{command}; /bin/chmod +x {self.bin}/{command} ;;"
            for package, command in APT_GIVES.items()
        )
        install = (
            f"""for package in "$@"; do
                  case $package in
              {gives}
                    -*|install) ;;
                    *) echo "$package" >> {self.installed} ;;
                  esac
                done"""
            if works
            else ""
        )
        self.write("apt-get", f'echo "apt-get $*" >> {self.log}\n[ "$1" = install ] || exit 0\n{install}')

    def apt_calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def run(self, *args: str, script: str = "scripts/system-deps", cwd: Path = ROOT):
        return subprocess.run(
            [BASH, script, *args],
            cwd=cwd,
            env={"PATH": str(self.bin), "HOME": str(self.bin.parent)},
            capture_output=True,
            text=True,
            timeout=30,
        )


@pytest.fixture
def system(tmp_path):
    return FakeSystem(tmp_path)


def test_it_passes_quietly_when_everything_is_there(system):
    result = system.has().run()

    assert result.returncode == 0, result.stderr
    assert "System packages: all present" in result.stdout
    assert "Redis: not installed" in result.stdout
    assert "PostgreSQL: none found" in result.stdout


def test_it_stops_with_the_command_when_the_user_may_not_install(system):
    system.has(commands=["node", "npm"]).apt_get()

    result = system.run()

    assert result.returncode == 1
    assert "  chromium " in result.stderr
    assert "  poppler-utils " in result.stderr
    expected = "su -c 'apt-get update && apt-get install -y --no-install-recommends chromium poppler-utils'"
    assert f"\n  {expected}\n" in result.stderr
    assert system.apt_calls() == []


def test_it_tells_a_user_whose_sudo_asks_for_a_password_to_use_sudo(system):
    system.has(packages=["fonts-dejavu-core"]).apt_get()
    system.sudo(asks_password=True)

    result = system.run()

    assert result.returncode == 1
    assert (
        "  sudo apt-get update && sudo apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0\n"
    ) in result.stderr
    assert system.apt_calls() == []


def test_root_installs_only_what_is_missing(system):
    system.has(commands=["chromium", "node"], packages=["libpango-1.0-0"]).apt_get()
    system.user(0)

    result = system.run()

    assert result.returncode == 0, result.stderr
    assert system.apt_calls() == [
        "apt-get update -q",
        "apt-get install -y -q --no-install-recommends poppler-utils libpangoft2-1.0-0 fonts-dejavu-core npm",
    ]
    assert result.stdout.splitlines()[-2:] == [
        "System packages: all present (chromium, poppler-utils, Pango, DejaVu fonts, Node.js, npm).",
        "Optional: PostgreSQL: none found (only for DATABASE_URL=postgres://…: apt-get install postgresql)."
        " Redis: not installed (only for a task queue on Redis, not used by default).",
    ]


def test_sudo_without_a_password_installs(system):
    system.has(commands=["node", "npm", "pdftoppm"]).apt_get()
    system.sudo(asks_password=False)

    result = system.run()

    assert result.returncode == 0, result.stderr
    assert system.apt_calls() == [
        "sudo DEBIAN_FRONTEND=noninteractive apt-get update -q",
        "apt-get update -q",
        "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium",
        "apt-get install -y -q --no-install-recommends chromium",
    ]


def test_it_fails_when_the_install_does_not_give_what_was_missing(system):
    system.has(commands=["chromium", "node", "npm"]).apt_get(works=False)
    system.user(0)

    result = system.run()

    assert result.returncode == 1
    assert "Still missing after apt-get install:\n  poppler-utils " in result.stderr


def test_ci_needs_postgresql_too(system):
    system.has().apt_get()

    result = system.run("--postgresql")

    assert result.returncode == 1
    assert "apt-get install -y --no-install-recommends postgresql'" in result.stderr


def test_without_apt_get_it_names_what_is_missing(system):
    system.has(commands=["chromium", "pdftoppm", "node"])

    result = system.run()

    assert result.returncode == 1
    assert "  npm " in result.stderr
    assert "Install them with this system's package manager" in result.stderr


@pytest.fixture
def project(tmp_path):
    """A folder with scripts/python and no .venv, as on a fresh clone."""
    (tmp_path / "project" / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "python", tmp_path / "project" / "scripts" / "python")
    return tmp_path / "project"


def fake_python(system: FakeSystem, name: str, version: str):
    new_enough = tuple(map(int, version.split("."))) >= (3, 12)
    system.write(name, f"echo {version}\nexit {0 if new_enough else 1}")


def test_it_says_which_python_makes_the_virtual_environment_and_why(system, project):
    fake_python(system, "python3.13", "3.13.2")
    fake_python(system, "python3", "3.11.2")

    result = system.run("--explain", script="scripts/python", cwd=project)

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Python: {system.bin}/python3.13 3.13.2 makes .venv (the first of python3.14 python3.13 python3.12 python3 "
        "on PATH that is 3.12 or newer; horeport needs 3.12 or newer).\n"
    )


def test_without_python_312_it_says_how_to_get_one(system, project):
    fake_python(system, "python3", "3.11.2")

    result = system.run("--explain", script="scripts/python", cwd=project)

    assert result.returncode == 1
    assert "Python: none found. horeport needs Python 3.12 or newer (found: python3 is 3.11.2)." in result.stderr
    assert "pyenv install 3.12" in result.stderr
    assert system.run(script="scripts/python", cwd=project).stdout == "\n"


def test_the_readme_names_every_package_the_step_checks():
    script = (ROOT / "scripts" / "system-deps").read_text()
    table = script[script.index("NEEDED=(") : script.index("\n)\n")]
    packages = [line.strip().strip('"').split()[0] for line in table.splitlines()[1:]]
    readme = (ROOT / "README.md").read_text()

    assert packages == [
        "chromium", "poppler-utils", "libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "nodejs", "npm"
    ]  # fmt: skip
    assert [package for package in packages if f"`{package}`" not in readme] == []
