"""Write the seven-place example kit (fake data) to docs/removal-kit-example.txt and .csv,
through the app's own routes, exactly as a person would download them.

    .venv/bin/python scripts/removal_kit_example.py [YYYY-MM-DD]   # the sent date; default today
"""

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from config import TestConfig  # noqa: E402

PLACES = [  # two X domains, two Meta domains (one mobile), two other sites, one place without a site
    "https://x.com/someaccount/status/1790000000000000001",
    "https://twitter.com/someaccount/status/1790000000000000002",
    "https://www.instagram.com/p/AbCdEf123/",
    "https://m.facebook.com/story.php?story_fbid=100",
    "https://imagehost.example/view/8841",
    "http://forum.example.net:8080/thread/77?page=2",
    "@someaccount on a chat app",
]
FORM = {"full_name": "Alex Example", "email": "alex@example.com", "sender": "self",
        "description": "a photo of me in a kitchen, posted in May", "kind": "ai", "age": "adult",
        "locations": "\n".join(PLACES)}


def main(sent_on: str) -> None:
    client = create_app(TestConfig).test_client()
    data = dict(FORM, sent_on=sent_on)
    for route, suffix in (("/letters/kit/download", "txt"), ("/letters/kit/checklist", "csv")):
        response = client.post(route, data=data)
        assert response.status_code == 200, response.data[:500]
        out = ROOT / "docs" / f"removal-kit-example.{suffix}"
        out.write_bytes(response.data)
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else dt.date.today().isoformat())
