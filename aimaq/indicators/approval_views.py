"""Data approval pages: the imports awaiting a manager's approval, and one import's decision
(approve, return for correction with a comment, withdraw an approval). The rules are in
`approvals.py`; these views only parse, check the permission and render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from aimaq.accounts.http import AuthenticatedRequest
from aimaq.core.activity import timeline
from aimaq.core.permissions import can

from . import approvals
from .import_views import map_of_import
from .models import ApprovalStatus, ImportApproval
from .permissions import APPROVE, FOLLOW_IMPORT, VIEW_UNAPPROVED


class DecisionForm(forms.Form):
    """The manager's decision on an import's figures."""

    decision = forms.ChoiceField(label=gettext_lazy("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when returning or withdrawing: say what to correct."),
    )

    def __init__(self, *args, approval: ImportApproval, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ChoiceField)
        if approval.status == ApprovalStatus.APPROVED:
            field.choices = [("withdraw", gettext_lazy("Withdraw the approval"))]
        else:
            field.choices = [
                ("approve", gettext_lazy("Approve and publish")),
                ("return", gettext_lazy("Return for correction")),
            ]


@login_required
@require_GET
def approval_list(request: AuthenticatedRequest) -> HttpResponse:
    """The imports awaiting the person's approval, and the decisions on their own imports."""
    waiting = approvals.awaiting_approval(request.user)
    own = (
        ImportApproval.objects.filter(import_run__created_by=request.user)
        .select_related("import_run", "territory", "decided_by")
        .order_by("-created_at")[:20]
    )
    return render(request, "indicators/approvals/list.html", {"waiting": waiting, "own": own})


def _approval_or_404(request: AuthenticatedRequest, pk: int) -> ImportApproval:
    """The approval, if the person may see the figures awaiting it (officials in scope) or
    the import is their own; anything else is not found."""
    approval = get_object_or_404(
        ImportApproval.objects.select_related("import_run", "territory", "decided_by"), pk=pk
    )
    if can(request.user, VIEW_UNAPPROVED, approval) or can(
        request.user, FOLLOW_IMPORT, approval.import_run
    ):
        return approval
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def approval_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    approval = _approval_or_404(request, pk)
    may_decide = can(request.user, APPROVE, approval)
    form = DecisionForm(request.POST or None, approval=approval)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied(_("You may not approve figures of this territory."))
        if form.is_valid():
            decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
            try:
                if decision == "approve":
                    approvals.approve(approval, by=request.user)
                    messages.success(request, _("The figures are approved and published."))
                elif decision == "return":
                    approvals.return_for_correction(approval, by=request.user, comment=comment)
                    messages.success(request, _("The figures were returned for correction."))
                else:
                    approvals.withdraw(approval, by=request.user, comment=comment)
                    messages.success(request, _("The approval was withdrawn."))
            except ValidationError as refusal:
                form.add_error("comment", refusal.message_dict.get("comment", refusal.messages))
            else:
                return redirect("indicators:approval", pk=approval.pk)
    context = {
        "approval": approval,
        "run": approval.import_run,
        "form": form,
        "may_decide": may_decide,
        "entries": timeline(approval),
        "map_url": map_of_import(approval.import_run),
    }
    return render(request, "indicators/approvals/detail.html", context)
