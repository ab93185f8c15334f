"""The termbase in and out as TBX, CSV and YAML: round trips, and bad files
that change nothing and name the line or entry at fault."""

import pytest
from django.core.management import CommandError, call_command

from terminology.exchange import export_records
from terminology.models import Term

from .factories import make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    make_term(
        "client",
        "顧客",
        part_of_speech="noun",
        domain="relation client",
        note="Pas 客戶, sauf dans 客戶服務.",
        forbidden_zh_hant="客戶\n客户",
        forbidden_fr="usager",
    )
    make_term("médias sociaux", "社群媒體", simplified_override="社交媒体", status="proposed")
    make_term("caveat emptor", "買者自負", part_of_speech="phrase")


@pytest.mark.parametrize("extension", ["tbx", "csv", "yaml"])
def test_export_then_import_gives_the_same_termbase(terms, tmp_path, extension, capsys):
    before = export_records()
    path = tmp_path / f"terms.{extension}"
    call_command("export_terms", str(path))
    Term.objects.all().delete()
    call_command("import_terms", str(path))
    assert export_records() == before
    assert "3 created" in capsys.readouterr().out
    call_command("import_terms", str(path))  # again: nothing changes, not even versions
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert set(Term.objects.values_list("version", flat=True)) == {1}


def test_the_tbx_file_marks_agreed_and_forbidden_terms(terms, tmp_path):
    path = tmp_path / "terms.tbx"
    call_command("export_terms", str(path))
    tbx = path.read_text()
    assert '<langSet xml:lang="zh-Hant"><tig><term>顧客</term>' in tbx
    assert '<term>客戶</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts' in tbx
    assert '<descrip type="subjectField">relation client</descrip>' in tbx


def test_an_edited_tbx_file_updates_the_term(terms, tmp_path, capsys):
    path = tmp_path / "terms.tbx"
    call_command("export_terms", str(path))
    path.write_text(path.read_text().replace("買者自負", "買方自負"))
    call_command("import_terms", str(path))
    assert "0 created, 1 updated, 2 unchanged" in capsys.readouterr().out
    term = Term.objects.get(french="caveat emptor")
    assert (term.chinese, term.version) == ("買方自負", 2)


BAD_FILES = [
    pytest.param(
        "terms.csv",
        "fr,zh-hant,de\nclient,顧客,Kunde\n",
        "line 1: unknown column «de»",
        id="csv-unknown-language",
    ),
    pytest.param(
        "terms.csv",
        "fr,zh-hant,status\nclient,顧客,agreed\nrelation client,,agreed\n",
        "line 3: the Chinese term is missing",
        id="csv-missing-term",
    ),
    pytest.param(
        "terms.csv",
        "fr,zh-hant\nclient,顧客\nfidélité,忠誠\nclient,客戶\n",
        "line 4: «client» is already defined at line 2",
        id="csv-duplicate",
    ),
    pytest.param(
        "terms.csv",
        'fr,zh-hant\nclient,顧客\n"fidélité,忠誠\n',
        "line 3: broken CSV",
        id="csv-broken-syntax",
    ),
    pytest.param(
        "terms.tbx",
        '<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="fr"><tig>'
        '<term>client</term></tig></langSet><langSet xml:lang="de"><tig><term>Kunde</term>'
        "</tig></langSet></termEntry></body></text></martif>",
        "entry 1 (a): unknown language «de»",
        id="tbx-unknown-language",
    ),
    pytest.param(
        "terms.tbx",
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="fr"><tig>'
        "<term>client</term></tig></langSet></body></text></martif>",
        "line 1: broken TBX",
        id="tbx-broken-syntax",
    ),
    pytest.param(
        "terms.tbx",
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh-Hant"><tig>'
        "<term>顧客</term></tig></langSet></termEntry></body></text></martif>",
        "entry 1: the French term is missing",
        id="tbx-missing-term",
    ),
    pytest.param(
        "terms.yaml",
        "- fr: client\n  zh-hant: 顧客\n  status: approved\n",
        "entry 1: unknown status «approved»",
        id="yaml-bad-status",
    ),
    pytest.param(
        "terms.yaml", "- fr: client\n  zh-hant: [顧客\n", "line 3: broken YAML", id="yaml-broken"
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_a_bad_file_changes_nothing_and_names_the_problem(terms, tmp_path, name, content, message):
    before = export_records()
    path = tmp_path / name
    # A good first entry: all or nothing, it is not imported either.
    path.write_text(content)
    with pytest.raises(CommandError, match="Nothing imported") as refused:
        call_command("import_terms", str(path))
    assert message in str(refused.value)
    assert export_records() == before
