"""The weight budget: every page's critical bytes (its HTML plus the CSS and JS it loads,
each gzip-compressed) fit in 14 KB, one TCP round trip's initial window; the stylesheet
alone fits in 6 KB. Bytes, not time, so the result is the same on any machine."""

import gzip
import re

from werkzeug.datastructures import MultiDict

from tests.page_states import states

PAGE_BUDGET = 14 * 1024
CSS_BUDGET = 6 * 1024


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # nginx's gzip_comp_level in deploy/


def test_every_page_fits_the_budget(client, directory):
    rows, over = [], []
    asset_cache = {}
    for name, method, path, fields in states(directory.guides):
        response = client.get(path) if method == "GET" else client.post(path, data=MultiDict(fields))
        html = gz(response.data)
        assets = re.findall(rb'(?:href|src)="(/static/[^"?]+)', response.data)
        asset_bytes = 0
        for asset in assets:
            if asset not in asset_cache:
                asset_cache[asset] = gz(client.get(asset.decode()).data)
            asset_bytes += asset_cache[asset]
        total = html + asset_bytes
        rows.append((name, html, asset_bytes, total))
        if total > PAGE_BUDGET:
            over.append(name)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'page':<{width}}  html.gz  css+js.gz  total (budget {PAGE_BUDGET})")
    for name, html, assets, total in sorted(rows, key=lambda r: -r[3]):
        print(f"{name:<{width}}  {html:7}  {assets:9}  {total:5}")
    assert not over, f"over budget: {over}"


def test_stylesheet_fits_its_budget(client):
    size = gz(client.get("/static/site.css").data)
    print(f"\nsite.css gzip: {size} bytes (budget {CSS_BUDGET})")
    assert size <= CSS_BUDGET


def test_no_web_fonts(client):
    css = client.get("/static/site.css").data
    assert b"@font-face" not in css and b"url(" not in css
