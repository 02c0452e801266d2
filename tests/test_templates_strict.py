"""Jinja is strict: a misspelt or missing name fails loudly instead of rendering as nothing."""

import pytest
from flask import render_template, render_template_string
from jinja2 import UndefinedError


@pytest.mark.parametrize("source", ["{{ no_such_name }}", "{% if no_such_name %}x{% endif %}",
                                    "{% for x in no_such_name %}{% endfor %}", "{{ site.no_such_field }}"])
def test_an_undefined_name_fails(app, source):
    with app.test_request_context("/"), pytest.raises(UndefinedError):
        render_template_string(source)


def test_a_page_template_missing_a_value_fails(app):
    with app.test_request_context("/"), pytest.raises(UndefinedError, match="hidden"):
        render_template("guide/check.html", rows=[], notice=None)
