"""Pages of the complaint register: list, entry, history, statistics, case types."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from complaints import export as export_rows
from complaints import selectors, tasks
from complaints.authority import authority_name, authority_name_for
from complaints.filters import ComplaintFilter
from complaints.forms import CaseTypeForm, CaseTypeNameFormSet, ComplaintForm, ComplaintStatisticsForm
from complaints.models import CaseType, Complaint
from complaints.report_sections import open_tables, received_table, sent_table
from complaints.tables import ComplaintTable
from horeport import editing
from horeport.history import history_page
from horeport.jobs import export_response
from horeport.periods import Period
from horeport.sections import SMALL_NUMBERS_THRESHOLD, suppress_small_numbers
from horeport.tables import table_configure


def _complaints():
    return Complaint.objects.select_related("case_type", "unit").prefetch_related("case_type__names")


# -- the register ---------------------------------------------------------------------------


@permission_required("complaints.view_complaint", raise_exception=True)
def index(request):
    filterset = ComplaintFilter(request.GET, queryset=_complaints())
    table = ComplaintTable(filterset.qs)
    table_configure(request, table, per_page=25)
    return render(
        request,
        "complaints/complaint_list.html",
        {"filter": filterset, "table": table, "any_complaints": Complaint.objects.exists()},
    )


@permission_required("complaints.view_complaint", raise_exception=True)
def export(request):
    """A small export is written at once; a larger one is a background job with a progress page."""
    filterset, complaints = export_rows.complaints_filtered(request.GET)
    return export_response(
        request, rows=complaints.count(), filename=export_rows.export_filename(),
        write=lambda file: export_rows.complaints_export(
            complaints, path=file, filters_text=export_rows.filters_text(filterset)
        ),
        task=tasks.complaints_export_task, kind="complaints_export", title="Eksport av klagesaker",
    )  # fmt: skip


@permission_required("complaints.view_complaint", raise_exception=True)
def detail(request, pk):
    complaint = get_object_or_404(_complaints(), pk=pk)
    name, current = complaint.case_type.name_on(complaint.received_on), complaint.case_type.current_name
    case_type_name = name if name == current else f"{name} (nå {current})"
    return render(
        request, "complaints/complaint_detail.html", {"complaint": complaint, "case_type_name": case_type_name}
    )


@permission_required("complaints.add_complaint", raise_exception=True)
def create(request):
    return _complaint_form(request, Complaint())


@permission_required("complaints.change_complaint", raise_exception=True)
def update(request, pk):
    return _complaint_form(request, get_object_or_404(_complaints(), pk=pk))


def _complaint_form(request, complaint):
    done = "registrert" if complaint.pk is None else "lagret"
    return editing.edit(
        request, ComplaintForm(request.POST or None, instance=complaint), template="complaints/complaint_form.html",
        context={"complaint": complaint}, saved=f"Klagesak {{obj.reference}} er {done}.",
        success_url=lambda obj: reverse("complaints:detail", args=[obj.pk]),
    )  # fmt: skip


@permission_required("complaints.delete_complaint", raise_exception=True)
def delete(request, pk):
    complaint = get_object_or_404(_complaints(), pk=pk)
    return editing.delete(
        request, complaint, heading=f"Slett {complaint}?", nav="complaints/_nav.html",
        description="Klagen tas ut av registeret og statistikken.", button="Slett klagen",
        deleted=f"Klagesak {complaint.reference} er slettet.",
        back_url=reverse("complaints:detail", args=[complaint.pk]), success_url=reverse("complaints:index"),
    )  # fmt: skip


@permission_required("complaints.view_complaint", raise_exception=True)
def history(request, pk):
    complaint = get_object_or_404(Complaint, pk=pk)
    return history_page(request, complaint, back_url=reverse("complaints:detail", args=[pk]), title=str(complaint))


# -- statistics -----------------------------------------------------------------------------


@permission_required("complaints.view_complaint", raise_exception=True)
def statistics(request):
    first_year, last_year = selectors.years_with_complaints()
    default_year = selectors.latest_year_sent() or last_year
    years = range(first_year, last_year + 1)
    form = ComplaintStatisticsForm(request.GET, years=years, default=Period.of_year(default_year))
    period, cutoff = form.chosen()
    status_day = cutoff or period.end
    threshold = SMALL_NUMBERS_THRESHOLD if form.cleaned_data.get("skjul_smaa_tall") else None
    sent = sent_table(period=period, cutoff=cutoff)
    received = received_table(period=period, cutoff=cutoff)
    context = {
        "form": form,
        "period": period,
        "cutoff": status_day,
        "authority": authority_name_for(period),
        "sent": suppress_small_numbers(sent, threshold),
        "sent_total": sent.rows[-1].cells[0].value,
        "received": suppress_small_numbers(received, threshold),
        "received_total": received.rows[-1].cells[0].value,
        "open": [suppress_small_numbers(t, threshold) for t in open_tables(on=status_day)],
        "open_authority": authority_name(status_day),
    }
    return render(request, "complaints/statistics.html", context)


# -- case types (administrators) -------------------------------------------------------------


@permission_required("complaints.view_casetype", raise_exception=True)
def case_type_list(request):
    case_types = CaseType.objects.prefetch_related("names")
    return render(request, "complaints/casetype_list.html", {"case_types": case_types})


@permission_required("complaints.add_casetype", raise_exception=True)
def case_type_create(request):
    return _case_type_form(request, CaseType())


@permission_required("complaints.change_casetype", raise_exception=True)
def case_type_update(request, pk):
    return _case_type_form(request, get_object_or_404(CaseType, pk=pk))


def _case_type_form(request, case_type):
    return editing.edit(
        request, CaseTypeForm(request.POST or None, instance=case_type), template="horeport/edit_form.html",
        names=CaseTypeNameFormSet(request.POST or None, instance=case_type, prefix="navn"),
        context={
            "title": f"Endre sakstypen {case_type.current_name}" if case_type.pk else "Ny sakstype",
            "back_url": reverse("complaints:casetype_list"), "back_label": "Tilbake til sakstypene",
            "names_legend": "Senere navn",
            "names_help": "Et nytt navn gjelder fra datoen du skriver. Perioder før det viser det forrige navnet.",
            "delete_url": reverse("complaints:casetype_delete", args=[case_type.pk])
            if case_type.pk and request.user.has_perm("complaints.delete_casetype") else None,
            "delete_label": "Slett sakstypen", "delete_note": "Bare mulig når ingen klager har sakstypen.",
        },
        saved=lambda saved: f"Sakstypen «{saved.current_name}» er lagret.",
        success_url=reverse("complaints:casetype_list"),
    )  # fmt: skip


@permission_required("complaints.delete_casetype", raise_exception=True)
def case_type_delete(request, pk):
    case_type = get_object_or_404(CaseType, pk=pk)
    name = case_type.current_name
    return editing.delete(
        request, case_type, heading=f"Slette sakstypen «{name}»?", nav="complaints/_nav.html",
        description="Bare mulig når ingen klager har sakstypen.", button="Slett sakstypen",
        deleted=f"Sakstypen «{name}» er slettet.",
        in_use=f"Sakstypen «{name}» har klager og kan ikke slettes. Merk den som ikke aktiv i stedet.",
        back_url=reverse("complaints:casetype_update", args=[pk]), success_url=reverse("complaints:casetype_list"),
    )  # fmt: skip
