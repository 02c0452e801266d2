"""The referral directory: real data loads; bad data is refused with a clear message."""

import os
import shutil
import subprocess
import sys

import pytest

from app import directory, flow


def test_real_content_loads_and_is_complete(directory):
    assert set(flow.STATE_CODES) == set(directory.states)
    for step in flow.STEPS:
        for ref in step.referrals:
            assert directory.resolves(ref.id)
    for entry in directory.all_records():
        assert entry.sources and entry.reviewed
    for entry in directory.entries.values():
        if entry.kind == "platform" and not entry.url:
            assert entry.how, f"{entry.id}: no verified page, so in-app guidance is needed"


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(directory.CONTENT_DIR, target)
    return target


@pytest.mark.parametrize("old,new,expected", [
    ('id = "crisis-988"\nname = "988 Suicide & Crisis Lifeline"\n', 'id = "crisis-988"\n',
     "resources.toml: entry 'crisis-988', field 'name': is missing"),
    ('url = "https://988lifeline.org/"', 'url = "http://988lifeline.org/"',
     "resources.toml: entry 'crisis-988', field 'url': must be an https:// address"),
    ('phone = "1-800-656-4673"', 'phone = "(800) 656 4673"', "entry 'rainn', field 'phone'"),
    ('id = "rainn"', 'id = "crisis-988"', "entry 'crisis-988', field 'id': is used twice"),
])
def test_bad_resources_are_refused(content, old, new, expected):
    path = content / "resources.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(directory.ContentError) as err:
        directory.load(content)
    assert expected in str(err.value)


def test_missing_review_date_and_sources(content):
    path = content / "platforms.toml"
    text = path.read_text().replace('reviewed = 2026-11-25', 'reviewed = "soon"', 1)
    path.write_text(text)
    with pytest.raises(directory.ContentError, match="entry 'meta', field 'reviewed'"):
        directory.load(content)


def test_platform_where_must_be_valid(content):
    path = content / "platforms.toml"
    path.write_text(path.read_text().replace('where = ["social"]', 'where = ["tv"]', 1))
    with pytest.raises(directory.ContentError, match="entry 'x', field 'where'"):
        directory.load(content)


def test_app_refuses_to_start_with_bad_content(content):
    from app import create_app
    from config import TestConfig

    path = content / "resources.toml"
    path.write_text(path.read_text().replace('id = "fbi"', 'id = "fbi-tips"'))
    with pytest.raises(directory.ContentError, match="'fbi'"):
        create_app(type("BadContent", (TestConfig,), {"CONTENT_DIR": content}))


def test_the_content_directory_is_a_setting(content):
    from app import create_app
    from config import TestConfig

    path = content / "resources.toml"
    path.write_text(path.read_text().replace('name = "RAINN ', 'name = "Copied RAINN ', 1))
    app = create_app(type("CopiedContent", (TestConfig,), {"CONTENT_DIR": content}))
    assert app.extensions["directory"].entries["rainn"].name.startswith("Copied RAINN ")
    assert app.test_client().get("/").status_code == 200
    show = [sys.executable, "-c", "from config import Config; print(Config.CONTENT_DIR)"]
    env = {k: v for k, v in os.environ.items() if k != "HELP_CONTENT_DIR"}
    assert subprocess.check_output(show, env={**env, "HELP_CONTENT_DIR": str(content)}, text=True).strip() \
        == str(content)
    assert subprocess.check_output(show, env=env, text=True).strip() == str(directory.CONTENT_DIR)
