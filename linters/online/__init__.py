"""Online verification (``copydesk check --online``): the one part of copydesk that uses the
network, and only when asked.

One module per concern:

- ``settings``: the configuration's ``online:`` section and ``--remap`` (no network; read when a
  configuration has the section);
- ``endpoints``: the URLs asked and what their answers mean (exists, missing, unknown);
- ``politeness``: requests at once per host and in all, pauses, retries after 429 and 5xx;
- ``client``: the HTTP client (httpx, the ``online`` extra): remapping, redirects, names that
  do not resolve;
- ``cache``: answers kept per URL in the cache folder (JSON with a checksum);
- ``asking``: each distinct question asked once per run, through the cache;
- ``titles``: whether a link's text names the work it links to.

The run's online step, ``linters.engine.online``, asks through these what the posts cite (read
by the hallucinations linter's ``OnlineCitations`` group) and reports it as HAL501-HAL504; this
package knows neither the engine nor the configuration.

Nothing imports this package but a run that goes online (``engine.run``, when the configuration
says ``online``), so an offline run never loads an HTTP client, and never makes a request. This
file imports none of its modules: reading the configuration's ``online:`` section imports
``settings`` alone.
"""
from __future__ import annotations


def client_problem() -> str | None:
    """Why this installation cannot go online, or None."""
    try:
        import httpx  # noqa: F401
    except ImportError:
        return "--online needs the online extra: pip install 'copydesk[online]'"
    return None
