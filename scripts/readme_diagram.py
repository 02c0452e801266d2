"""Put docs/flow.mmd into the README's mermaid block (run by `make docs`)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
readme = ROOT / "README.md"
diagram = (ROOT / "docs" / "flow.mmd").read_text()
text = readme.read_text()
new = re.sub(r"```mermaid\n.*?```", lambda _: "```mermaid\n" + diagram + "```", text, count=1, flags=re.S)
readme.write_text(new)
