from django.urls import path

from .views import applications, committee, criteria, official, public

app_name = "grants"
urlpatterns = [
    path("", public.competition_list, name="list"),
    path("mine/", applications.my_applications, name="mine"),
    path("<int:pk>/", public.competition_detail, name="detail"),
    path("<int:pk>/results/", public.results, name="results"),
    path("<int:pk>/results.csv", public.results_export, name="results_csv"),
    path("<int:pk>/360giving.json", public.giving_json, name="giving_json"),
    path("<int:pk>/360giving.csv", public.giving_export, name="giving_csv"),
    path("<int:pk>/apply/", applications.apply, name="apply"),
    path("programmes/<int:pk>/", public.programme, name="programme"),
    # officials
    path("<int:pk>/manage/", official.manage, name="manage"),
    path("<int:pk>/paper/", official.paper, name="paper"),
    path("<int:pk>/publish/", official.publish, name="publish"),
    path("<int:pk>/jobs/", official.publish_jobs, name="publish_jobs"),
    path("<int:pk>/criteria/", criteria.criteria, name="criteria"),
    path("<int:pk>/criteria/<int:criterion_pk>/", criteria.criterion, name="criterion"),
    path("<int:pk>/criteria/<int:criterion_pk>/remove/", criteria.remove, name="remove_criterion"),
    # committee
    path("<int:pk>/committee/", committee.workspace, name="committee"),
    path("<int:pk>/ranking/", committee.ranking, name="ranking"),
    path("<int:pk>/ranking/best-use/", committee.best_use, name="best_use"),
    path("<int:pk>/applications.csv", committee.applications_export, name="applications_csv"),
    path("<int:pk>/decision/", committee.decision, name="decision"),
    path("<int:pk>/decision/sign/", committee.sign, name="sign"),
    path("<int:pk>/decision/protocol.pdf", committee.protocol, name="protocol"),
    # one application
    path("applications/<int:pk>/", applications.application_page, name="application"),
    path("applications/<int:pk>/edit/", applications.edit, name="edit"),
    path("applications/<int:pk>/budget/", applications.budget, name="budget"),
    path("applications/<int:pk>/documents/", applications.upload, name="upload"),
    path("applications/<int:pk>/submit/", applications.submit, name="submit"),
    path("applications/<int:pk>/withdraw/", applications.withdraw, name="withdraw"),
    path("applications/<int:pk>/confirm/", applications.confirm, name="confirm"),
    path("applications/<int:pk>/minimum/", applications.minimum, name="minimum"),
    path(
        "applications/<int:pk>/gates/<str:gate>/override/", applications.override, name="override"
    ),
    path("applications/<int:pk>/appeal/", applications.appeal, name="appeal"),
    path(
        "applications/<int:pk>/appeals/<int:appeal_pk>/answer/",
        applications.answer_appeal,
        name="answer_appeal",
    ),
    path("applications/<int:pk>/receipt.pdf", official.receipt, name="receipt"),
    path("applications/<int:pk>/conflict/", committee.declare, name="declare"),
    path("applications/<int:pk>/score/", committee.score, name="score"),
    # awards
    path("awards/<int:pk>/", official.award_page, name="award"),
    path("awards/<int:pk>/status/", official.award_status, name="award_status"),
    path("awards/<int:pk>/agreement/", official.award_agreement, name="award_agreement"),
    path("awards/<int:pk>/tranches/", official.award_tranche, name="award_tranche"),
    path("awards/<int:pk>/tranches/<int:number>/paid/", official.tranche_paid, name="tranche_paid"),
    path("awards/<int:pk>/visits/", official.award_visit, name="award_visit"),
    path("awards/<int:pk>/reports/", official.award_report, name="award_report"),
]
