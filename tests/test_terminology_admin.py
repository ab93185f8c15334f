"""The termbase in the admin: editors manage terms, and a stale save is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from terminology.exchange import import_records
from terminology.models import Term

from .editorial_support import form_data, make_editor, make_versioned_term
from .factories import make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(django_user_model):
    clients = []
    for name in ("alice", "bruno"):
        client = Client()
        client.force_login(make_editor(django_user_model, name))
        clients.append(client)
    return clients


def open_term(client, term):
    url = reverse("admin:terminology_term_change", args=[term.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response.text)


def test_editor_adds_a_term_with_forbidden_variants(two_editors):
    alice, _ = two_editors
    response = alice.post(
        reverse("admin:terminology_term_add"),
        {
            "french": "médias sociaux",
            "chinese": "社群媒體",
            "status": "agreed",
            "forbidden_zh_hant": "社交媒體\r\n社交媒体",
            "loaded_version": "",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(french="médias sociaux")
    assert term.forbidden("zh-hant") == ["社交媒體", "社交媒体"]
    assert term.simplified_override is None  # empty means "derive it"


def test_a_stale_save_is_refused_and_shows_the_colleagues_change(two_editors):
    alice, bruno = two_editors
    term = make_versioned_term(note="")
    url, alice_data = open_term(alice, term)
    _, bruno_data = open_term(bruno, term)

    alice_data["forbidden_zh_hant"] = "客戶"
    assert alice.post(url, alice_data).status_code == 302

    bruno_data["note"] = "Note de Bruno"
    bruno_data["chinese"] = "顧客們"
    response = bruno.post(url, bruno_data)

    assert response.status_code == 200
    term.refresh_from_db()
    assert (term.forbidden_zh_hant, term.note, term.chinese) == ("客戶", "", "顧客")
    conflict = response.context["adminform"].form.conflict
    rows = [(str(c.label), c.before, c.after, c.yours) for c in conflict["changes"]]
    # Only what the colleague changed, with what it was when Bruno opened the form.
    assert rows == [("Variantes chinoises interdites", "", "客戶", "")]
    assert conflict["exact"]
    assert 'id="edit-conflict"' in response.text
    again = form_data(response.text)
    assert (again["note"], again["chinese"]) == ("Note de Bruno", "顧客們")

    # Saving again is a deliberate overwrite: Bruno's values win.
    assert bruno.post(url, again).status_code == 302
    term.refresh_from_db()
    assert (term.note, term.chinese, term.forbidden_zh_hant) == ("Note de Bruno", "顧客們", "")


def test_an_import_makes_an_open_form_stale(two_editors):
    alice, _ = two_editors
    term = make_term()
    url, data = open_term(alice, term)
    term.note = "changed by an import"
    term.save()
    data["note"] = "Alice"
    assert alice.post(url, data).status_code == 200
    term.refresh_from_db()
    assert term.note == "changed by an import"


def test_a_form_without_its_version_is_refused_not_a_500(two_editors):
    alice, _ = two_editors
    term = make_term()
    url, data = open_term(alice, term)
    del data["loaded_version"]
    response = alice.post(url, data)
    assert response.status_code == 200
    assert Term.objects.get(pk=term.pk).version == term.version


def test_editor_downloads_the_termbase_as_tbx_and_csv(two_editors):
    alice, _ = two_editors
    make_term()
    tbx = alice.get(reverse("admin:terminology_export", args=["tbx"]))
    assert tbx["Content-Type"] == "application/x-tbx"
    assert "<term>顧客</term>" in tbx.content.decode()
    csv = alice.get(reverse("admin:terminology_export", args=["csv"]))
    assert csv.content.decode().splitlines()[1].startswith("client,顧客,")
    action = alice.post(
        reverse("admin:terminology_term_changelist"),
        {"action": "export_csv", "_selected_action": [Term.objects.get().pk]},
    )
    assert action["Content-Disposition"] == 'attachment; filename="terminology.csv"'


def test_editor_uploads_a_file_and_a_bad_one_changes_nothing(two_editors):
    alice, _ = two_editors
    make_term()
    url = reverse("admin:terminology_import")
    good = SimpleUploadedFile(
        "terms.csv", "fr,zh-hant,status\nrelation client,客戶關係,agreed\n".encode()
    )
    response = alice.post(url, {"file": good}, follow=True)
    assert "1 créés, 0 modifiés, 0 inchangés." in response.text
    assert Term.objects.filter(french="relation client").exists()

    bad = SimpleUploadedFile(
        "terms.csv", "fr,zh-hant\nfidélité,忠誠\nclient,\n".encode(), content_type="text/csv"
    )
    response = alice.post(url, {"file": bad})
    assert response.status_code == 400
    assert "Rien n’a été importé" in response.text
    assert "ligne 3\u00a0: le terme chinois manque" in response.text
    assert not Term.objects.filter(french="fidélité").exists()
    assert Term.objects.get(french="client").chinese == "顧客"


def test_a_file_of_another_kind_is_refused(two_editors):
    alice, _ = two_editors
    upload = SimpleUploadedFile("terms.txt", b"client")
    response = alice.post(reverse("admin:terminology_import"), {"file": upload})
    assert response.status_code == 400
    assert "Choisissez un fichier .tbx, .csv ou .yaml." in response.text


def test_a_conflict_with_an_import_lists_exactly_what_the_import_changed(two_editors):
    alice, _ = two_editors
    record = {"fr": "client", "zh-hant": "顧客", "status": "agreed", "note": "première"}
    import_records([("ligne 2", record)])
    term = Term.objects.get(french="client")
    url, data = open_term(alice, term)
    import_records([("ligne 2", {**record, "note": "seconde"})])

    data["domain"] = "vente"
    response = alice.post(url, data)

    assert response.status_code == 200
    conflict = response.context["adminform"].form.conflict
    assert conflict["exact"]
    rows = [(str(c.label), c.before, c.after) for c in conflict["changes"]]
    assert rows == [("Note", "première", "seconde")]
    assert Term.objects.get(pk=term.pk).domain == ""


def test_editor_restores_an_earlier_version_of_a_term_and_its_version_moves_on(two_editors):
    alice, _ = two_editors
    term = make_versioned_term(note="première note")
    first = Version.objects.get_for_object(term).get()
    url, data = open_term(alice, term)
    data["note"] = "seconde note"
    assert alice.post(url, data).status_code == 302
    saved = Term.objects.get(pk=term.pk).version

    history = alice.get(reverse("admin:terminology_term_history", args=[term.pk]))
    assert history.status_code == 200
    restore_url = reverse("admin:terminology_term_revision", args=[term.pk, first.pk])
    page = alice.get(restore_url)
    restored = form_data(page.text)
    assert restored["note"] == "première note"
    assert alice.post(restore_url, restored).status_code == 302

    term.refresh_from_db()
    assert term.note == "première note"
    # Restored, not rolled back: an old form carrying an earlier version stays stale.
    assert term.version > saved
    assert alice.post(url, data).status_code == 200
