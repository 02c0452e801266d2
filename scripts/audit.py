"""Known vulnerabilities in every package of a lock file (`make audit`).

pip-audit asks PyPI's advisory data for each locked release. Where that per-release data
cannot be reached (some networks serve PyPI's project pages but not its per-release JSON),
a package is checked against the advisories PyPI publishes for its latest release: exact when
the lock holds that release, and for an older pin only the advisories still open in the latest
(the summary names those packages). Exits 1 on any advisory, 2 when no advisory data could be
reached for a package: never a silent pass.

    python scripts/audit.py PIP_AUDIT LOCK_FILE
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

PROJECT_JSON = os.environ.get("AUDIT_PYPI", "https://pypi.org/pypi") + "/{name}/json"  # tests point it elsewhere


def pip_audit(pip_audit_bin: str, lock: str) -> list[dict]:
    run = subprocess.run(
        [pip_audit_bin, "--require-hashes", "--disable-pip", "-r", lock, "--progress-spinner", "off",
         "--format", "json"],
        capture_output=True, text=True)
    try:
        return json.loads(run.stdout)["dependencies"]
    except (ValueError, KeyError):
        sys.exit(f"audit: pip-audit gave no report (exit {run.returncode}):\n{run.stderr.strip()}\n"
                 "Nothing was audited.")


def latest_release_advisories(name: str) -> tuple[str, list[dict]]:
    """PyPI's latest release of a project and the advisories open against it."""
    with urllib.request.urlopen(PROJECT_JSON.format(name=name), timeout=30) as answer:
        data = json.load(answer)
    return data["info"]["version"], [v for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]


def locked_versions(lock: str) -> dict[str, str]:
    pins = {}
    for line in open(lock, encoding="utf-8"):
        if "==" in line and not line.startswith((" ", "#")):
            name, _, rest = line.partition("==")
            pins[name.strip().lower()] = rest.split()[0].rstrip(";\\")
    return pins


def main(pip_audit_bin: str, lock: str) -> int:
    pins = locked_versions(lock)
    found, behind, unreachable = [], [], []
    per_release = 0
    for dep in pip_audit(pip_audit_bin, lock):
        name = dep["name"]
        if "skip_reason" not in dep:
            per_release += 1
            found += [(name, dep["version"], v["id"], ", ".join(v.get("fix_versions") or []) or "none yet")
                      for v in dep["vulns"]]
            continue
        version = pins.get(name.lower(), "?")
        try:
            latest, advisories = latest_release_advisories(name)
        except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
            unreachable.append(f"{name} {version}: {error}")
            continue
        if latest != version:
            behind.append(f"{name} {version} (latest {latest})")
        found += [(name, version, v["id"], ", ".join(v.get("fixed_in") or []) or "none yet") for v in advisories]

    total = len(pins)
    print(f"audit: {total} locked packages; {per_release} checked against PyPI's advisories for their exact "
          f"release by pip-audit, {total - per_release - len(unreachable)} against the advisories of PyPI's latest release.")
    if behind:
        print(f"audit: {len(behind)} pinned below their latest release; PyPI's per-release data could not be "
              "reached, so only advisories still open in the latest release were checked for them: "
              + "; ".join(behind))
    if found:
        print("audit: KNOWN VULNERABILITIES (package, locked version, advisory, fixed in):")
        for row in found:
            print("  ", *row)
        print("audit: upgrade on purpose (`make lock UPGRADE=1`, or raise the range in pyproject.toml).")
        return 1
    if unreachable:
        print(f"audit: FAILED: PyPI's advisory data could not be reached for {len(unreachable)} packages, "
              "so they were not audited:\n  " + "\n  ".join(unreachable))
        return 2
    print("audit: no known vulnerability in the lock.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
