"""The JSON API under /api/, with its OpenAPI schema at /api/openapi.json and docs at /api/docs.

Public reads need no sign-in. What needs a person (following an import, pushing
observations) takes a personal API token (`Authorization: Bearer …`, made on "My API
tokens") or the signed-in session with its CSRF token: aimaq/accounts/api_auth.py. Every
refusal has one shape, ErrorOut (aimaq/core/api.py).
"""

from ninja import NinjaAPI

from aimaq.core.api import install_error_handlers
from aimaq.indicators.api import router as indicators_router
from aimaq.plans.api import router as plans_router
from aimaq.territories.api import router as territories_router

api = NinjaAPI(
    title="Aimaq API",
    version="1",
    description="Territories, indicators and the development cycle of Kazakhstan's regions. "
    "Reads are public. Writes act for a person: send a personal API token (made on the "
    "site's “My API tokens” page) as `Authorization: Bearer <token>`, or use the signed-in "
    "session with its CSRF token in the `X-CSRFToken` header. Errors answer "
    "`{detail, errors?: [{row, column, value, expected, message}]}` in the language of "
    "`Accept-Language`.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/territories", territories_router)
api.add_router("/indicators", indicators_router)
api.add_router("/plans", plans_router)
api.add_router("/grants", "aimaq.grants.api.router")
api.add_router("/participation", "aimaq.participation.api.router")
