"""The template environment: autoescaping everywhere, the filters and the asset URLs."""

from __future__ import annotations

import jinja2
import pytest

from punchclock.web.assets import Assets
from punchclock.web.templates import build_environment


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    return build_environment(Assets())


def test_everything_printed_is_escaped(env: jinja2.Environment) -> None:
    template = env.from_string("<p title='{{ text }}'>{{ text }}</p>")
    html = template.render(text="<img src=x onerror=alert(1)> ' \" &")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &#39; &#34; &amp;" in html


def test_the_hms_filter(env: jinja2.Environment) -> None:
    assert env.from_string("{{ 5400|hms }} {{ 59|hms }}").render() == "1:30:00 0:00:59"


def test_a_missing_variable_is_an_error_not_a_blank(env: jinja2.Environment) -> None:
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_asset_urls_carry_the_content_hash(env: jinja2.Environment) -> None:
    url = env.from_string("{{ asset('app.css') }}").render()
    assert url.startswith("/static/app.") and url.endswith(".css") and len(url) > 25
    with pytest.raises(KeyError):
        env.from_string("{{ asset('nope.css') }}").render()


def test_every_template_compiles(env: jinja2.Environment) -> None:
    loader = env.loader
    assert loader is not None
    names = loader.list_templates()
    assert "base.html" in names and "timer.html" in names
    for name in names:
        env.get_template(name)
