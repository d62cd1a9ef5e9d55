"""A deterministic, seeded sample web of ketamine clinics and directories, served on loopback.

>>> world = build_world(clinics=200, seed=7)  # doctest: +SKIP
>>> with SampleWeb(clinics=200, seed=7) as web:  # doctest: +SKIP
...     web.proxy_url  # use as http_proxy; sites live under the .test TLD

``world.truth()`` is the ground truth; ``world.evidence(clinic_id)`` lists every sentence that
states a signal or a fact, with its page path.
"""

from sampleweb.server import SampleWeb, serve_forever
from sampleweb.site import Statement
from sampleweb.world import World, build_world

__all__ = ["SampleWeb", "Statement", "World", "build_world", "serve_forever"]
