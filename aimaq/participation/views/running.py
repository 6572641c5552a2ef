"""Pages that run a process: start one, move its stages, seat members, record meetings, type
in who came (named list or paper sheet with its scan), decisions, outputs sent to the plan,
photos, and register a resident without internet. Each asks the one permission check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aimaq.core.permissions import allowed_rows, can
from aimaq.core.submissions import sent_once

from ..forms.running import (
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    OutputForm,
    ParticipantForm,
    PhotoForm,
    ProcessForm,
    SeatForm,
    SheetForm,
    StageForm,
)
from ..models import Body, Meeting, Participant, PlanningProcess, ProcessStage
from ..permissions import RUN, SEE_PEOPLE, VIEW
from ..services import meetings as meeting_services
from ..services import people as people_services
from ..services import process as process_services
from .common import allowed_or_403, form_error, visible_or_404


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def process_new(request: HttpRequest) -> HttpResponse:
    form = ProcessForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            process = process_services.create_process(
                territory=data["territory"],
                name={lang: data.get(f"name_{lang}", "") for lang in ("kk", "ru", "en")},
                donor_project=data.get("donor_project"),
                starts_on=data.get("starts_on"),
                ends_on=data.get("ends_on"),
                is_published=data.get("is_published", False),
                by=request.user,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            return redirect("participation:process", process.pk)
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Start a planning process"),
            "submit": _("Start"),
            "intro": _(
                "The process gets its eight stages, a planning committee and the three thematic working groups."
            ),
        },
    )


@login_required
@require_POST
def stage_update(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    stage = get_object_or_404(ProcessStage, pk=sid, process_id=pk)
    allowed_or_403(request, RUN, stage)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status and give the date."))
    else:
        try:
            process_services.set_stage(
                stage, form.cleaned_data["status"], on=form.cleaned_data["on"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The stage is saved."))
    return redirect("participation:process", pk)


def _known_people(process: PlanningProcess, user):
    """People an official or a chair picks from: members of the process's bodies and those
    who came to its meetings, plus residents of its territory they may see."""
    rows = Participant.objects.filter(
        Q(memberships__body__process=process)
        | Q(attendance__meeting__process=process)
        | Q(residence=process.territory)
    ).distinct()
    return allowed_rows(user, VIEW, rows).order_by("full_name")


@login_required
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, pk: int, bid: int) -> HttpResponse:
    body = get_object_or_404(
        Body.objects.select_related("process__territory"), pk=bid, process_id=pk
    )
    allowed_or_403(request, SEE_PEOPLE, body)
    may_run = can(request.user, RUN, body)
    form = SeatForm(
        request.POST or None, body=body, people=_known_people(body.process, request.user)
    )
    if request.method == "POST":
        allowed_or_403(request, RUN, body)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    participant = data.get("participant")
                    if data.get("full_name"):
                        participant = people_services.register_participant(
                            full_name=data["full_name"],
                            residence=body.process.territory,
                            sex=data["sex"],
                            birth_year=data.get("birth_year"),
                            age_group=data["age_group"],
                            sector=data["sector"],
                            consent=data["consent"],
                            groups=data["groups"],
                            within=body,
                            by=request.user,
                        )
                    process_services.seat_member(
                        body,
                        participant=participant,
                        organisation=data.get("organisation"),
                        seat=data["seat"],
                        sector=data["sector"],
                        joined_on=data.get("joined_on"),
                        by=request.user,
                    )
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The member is seated."))
                return redirect("participation:body", pk, bid)
    seats = body.memberships.select_related("participant", "organisation").order_by(
        "left_on", "seat", "pk"
    )
    return render(
        request,
        "participation/body.html",
        {
            "body": body,
            "process": body.process,
            "seats": seats,
            "form": form,
            "may_run": may_run,
        },
    )


def _bodies_for(user, process: PlanningProcess):
    return allowed_rows(user, RUN, process.bodies.all())


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    process = visible_or_404(request, PlanningProcess.objects.select_related("territory"), pk=pk)
    bodies = _bodies_for(request.user, process)
    if not bodies.exists() and not can(request.user, RUN, process):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meeting_services.record_meeting(
                process,
                body=data.get("body"),
                kind=data["kind"],
                held_on=data["held_on"],
                place=data["place"],
                agenda=data["agenda"],
                minutes=data["minutes"],
                status=data["status"],
                is_published=data["publish"],
                by=request.user,
            )
        except ValidationError as error:
            form_error(form, error)
        except PermissionDenied:
            form.add_error("body", _("You run the meetings of your own group only."))
        else:
            return redirect("participation:meeting", meeting.pk)
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Record a meeting"),
            "submit": _("Save"),
            "process": process,
        },
    )


def _meeting_to_run(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("process__territory", "process__plan", "body"), pk=pk
    )
    allowed_or_403(request, RUN, meeting)
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    initial = {
        f: getattr(meeting, f) for f in ("kind", "status", "held_on", "place", "agenda", "minutes")
    }
    initial["publish"] = meeting.is_published
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_services.update_meeting(
                meeting,
                by=request.user,
                **{f: data[f] for f in ("kind", "status", "held_on", "place", "agenda", "minutes")},
            )
            if data["publish"] and not meeting.is_published:
                meeting_services.publish_meeting(meeting, by=request.user)
        except ValidationError as error:
            form_error(form, error)
        else:
            return redirect("participation:meeting", meeting.pk)
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Edit the meeting"),
            "submit": _("Save"),
            "meeting": meeting,
            "process": meeting.process,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The named list: tick who came; add a person not on the list."""
    meeting = _meeting_to_run(request, pk)
    allowed_or_403(request, SEE_PEOPLE, meeting)
    people = _known_people(meeting.process, request.user)
    current = list(meeting.attendance.values_list("participant_id", flat=True))
    form = AttendanceForm(request.POST or None, people=people, initial={"people": current})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                chosen = list(data["people"])
                if data.get("full_name"):
                    chosen.append(
                        people_services.register_participant(
                            full_name=data["full_name"],
                            residence=meeting.process.territory,
                            sex=data["sex"],
                            birth_year=data.get("birth_year"),
                            age_group=data["age_group"],
                            consent=data["consent"],
                            groups=data["groups"],
                            within=meeting,
                            by=request.user,
                        )
                    )
                meeting_services.set_named_attendance(meeting, chosen, by=request.user)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The list is saved."))
            return redirect("participation:meeting", meeting.pk)
    return render(
        request,
        "participation/attendance.html",
        {"form": form, "meeting": meeting, "process": meeting.process},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The counts of a paper sign-in sheet, and its scan."""
    meeting = _meeting_to_run(request, pk)
    initial = {f"{c.sex}_{c.age_group}": c.count for c in meeting.counts.all()}
    initial.update({f"group_{g.group}": g.count for g in meeting.group_counts.all()})
    form = SheetForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                total = meeting_services.set_counted_attendance(
                    meeting, form.cells(), form.groups(), by=request.user
                )
                if form.cleaned_data.get("scan"):
                    meeting_services.attach_sheet(
                        meeting, form.cleaned_data["scan"], by=request.user
                    )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The sheet is saved: %(total)s people.") % {"total": total})
            return redirect("participation:meeting", meeting.pk)
    return render(
        request,
        "participation/sheet.html",
        {"form": form, "meeting": meeting, "process": meeting.process},
    )


@login_required
@require_http_methods(["GET", "POST"])
def outputs(request: HttpRequest, pk: int) -> HttpResponse:
    """Decisions, and what the meeting produced for the plan; sending them to the plan."""
    meeting = _meeting_to_run(request, pk)
    output_form = OutputForm(
        request.POST if request.POST.get("form") == "output" else None,
        initial={"theme": meeting.body.theme if meeting.body else "general"},
    )
    decision_form = DecisionForm(request.POST if request.POST.get("form") == "decision" else None)
    if request.method == "POST":
        what = request.POST.get("form")
        try:
            if what == "output" and output_form.is_valid():
                data = output_form.cleaned_data
                meeting_services.add_output(
                    meeting,
                    kind=data["kind"],
                    text=data["text"],
                    theme=data["theme"] or None,
                    quadrant=data["quadrant"],
                    by=request.user,
                )
                return redirect("participation:outputs", meeting.pk)
            if what == "decision" and decision_form.is_valid():
                meeting_services.add_decision(
                    meeting, decision_form.cleaned_data["decision"], by=request.user
                )
                return redirect("participation:outputs", meeting.pk)
            if what == "land":
                landed = meeting_services.land_outputs(meeting, by=request.user)
                messages.success(
                    request,
                    _("%(count)s outputs are now in the plan's draft.") % {"count": len(landed)},
                )
                return redirect("participation:meeting", meeting.pk)
        except ValidationError as error:
            form_error(output_form if what == "output" else decision_form, error)
            if what == "land":
                messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(
                request, _("Only someone who may write the plan's draft sends outputs to it.")
            )
    from .. import plan_links

    return render(
        request,
        "participation/outputs.html",
        {
            "meeting": meeting,
            "process": meeting.process,
            "output_form": output_form,
            "decision_form": decision_form,
            "outputs": list(meeting.outputs.all()),
            "decisions": list(meeting.decisions.all()),
            "may_land": plan_links.may_write(request.user, meeting.process.plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def photos(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.attach_photo(meeting, form.cleaned_data["photo"], by=request.user)
        except ValidationError as error:
            form.add_error("photo", error)
        else:
            messages.success(request, _("The photo is added (location and camera data removed)."))
            return redirect("participation:meeting", meeting.pk)
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Add a photo of the meeting"),
            "submit": _("Upload"),
            "meeting": meeting,
            "process": meeting.process,
            "multipart": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def participant_new(request: HttpRequest) -> HttpResponse:
    """An official registers a resident without internet (from a paper form), to act for
    them: propose, support, comment. Every act is logged as entered by the official."""
    form = ParticipantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = people_services.register_participant(
                full_name=data["full_name"],
                residence=data["residence"],
                sex=data["sex"],
                birth_year=data.get("birth_year"),
                age_group=data["age_group"],
                sector=data["sector"],
                consent=data["consent"],
                groups=data["groups"],
                by=request.user,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("The resident is registered. You can now enter a proposal for them.")
            )
            return redirect(f"{_proposal_new_url()}?for={participant.pk}")
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Register a resident without internet"),
            "submit": _("Register"),
            "intro": _(
                "For a resident who came in person or sent a paper form. What you enter for them is recorded as entered by you."
            ),
        },
    )


def _proposal_new_url() -> str:
    from django.urls import reverse

    return reverse("participation:proposal_new")
