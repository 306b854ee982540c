"""IATI import on the real files in ../shared/data/iati, and on hostile files the tests write."""

from __future__ import annotations

from pathlib import Path

import pytest

from sursur.domain import ActorKind, Modality, Role
from sursur.interchange.iati import ActivityMapper, IatiFile, identifier_key, name_key
from sursur.interchange.problems import ImportRefused
from sursur.services.iati import import_iati

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "iati"

MINISTRIES = ["Kaduna State Ministry for Health and Social Services", "Kebbi State Ministry of Health",
              "Kogi State Ministry of Health", "Kwara State Ministry of Health", "Sokoto State Ministry of Health",
              "Zamfara State Ministry of Health"]


def test_activity_counts_per_file():
    # (activities in the file, of which valid against the IATI 2.03 schema and sursur's checks)
    expected = {"annotated_203.xml": (1, 1), "canada_203.xml": (1, 0), "dportal_17_localgov.xml": (100, 53),
                "dportal_26_triangular.xml": (100, 98), "nl_mfa_203.xml": (13, 13), "ocha_covid_203.xml": (401, 282)}
    found = {}
    for name in expected:
        reads = list(IatiFile(DATA / name))
        found[name] = (len(reads), sum(1 for r in reads if r.activity is not None))
    assert found == expected


def test_type_11_ministries_are_subnational_participants(store):
    report = import_iati(store, [DATA / "dportal_17_localgov.xml"], skip_invalid=True)
    assert (report.total("activities"), report.total("imported"), report.total("refused")) == (100, 53, 47)
    with store.reading() as repo:
        actors = {a.name: a for a in repo.actors()}
        initiative = next(i for i in repo.initiatives() if i.key == "gb-chc-207544-96200asc2000")
        funder = repo.actor("gb-gov-1")
    for name in MINISTRIES:
        assert actors[name].kind is ActorKind.MUNICIPALITY and actors[name].kind.subnational_government
        assert actors[name].country is None  # IATI does not say; the ref prefix of others is not used
        assert any(p.actor == actors[name].key and p.role is Role.OFFERER for p in initiative.participants)
    assert [(p.role, p.country) for p in initiative.participants if p.actor is None] == [(Role.RECEIVER, "NGA")]
    assert funder.kind is ActorKind.NATIONAL_GOVERNMENT and funder.country is None  # named, not reporting
    assert (Role.FUNDER, "gb-gov-1") in {(p.role, p.actor) for p in initiative.participants}
    assert initiative.sources[0].locator == "iati-identifier GB-CHC-207544-96200ASC2000, line 21587"


def test_triangular_activity(store):
    import_iati(store, [DATA / "dportal_26_triangular.xml"], skip_invalid=True)
    with store.reading() as repo:
        initiative = next(i for i in repo.initiatives() if i.key == "nl-kvk-27378529-dss220cm01")
        agency = repo.actor("nl-kvk-27378529")
    assert initiative.modality is Modality.TRIANGULAR
    roles = {(p.role, p.actor, p.country) for p in initiative.participants}
    assert (Role.SECOND_OFFERER, "nl-kvk-27378529", None) in roles  # role 1, funding
    assert (Role.RECEIVER, None, "CMR") in roles
    assert agency.country == "NLD" and agency.kind is ActorKind.NATIONAL_GOVERNMENT  # the reporting org
    assert set(initiative.themes) == {"dac:14030", "dac:73010", "sdg:6"}
    assert str(initiative.start) == "2020-08-03" and str(initiative.end) == "2020-09-24"  # actual over planned
    # two commitments kept; the negative correction and the incoming funds left out
    assert [(f.kind.value, str(f.amount), f.currency) for f in initiative.flows] == [
        ("commitment", "36781.75", "EUR"), ("commitment", "7724.16", "EUR")]


def test_canada_is_refused_with_its_line_numbers_and_nothing_is_written(store):
    with pytest.raises(ImportRefused) as refused:
        import_iati(store, [DATA / "nl_mfa_203.xml", DATA / "canada_203.xml"])
    problems = refused.value.problems
    assert problems and all(p.file == "canada_203.xml" and p.line == 2 for p in problems)
    assert all("point" in p.params["detail"] and p.column.endswith("/point") for p in problems)
    assert "canada_203.xml, line 2" in refused.value.render(lambda s: s)
    assert refused.value.report.written is False
    with store.reading() as repo:
        assert repo.is_empty()
    report = import_iati(store, [DATA / "nl_mfa_203.xml", DATA / "canada_203.xml"], skip_invalid=True)
    assert [(f.file, f.imported, f.refused) for f in report.files] == [("nl_mfa_203.xml", 13, 0),
                                                                       ("canada_203.xml", 0, 1)]


def test_reimport_changes_nothing(store):
    files = [DATA / "annotated_203.xml", DATA / "nl_mfa_203.xml", DATA / "dportal_26_triangular.xml"]
    seen = []
    first = import_iati(store, files, skip_invalid=True, progress=lambda *args: seen.append(args))
    assert seen[-1] == ("dportal_26_triangular.xml", 100, 686468, 686468)
    with store.reading() as repo:
        before = repo.dataset()
    second = import_iati(store, files, skip_invalid=True)
    assert first.saved.created["initiatives"] == 112
    assert second.saved.changed == 0 and second.saved.unchanged["initiatives"] == 112
    with store.reading() as repo:
        assert repo.dataset() == before


def test_every_problem_and_warning_renders():
    rendered = 0
    for name in ("dportal_17_localgov.xml", "dportal_26_triangular.xml", "ocha_covid_203.xml", "canada_203.xml"):
        mapper = ActivityMapper(name, "iati-x")
        for read in IatiFile(DATA / name):
            problems = list(read.errors)
            if read.activity is not None:
                mapped = mapper.map(read.activity, identifier_key(read.activity.identifier))
                problems += mapped.errors + mapped.warnings
            for problem in problems:
                assert problem.render(lambda s: s).startswith(name)
                rendered += 1
    assert rendered > 300


def test_annotated_example_mapping(store):
    report = import_iati(store, [DATA / "annotated_203.xml"])
    assert report.files[0].imported == 1 and report.problems == []
    with store.reading() as repo:
        [initiative] = repo.initiatives()
        sources = repo.sources()
    assert initiative.key == "aa-aaa-123456789-abc123" and initiative.status.value == "ongoing"
    assert initiative.description.lang == "en" and initiative.title
    assert [s.key for s in sources] == ["iati-annotated_203.xml"] and sources[0].kind.value == "dataset"


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


XXE = """<?xml version="1.0"?>
<!DOCTYPE iati-activities [
  <!ENTITY secret SYSTEM "file://{secret}">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&secret;</iati-identifier></iati-activity>
</iati-activities>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
""" + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10)) + """]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity>
</iati-activities>
"""


@pytest.mark.parametrize("kind", ["xxe", "billion-laughs"])
def test_entity_attacks_are_refused_and_nothing_is_written(store, tmp_path, kind):
    secret = _write(tmp_path, "secret.txt", "TOP-SECRET")
    hostile = _write(tmp_path, f"{kind}.xml", XXE.format(secret=secret) if kind == "xxe" else LAUGHS)
    with pytest.raises(ImportRefused) as refused:
        import_iati(store, [DATA / "nl_mfa_203.xml", hostile])
    [problem] = refused.value.problems
    assert problem.file == hostile.name and problem.line == 3 and "declares XML entities" in problem.reason
    assert "TOP-SECRET" not in refused.value.render(lambda s: s)
    with store.reading() as repo:
        assert repo.is_empty()


def test_xxe_file_is_reported_beside_the_good_files_with_skip_invalid(store, tmp_path):
    secret = _write(tmp_path, "secret.txt", "TOP-SECRET")
    hostile = _write(tmp_path, "xxe.xml", XXE.format(secret=secret))
    report = import_iati(store, [DATA / "nl_mfa_203.xml", hostile], skip_invalid=True)
    [problem] = report.files[1].problems
    assert report.files[1].unreadable and problem.line == 3 and "declares XML entities" in problem.reason
    rendered = problem.render(lambda s: s)
    assert "xxe.xml, line 3" in rendered and "TOP-SECRET" not in rendered
    with store.reading() as repo:
        assert len(repo.initiatives()) == 13 and all("TOP-SECRET" not in i.key for i in repo.initiatives())


def _refusal(path: Path):
    with pytest.raises(ImportRefused) as refused:
        list(IatiFile(path))
    [problem] = refused.value.problems
    return problem


@pytest.mark.parametrize("name, content, says", [
    ("empty.xml", "", "is empty"),
    ("blank.xml", "  \n\n\t ", "is empty"),
    ("table.xml", "identifier,title\nA-1,Water\n", "has the extension .xml but is not XML: it looks like {looks}"),
    ("sheet.xml", b"PK\x03\x04" + bytes(60), "has the extension .xml but is not XML: it looks like {looks}"),
    ("data.json", '{"activities": []}', "is not XML: it looks like {looks}; an IATI file is XML"),
    ("feed.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "root element is <{root}>"),
    ("orgs.xml", '<iati-organisations version="2.03"/>', "is an IATI organisation file"),
    ("page.xml", "<!DOCTYPE html>\n<html><body>Not found</body></html>", "is an HTML page"),
    ("old.xml", '<iati-activities version="1.05"><iati-activity/></iati-activities>', "sursur reads versions 2.01"),
    ("cut.xml", '<iati-activities version="2.03">\n<iati-activity>\n<iati-identifier>A-1</iati-identifier>\n',
     "is not well-formed XML (line {line})"),
])
def test_each_unreadable_file_gets_its_own_message(tmp_path, name, content, says):
    problem = _refusal(_write(tmp_path, name, content))
    assert says in problem.reason and problem.file == name
    assert problem.render(lambda s: s).startswith(name)


def test_unreadable_file_messages_differ(tmp_path):
    reasons = {_refusal(_write(tmp_path, n, c)).reason for n, c in [
        ("a.xml", ""), ("b.xml", "plain words"), ("c.xml", "<catalog/>")]}
    assert len(reasons) == 3


def test_a_doctype_without_entities_is_refused_too(tmp_path):
    problem = _refusal(_write(tmp_path, "dtd.xml", '<?xml version="1.0"?>\n<!-- a note -->\n'
                                                   '<!DOCTYPE iati-activities SYSTEM "http://example.org/x.dtd">\n'
                                                   '<iati-activities version="2.03"/>'))
    assert problem.line == 3 and "DOCTYPE" in problem.reason


def test_malformed_xml_after_good_activities_names_its_line(tmp_path):
    good = (DATA / "annotated_203.xml").read_text(encoding="utf-8")
    broken = _write(tmp_path, "broken.xml",
                    good.replace("</iati-activities>", "<iati-activity><oops></iati-activities>"))
    reads = []
    with pytest.raises(ImportRefused) as refused:
        reads.extend(IatiFile(broken))
    line = good[:good.index("</iati-activities>")].count("\n") + 1
    assert len(reads) == 1 and refused.value.problems[0].line == line


def test_keys_are_lower_case_safe_and_unique():
    assert identifier_key("GB-CHC-207544-96200ASC2000") == "gb-chc-207544-96200asc2000"
    a, b = identifier_key("NL-KVK-27108436-A-06710-06:ID"), identifier_key("NL-KVK-27108436-A-06710-06/ID")
    assert a != b and a.startswith("nl-kvk-27108436-a-06710-06-id-")
    assert len(identifier_key("X-" * 200)) <= 120
    assert name_key("Kogi State Ministry of Health") == "kogi-state-ministry-of-health"
    assert name_key("Ministério da Saúde") == "ministerio-da-saude"


def test_the_parser_is_the_second_lock(tmp_path):
    # A prolog longer than the pre-check reads (1 MiB) leaves the DOCTYPE to the parser's own check.
    hostile = _write(tmp_path, "long.xml", LAUGHS.replace("<!DOCTYPE", f"<!--{'x' * 1_100_000}-->\n<!DOCTYPE", 1))
    problem = _refusal(hostile)
    assert "DOCTYPE" in problem.reason
