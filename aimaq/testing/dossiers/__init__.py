"""A test-only app that exercises the permission seams the process apps rely on.

A `Board` decides on `Dossier`s the way a competition committee decides on applications:
its members (object-scoped membership) score the dossiers of *their* board only, a member
who declared a conflict of interest neither sees nor scores that dossier — on the list, the
page, the API and the export alike —, the author may withdraw a draft, and a `Programme`
spans several oblasts. Installed only by `aimaq.testing.settings`.
"""
