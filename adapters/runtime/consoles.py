"""A domain's two browser consoles, GraphiQL on its GraphQL endpoint and Swagger UI on its
OpenAPI document. Their scripts and styles come from installed packages and are served by the
domain itself (under `/graphql/assets` and `/docs/assets`), so neither page needs a network."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

# GraphiQL with React and its explorer plugin, as graphene-django-graphiql-static ships them;
# Swagger UI as fastapi-offline ships it.
GRAPHIQL_PACKAGE = "graphene_django_graphiql_static"
GRAPHIQL_ASSETS = Path(str(files(GRAPHIQL_PACKAGE) / "static" / GRAPHIQL_PACKAGE))
SWAGGER_ASSETS = Path(str(files("fastapi_offline") / "static"))
GRAPHIQL_PATH = "/graphql/assets"
SWAGGER_PATH = "/docs/assets"

GRAPHIQL_SCRIPTS = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "graphql-ws.min.js",
    "graphiql-plugin-explorer.umd.js",
)
GRAPHIQL_STYLES = ("graphiql.min.css", "style.css")

# Queries over HTTP, subscriptions over graphql-ws; the editors' state is kept per endpoint,
# since every mounted domain shares one origin's storage.
GRAPHIQL_START = """
const options = JSON.parse(document.getElementById("graphiql-options").textContent);
const endpoint = new URL(options.endpoint, location.href);
const socket = new URL(endpoint);
socket.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";
const fetcher = GraphiQL.createFetcher({
  url: endpoint.href,
  wsClient: graphqlWs.createClient({ url: socket.href, lazy: true }),
});
const prefix = `facet:${endpoint.pathname}:`;
const storage = {
  getItem: (key) => localStorage.getItem(prefix + key),
  setItem: (key, value) => localStorage.setItem(prefix + key, value),
  removeItem: (key) => localStorage.removeItem(prefix + key),
  clear: () => Object.keys(localStorage)
    .filter((key) => key.startsWith(prefix))
    .forEach((key) => localStorage.removeItem(key)),
  get length() {
    return Object.keys(localStorage).filter((key) => key.startsWith(prefix)).length;
  },
};

function Console() {
  const [query, setQuery] = React.useState(undefined);
  const explorer = GraphiQLPluginExplorer.useExplorerPlugin({ query, onEdit: setQuery });
  return React.createElement(GraphiQL, {
    fetcher,
    storage,
    query,
    onEditQuery: setQuery,
    headers: options.headers,
    defaultEditorToolsVisibility: options.headers ? "headers" : false,
    isHeadersEditorEnabled: true,
    plugins: [explorer],
  });
}

ReactDOM.render(React.createElement(Console), document.getElementById("graphiql"));
"""

GRAPHIQL_PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$title · GraphiQL</title>
<link rel="icon" href="data:,">
$head
</head>
<body style="margin: 0">
<div id="graphiql" style="height: 100vh"></div>
<script id="graphiql-options" type="application/json">$options</script>
<script>$start</script>
</body>
</html>
""")


@dataclass(frozen=True)
class Consoles:
    """The consoles of one domain; `headers` are the request headers GraphiQL starts with."""

    title: str
    headers: Mapping[str, str] = field(default_factory=dict)

    def graphiql(self, root_path: str) -> HTMLResponse:
        assets = f"{root_path}{GRAPHIQL_PATH}"
        options = {
            "endpoint": f"{root_path}/graphql",
            "headers": json.dumps(dict(self.headers), indent=2) if self.headers else "",
        }
        head = [
            *(f'<link rel="stylesheet" href="{assets}/{name}">' for name in GRAPHIQL_STYLES),
            *(f'<script src="{assets}/{name}"></script>' for name in GRAPHIQL_SCRIPTS),
        ]
        page = GRAPHIQL_PAGE.substitute(
            title=html.escape(self.title),
            head="\n".join(head),
            options=_script_json(options),
            start=GRAPHIQL_START,
        )
        return HTMLResponse(page)

    def swagger(self, root_path: str, openapi_url: str) -> HTMLResponse:
        assets = f"{root_path}{SWAGGER_PATH}"
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=self.title,
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon.png",
        )


def mount_assets(app: FastAPI) -> None:
    """Serve both consoles' scripts and styles from the domain's app."""
    app.mount(GRAPHIQL_PATH, StaticFiles(directory=GRAPHIQL_ASSETS), name="graphiql-assets")
    app.mount(SWAGGER_PATH, StaticFiles(directory=SWAGGER_ASSETS), name="swagger-assets")


def _script_json(value: Any) -> str:
    """JSON that cannot end the <script> element holding it."""
    return json.dumps(value).replace("<", "\\u003c")
