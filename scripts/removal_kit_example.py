"""Write the example kits (fake data) through the app's own routes, exactly as a person would
download them: the seven-place kit to docs/removal-kit-example.txt and .csv, and the ten-place
kit (search results, picture links, two subdomains of one site, unknown sites, a look-alike, a
place without a site) to docs/removal-kit-example-10*.txt, in English and Spanish, for an adult
who took the picture and for someone under 18.

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
TEN = [
    "https://www.google.com/search?q=alex+example&tbm=isch",  # search results: Google's own form
    "https://pbs.twimg.com/media/GAbCdEfXkAA1234.jpg",  # a picture link copied from a post: X
    "https://x.com/someaccount/status/1790000000000000001",
    "https://i.imgur.com/AbC123d.jpeg",  # Imgur's picture host
    "https://gallery.example.co.uk/album/42",  # two subdomains of one registered site: one request
    "https://cdn.example.co.uk/img/42.jpg",
    "https://imagehost.example/view/8841",  # a site we know nothing of
    "https://www.bing.com/images/search?q=alex+example",  # search results: Microsoft
    "https://facebоok.com/photo/1",  # a Cyrillic о: a look-alike of facebook.com
    "@someaccount on a chat app",  # no site: "place not clear"
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
    ten = dict(FORM, kind="real", taker="self", locations="\n".join(TEN), sent_on=sent_on,
               note="I never agreed to it being posted. The accounts that posted it are not mine.")
    for age, name in (("adult", "removal-kit-example-10"), ("under18", "removal-kit-example-10-minor")):
        for prefix, suffix in (("", "txt"), ("/es", "es.txt")):
            response = client.post(f"{prefix}/letters/kit/download", data=dict(ten, age=age))
            assert response.status_code == 200, response.data[:500]
            out = ROOT / "docs" / f"{name}.{suffix}"
            out.write_bytes(response.data)
            print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else dt.date.today().isoformat())
