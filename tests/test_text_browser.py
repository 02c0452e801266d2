"""A real text browser (Debian's lynx) walks from the start page to the plan.

Lynx ignores CSS, JavaScript and `formaction`, and ticks the first radio button of a group
when none is ticked. It is driven as a person would: reading the screen (a pty, drawn by
pyte) and typing link numbers and Enter. See docs/text-browsers.md.
"""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest

from tests.servers import gunicorn

pytestmark = pytest.mark.server

ROWS, COLS = 200, 110


def find_lynx() -> str:
    path = os.environ.get("LYNX") or shutil.which("lynx")
    if not path:
        pytest.fail("No lynx found. Install it (Debian: apt-get install lynx); `make test` does this for you.",
                    pytrace=False)
    return path


class Lynx:
    def __init__(self, url: str, home):
        import pexpect
        import pyte

        # Numbers next to every link and form field, so a number and Enter reach any control.
        cfg = home / "lynx.cfg"
        system_cfg = "/etc/lynx/lynx.cfg"
        cfg.write_text((f"INCLUDE:{system_cfg}\n" if os.path.exists(system_cfg) else "") +
                       "DEFAULT_KEYPAD_MODE:LINKS_AND_FIELDS_ARE_NUMBERED\nSET_COOKIES:FALSE\n"
                       "INFOSECS:0\nMESSAGESECS:0\nALERTSECS:0\n")  # no pauses on status lines
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "vt100", "HOME": str(home), "LYNX_CFG": str(cfg)}
        self.child = pexpect.spawn(find_lynx(), [f"-cfg={cfg}", "-nocolor", "-noreferer", url],
                                   dimensions=(ROWS, COLS), env=env)
        self._pexpect = pexpect

    def pump(self, seconds: float = 0.3) -> None:
        end = time.time() + seconds
        while time.time() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.1))
            except self._pexpect.TIMEOUT:
                pass

    def settle(self, quiet: float = 0.05, limit: float = 5) -> None:
        """Read until lynx has drawn nothing for `quiet` seconds (it is waiting for a key)."""
        end = time.time() + limit
        while time.time() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=quiet))
            except self._pexpect.TIMEOUT:
                return

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, needle: str, timeout: float = 30) -> None:  # generous: a loaded CI machine is slow
        end = time.time() + timeout
        while time.time() < end:
            self.settle()
            if needle in self.text:
                return
        raise AssertionError(f"{needle!r} never showed in lynx:\n{self.text}")

    @property
    def body(self) -> str:
        """The screen without lynx's status lines at the bottom ("Getting...", prompts)."""
        return "\n".join(self.text.splitlines()[:-2])

    def wait_for_change(self, before: str, timeout: float = 30) -> None:
        """Wait until the page itself changes (a tick drawn, or the next page), not a status line."""
        end = time.time() + timeout
        while time.time() < end:
            self.settle()
            if self.body != before:
                self.settle(quiet=0.1)
                return
        raise AssertionError(f"the screen did not change:\n{self.text}")

    def number(self, label: str) -> str:
        """The number lynx shows for the control whose text starts with `label`:
        [7]Link, ([7]BUTTON) Label, ([7]value) Label, [7](*) Radio label."""
        controls = [(m.group(1), re.sub(r"^[^\s()]*\)\s*|^\([ *xX]\)\s*", "", m.group(2)).strip())
                    for m in re.finditer(r"\[(\d+)\]([^\[\n]*)", self.text)]
        for number, text in controls:  # the exact text first ("No" is not "No answer yet")
            if text == label:
                return number
        for number, text in controls:
            if text.startswith(label):
                return number
        raise AssertionError(f"no control {label!r} on the lynx screen:\n{self.text}")

    def activate(self, label: str, then: str) -> None:
        """Go to the control by its number, press Enter on it, and wait for `then`."""
        before = self.body
        self.child.send(self.number(label))
        self.settle()
        self.child.send("\r")  # moves to the numbered control
        self.settle()
        self.child.send("\r")  # follows, submits, or ticks it
        if then:
            self.wait_for(then)
        else:
            self.wait_for_change(before)

    def heading_is(self, heading: str) -> bool:
        return any(line.strip() == heading for line in self.text.splitlines())

    def quit(self) -> None:
        self.child.send("q")
        self.child.send("y")
        self.child.close(force=True)


@pytest.fixture
def lynx(tmp_path):
    with gunicorn() as base:
        browser = Lynx(base + "/", tmp_path)
        browser.wait_for("Start")
        yield browser
        browser.quit()


def test_lynx_walks_from_start_to_plan(lynx):
    lynx.activate("Start", then="Are you in danger right now")
    # lynx has ticked the first radio of the group: the hidden "No answer yet" one, not "Yes"
    assert re.search(r"\(\*\) No answer yet", lynx.text), lynx.text
    lynx.activate("Continue", then="There is a problem")  # an untouched Continue records nothing
    assert lynx.heading_is("Are you in danger right now, or afraid someone may hurt you?")
    lynx.activate("No", then="")
    assert re.search(r"\(\*\) No$", lynx.text, re.M), lynx.text
    lynx.activate("Continue", then="Is this about you, or are you helping someone else?")
    for _ in range(12):
        if lynx.heading_is("Check your answers"):
            break
        before = lynx.text
        lynx.activate("Skip this question", then="")
        lynx.wait_for("Help guide")
        assert lynx.text != before
    assert lynx.heading_is("Check your answers"), lynx.text
    assert "Skipped: no answer given" in lynx.text  # an answer not given is plain to see
    # Change an answer from the check page, and come back to it
    lynx.activate("Change your answer to: Are you in danger", then="If you are not safe")
    assert re.search(r"\(\*\) No$", lynx.text, re.M), lynx.text  # the answer is kept
    lynx.activate("Continue", then="Check your answers")
    lynx.activate("See my plan", then="Your plan at a glance")
    assert lynx.heading_is("Your next steps"), lynx.text
    assert "Print this plan" not in lynx.text  # it needs JavaScript, so a text browser never sees it
