from django.conf import settings
from django.db import models

from aimaq.territories.models import Territory


class Board(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    """A person's role inside one board: data of this app, counted by its policy."""

    class Role(models.TextChoices):
        CHAIR = "chair", "chair"
        MEMBER = "member", "member"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board", "user"], name="one_seat_per_board")]

    def __str__(self) -> str:
        return f"{self.user} · {self.board}"


class Dossier(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        SUBMITTED = "submitted", "submitted"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="dossiers")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_published = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ConflictDeclaration(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "user"], name="one_declaration_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.dossier}"


class Programme(models.Model):
    """Spans several territories (a donor project across oblasts)."""

    title = models.CharField(max_length=200)
    territories = models.ManyToManyField(Territory, related_name="+")

    def __str__(self) -> str:
        return self.title
