"""What every app's tests share: factories for territories, people and indicators, the
common fixtures (`aimaq.testing.fixtures`, loaded by the root conftest), the test-only
settings and the `dossiers` app that exercises object rules. Not part of the product."""
