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
- ``titles``: whether a link's text names the work it links to;
- ``verify``: the run: what the posts cite (read by the hallucinations linter's
  ``OnlineCitations`` group), asked, and reported as HAL501-HAL504.

Nothing imports this package but a run that goes online (``engine.run``, when the configuration
says ``online``), so an offline run never loads an HTTP client, and never makes a request. This
file imports none of its modules: reading the configuration's ``online:`` section imports
``settings`` alone.
"""
