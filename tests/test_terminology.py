"""The termbase checks translations: missing equivalents, forbidden variants,
French inflections; check_terminology lists them; the seed matches the content."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from terminology.matching import FORBIDDEN_VARIANT, MISSING_EQUIVALENT, Termbase, check_unit
from terminology.models import Term
from terminology.scripts import opencc, simplified
from terminology.units import article_units, articles_to_check, findings_by_article

from .factories import article_with, make_term, opinion_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def termbase():
    make_term("client", "顧客", forbidden_zh_hant="客戶")
    make_term("service client", "客戶服務")
    make_term("réclamation", "投訴")
    make_term("fidéliser", "留住")
    make_term("Web", "網路", forbidden_zh_hant="網絡")
    make_term("caveat emptor", "買者自負", status="proposed")
    return Termbase.load()


def kinds(findings):
    return [(f.term.french, f.kind, f.expected, f.found) for f in findings]


def test_a_missing_equivalent_is_flagged_with_the_form_to_insert(termbase):
    findings = check_unit("Le client a raison.", "他是對的。", "fr", "zh-hant", termbase)
    assert kinds(findings) == [("client", MISSING_EQUIVALENT, "顧客", "")]
    assert check_unit("Le client a raison.", "顧客是對的。", "fr", "zh-hant", termbase) == []


def test_a_forbidden_variant_is_flagged_and_fixed_in_one_click(termbase):
    target = "客戶是對的，網絡上也這麼說。"
    findings = check_unit(
        "Le client a raison, sur le Web aussi.", target, "fr", "zh-hant", termbase
    )
    assert kinds(findings) == [
        ("client", FORBIDDEN_VARIANT, "顧客", "客戶"),
        ("Web", FORBIDDEN_VARIANT, "網路", "網絡"),
    ]
    fixed = findings[1].apply(findings[0].apply(target))
    assert fixed == "顧客是對的，網路上也這麼說。"
    assert check_unit("Le client a raison.", fixed, "fr", "zh-hant", termbase) == []


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        pytest.param("Les réclamations des clients", ["réclamation", "client"], id="plural"),
        pytest.param("Une RÉCLAMATION", ["réclamation"], id="capitals"),
        pytest.param("Une reclamation", ["réclamation"], id="no-accent"),
        pytest.param("Un client fidélisé", ["client", "fidéliser"], id="participle"),
        pytest.param("La fidélisation", ["fidéliser"], id="derived-noun"),
        pytest.param("Il se fidélise", ["fidéliser"], id="conjugated"),
        pytest.param("La clientèle", [], id="another-word"),
    ],
)
def test_french_terms_match_inflected_forms(termbase, source, flagged):
    findings = check_unit(source, "一些話", "fr", "zh-hant", termbase)
    assert [f.term.french for f in findings] == flagged


def test_the_longest_term_wins_and_agreed_forms_hide_variants_inside_them(termbase):
    # 客戶 inside 客戶服務 is no forbidden variant, and "service client" needs no 顧客.
    source = "Le service client répond."
    assert check_unit(source, "客戶服務會回覆。", "fr", "zh-hant", termbase) == []
    findings = check_unit(source, "客服會回覆。", "fr", "zh-hant", termbase)
    assert kinds(findings) == [("service client", MISSING_EQUIVALENT, "客戶服務", "")]


def test_chinese_to_french_and_untranslated_or_proposed_terms(termbase):
    assert check_unit("顧客的投訴", "Les réclamations des clients", "zh-hant", "fr", termbase) == []
    findings = check_unit("顧客的投訴", "Les plaintes des clients", "zh-hant", "fr", termbase)
    assert kinds(findings) == [("réclamation", MISSING_EQUIVALENT, "réclamation", "")]
    assert check_unit("Le client a raison.", "", "fr", "zh-hant", termbase) == []
    assert check_unit("caveat emptor", "買方當心", "fr", "zh-hant", termbase) == []


@pytest.mark.skipif(opencc is None, reason="needs the opencc package")
def test_chinese_terms_match_in_either_script(termbase):
    assert simplified(Term.objects.get(french="Web")) == "网络"  # OpenCC tw2sp: 網路 -> 网络
    assert check_unit("Le client", "顾客", "fr", "zh-hans", termbase) == []
    findings = check_unit("Le client", "客户", "fr", "zh-hans", termbase)
    # A Simplified text is fixed with the Simplified form.
    assert kinds(findings) == [("client", FORBIDDEN_VARIANT, "顾客", "客户")]


def test_the_simplified_override_wins():
    term = make_term("clientèle", "客群", simplified_override="顾客群")
    assert simplified(term) == "顾客群"


def test_check_terminology_lists_the_units_and_exits_1(termbase, capsys):
    article = article_with(
        slug="relation",
        title_fr="Le client et le Web",
        title_zh="顧客與網絡",
        body=[("Une réclamation", "一則投訴"), ("Les clients", "客戶們")],
    )
    opinion_with(article, headline_fr="Fidéliser", headline_zh="培養", anchor="avis")
    with pytest.raises(CommandError) as refused:
        call_command("check_terminology", "--language", "zh-hant")
    assert refused.value.returncode == 1
    assert "3 inconsistent units in 1 articles" in str(refused.value)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        ["relation", "title"],
        ["relation", "block 2"],
        ["relation", "opinion avis headline"],
    ]
    assert "«網絡» is forbidden, write «網路»" in lines[0]
    assert "«留住» missing" in lines[2]


def test_check_terminology_exits_0_when_everything_agrees(termbase, capsys):
    article_with(title_fr="Le client", title_zh="顧客", body=[("Une réclamation", "一則投訴")])
    call_command("check_terminology")
    assert "No inconsistent unit." in capsys.readouterr().out


def test_the_dashboard_counts_units_with_findings_per_article(termbase, django_assert_num_queries):
    good = article_with(title_fr="Le client", title_zh="顧客")
    bad = article_with(title_fr="Le client", title_zh="客戶", body=[("Le Web", "網絡")] * 3)
    articles = list(articles_to_check())
    with django_assert_num_queries(0):
        counts = findings_by_article(articles, termbase=termbase)
    assert counts == {good.pk: 0, bad.pk: 4}
    assert [u.label for u in article_units(articles[0])][:2] == ["title", "standfirst"]


def test_every_seeded_term_occurs_in_the_content_in_both_languages():
    call_command("import_content", verbosity=0)
    call_command("import_terms", str(Path(settings.CONTENT_DIR) / "terminology.yaml"))
    terms = list(Term.objects.all())
    assert 30 <= len(terms) <= 60
    texts = {"fr": [], "zh-hant": []}
    for article in articles_to_check():
        for unit in article_units(article):
            for language in texts:
                texts[language].append(unit.text(language))
    missing = []
    for term in terms:
        one = Termbase([term])
        for language in texts:
            if not any(one.terms_in(text, language) for text in texts[language]):
                missing.append((term.french, language))
    assert missing == []
