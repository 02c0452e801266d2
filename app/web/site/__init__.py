"""The site's own pages: the start page, the guides, robots.txt and the sitemap, the widget's
loader and its help page for organisations."""

from app.web.core import urls
from app.web.site import embed, views


def register(app) -> None:
    urls.mount(app, views.bp)
    app.register_blueprint(views.found)  # robots.txt and sitemap.xml, at the root only
    app.register_blueprint(embed.bp)
