"""Public consultation of a draft plan: residents comment per section until the deadline,
abuse is hidden, and the owner publishes what was taken into account and why the rest was
not — shown on the public page, comments as inert text."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from .. import plan_links
from ..services.consultation import add_comment, hide_comment, open_consultation, publish_summary
from .world import participation_world

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_comments_until_the_deadline_then_the_summary_is_public():
    world = participation_world()
    editor, resident = world["editor"], world["resident"]
    draft = world["plan"].versions.get()
    now = timezone.now()
    with pytest.raises(ValidationError, match="draft"):  # another okrug's chair
        open_consultation(
            draft, opens_on=date.today(), closes_at=now + timedelta(days=1),
            by=world["izendi_chair"],
        )  # fmt: skip
    consultation = open_consultation(
        draft, opens_on=date.today() - timedelta(days=1), closes_at=now + timedelta(days=7),
        by=editor,
    )  # fmt: skip
    first, second = (value for value, _label in plan_links.plan_sections()[:2])
    kept = add_comment(
        consultation, author=resident.participant, section=first,
        text=f"Мобильді байланыс керек {XSS}", by=resident,
    )  # fmt: skip
    abuse = add_comment(
        consultation, author=resident.participant, section=second, text="Abusive words",
        by=resident,
    )  # fmt: skip
    hide_comment(abuse, reason="abuse", by=editor)
    with pytest.raises(ValidationError, match="after the comments close"):
        publish_summary(consultation, taken="Network", not_taken="", by=editor)

    after = now + timedelta(days=8)
    with pytest.raises(ValidationError, match="accepted until"):
        add_comment(
            consultation, author=resident.participant, section=first, text="Late",
            now=after, by=resident,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        publish_summary(consultation, taken="", not_taken="", by=editor, now=after)
    publish_summary(
        consultation,
        taken="The mobile network is action 1.2.",
        not_taken="A new school: outside the akimat's budget this period.",
        by=editor,
        now=after,
    )

    page = Client().get(f"/participation/consultations/{consultation.pk}/").content.decode()
    assert "Мобильді байланыс керек" in page and kept.text.startswith("Мобильді")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Abusive words" not in page
    assert "The mobile network is action 1.2." in page
    assert "outside the akimat&#x27;s budget" in page or "outside the akimat's budget" in page
