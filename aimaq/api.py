"""The JSON API under /api/, with its OpenAPI schema at /api/openapi.json and docs at /api/docs."""

from ninja import NinjaAPI

from aimaq.indicators.api import router as indicators_router
from aimaq.territories.api import router as territories_router

api = NinjaAPI(
    title="Aimaq API",
    version="1",
    description="Territories, indicators and the development cycle of Kazakhstan's regions.",
    urls_namespace="api",
)
api.add_router("/territories", territories_router)
api.add_router("/indicators", indicators_router)
