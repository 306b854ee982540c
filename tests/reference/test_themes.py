"""The shipped theme taxonomy: its counts, its hierarchy, its labels, its crosswalk, and its checks."""

from __future__ import annotations

from importlib.resources import files

import pytest

from sursur.domain.theme import Theme, ThemeScheme, parse_theme_id
from sursur.reference.themes import ThemeDataError, UnknownTheme, load_taxonomy, taxonomy

STANDARD = {ThemeScheme.DAC, ThemeScheme.DAC3, ThemeScheme.SDG}


@pytest.fixture(scope="module")
def tax():
    return taxonomy()


def sectors(tax):
    return [t for t in tax.in_scheme("segib") if not t.code.startswith("group.")]


# --- counts and hierarchy -------------------------------------------------------------------------

def test_medellin_has_its_eight_lines_in_order(tax):
    assert [t.code for t in tax.in_scheme(ThemeScheme.MEDELLIN)] == [
        "education", "early_childhood", "solidarity", "security_coexistence", "mobility", "environment",
        "culture", "economic_development"]
    assert tax.label("medellin:early_childhood", "es") == "Primera infancia"


def test_segib_has_30_sectors_in_6_groups(tax):
    groups = [t for t in tax.in_scheme("segib") if t.code.startswith("group.")]
    assert [g.code for g in groups] == ["group.social", "group.infrastructure_economic", "group.productive",
                                       "group.institutional", "group.environment", "group.other"]
    assert all(g.parent is None for g in groups)
    assert len(sectors(tax)) == 30
    per_group = {g.id: len(tax.children(g.id)) for g in groups}
    assert per_group == {"segib:group.social": 5, "segib:group.infrastructure_economic": 7,
                         "segib:group.productive": 8, "segib:group.institutional": 5,
                         "segib:group.environment": 2, "segib:group.other": 3}
    assert tax.get("segib:reproductive_health").parent == "segib:group.social"
    assert tax.label("segib:agriculture", "es") == "Agropecuario"


def test_sdgs_are_the_17_goals(tax):
    goals = tax.in_scheme(ThemeScheme.SDG)
    assert [g.code for g in goals] == [str(n) for n in range(1, 18)]
    assert tax.get("sdg:1").labels == {"es": "Fin de la pobreza", "en": "No poverty",
                                       "pt": "Erradicação da pobreza"}


def test_every_dac_code_has_five_digits_and_its_three_digit_parent(tax):
    codes = tax.in_scheme(ThemeScheme.DAC)
    assert len(codes) > 250
    for theme in codes:
        assert len(theme.code) == 5 and theme.code.isdigit(), theme.id
        assert theme.parent == f"dac3:{theme.code[:3]}", theme.id
        assert tax.exists(theme.parent), theme.id


def test_every_dac3_category_is_three_digits_and_has_codes(tax):
    for category in tax.in_scheme(ThemeScheme.DAC3):
        assert len(category.code) == 3 and category.code.isdigit(), category.id
        assert category.parent is None
        assert tax.children(category.id), f"{category.id} has no 5-digit code"


@pytest.mark.parametrize("code, english", [
    ("11110", "Education policy and administrative management"),
    ("11220", "Primary education"),
    ("11240", "Early childhood education"),
    ("12220", "Basic health care"),
    ("15110", "Public sector policy and administrative management"),
    ("15150", "Democratic participation and civil society"),
    ("15160", "Human rights"),
    ("15170", "Women's rights organisations and movements, and government institutions"),
    ("15220", "Civilian peace-building, conflict prevention and resolution"),
    ("16010", "Social protection"),
    ("16061", "Culture and recreation"),
    ("21010", "Transport policy and administrative management"),
    ("25010", "Business policy and administration"),
    ("31110", "Agricultural policy and administrative management"),
    ("33210", "Tourism policy and administrative management"),
    ("41010", "Environmental policy and administrative management"),
    ("43030", "Urban development and management"),
    ("43040", "Rural development"),
    ("72010", "Material relief assistance and services"),
    ("74020", "Multi-hazard response preparedness"),
    ("99810", "Sectors not specified"),
])
def test_known_dac_codes_carry_their_official_english_label(tax, code, english):
    assert tax.label(f"dac:{code}", "en") == english


def test_withdrawn_dac_codes_are_not_offered(tax):
    # Replaced in the CRS list: 23010-23082 by 231xx-236xx, 41050 and 74010 by 43060 and 74020.
    for code in ("15120", "15140", "23010", "41050", "74010", "92010"):
        assert not tax.exists(f"dac:{code}")


# --- labels ---------------------------------------------------------------------------------------

def test_every_theme_has_a_label_in_es_en_pt(tax):
    for theme in tax.all():
        for lang in ("es", "en", "pt"):
            assert theme.labels[lang].strip(), f"{theme.id} has no '{lang}' label"
            assert theme.labels[lang] == theme.labels[lang].strip(), theme.id


def test_label_falls_back_to_spanish(tax):
    assert tax.label("segib:health", "fr") == "Salud"
    assert tax.label("segib:health", "pt") == "Saúde"


def test_theme_ids_are_unique(tax):
    ids = [t.id for t in tax.all()]
    assert len(ids) == len(set(ids))


# --- crosswalk ------------------------------------------------------------------------------------

def linked_schemes(tax, theme_id):
    return {t.scheme for t in tax.crosswalk(theme_id)}


def test_crosswalk_covers_every_medellin_line(tax):
    for line in tax.in_scheme(ThemeScheme.MEDELLIN):
        schemes = linked_schemes(tax, line.id)
        assert ThemeScheme.SEGIB in schemes, line.id
        assert schemes & {ThemeScheme.DAC, ThemeScheme.DAC3}, line.id
        assert ThemeScheme.SDG in schemes, line.id


def test_crosswalk_covers_every_segib_sector(tax):
    for sector in sectors(tax):
        schemes = linked_schemes(tax, sector.id)
        assert schemes & {ThemeScheme.DAC, ThemeScheme.DAC3}, sector.id
        assert ThemeScheme.SDG in schemes, sector.id


def test_crosswalk_examples(tax):
    early = {t.id for t in tax.crosswalk("medellin:early_childhood")}
    assert {"segib:education", "segib:other_social", "dac:11240", "sdg:4"} <= early
    security = {t.id for t in tax.crosswalk("medellin:security_coexistence")}
    assert {"segib:peace_security_defence", "sdg:16"} <= security
    assert {"dac:15210", "dac:15220"} & security
    assert "sdg:5" in {t.id for t in tax.crosswalk("segib:gender")}
    with pytest.raises(UnknownTheme):
        tax.crosswalk("segib:nothing")


def test_crosswalk_lookup_is_symmetric(tax):
    links = 0
    for theme in tax.all():
        for other in tax.crosswalk(theme.id):
            links += 1
            assert theme in tax.crosswalk(other.id), f"{theme.id} -> {other.id} has no way back"
    assert links > 200


def test_crosswalk_only_links_local_lists_to_the_standard_ones(tax):
    # The rule of SOURCES.md: no links among DAC and SDG (the OECD keeps its own SDG focus), none to
    # SEGIB groups, and nothing between two SEGIB sectors.
    for theme in tax.all():
        for other in tax.crosswalk(theme.id):
            assert not (theme.scheme in STANDARD and other.scheme in STANDARD), (theme.id, other.id)
            assert not other.code.startswith("group."), (theme.id, other.id)
            assert not (theme.scheme is other.scheme), (theme.id, other.id)


# --- lookup errors --------------------------------------------------------------------------------

def test_get_unknown_id_names_it_and_suggests(tax):
    with pytest.raises(UnknownTheme) as info:
        tax.get("segib:educacion")
    assert "segib:educacion" in str(info.value)
    assert "segib:education" in info.value.suggestions
    assert isinstance(info.value, ValueError)


def test_get_suggests_by_label_and_by_numeric_prefix(tax):
    with pytest.raises(UnknownTheme) as info:
        tax.get("segib:salud")
    assert info.value.suggestions[0] == "segib:health"
    with pytest.raises(UnknownTheme) as info:
        tax.get("dac:11221")
    assert info.value.suggestions[0] == "dac:11220"


def test_get_malformed_id_raises_value_error(tax):
    with pytest.raises(ValueError, match="scheme:code"):
        tax.get("education")


def test_exists(tax):
    assert tax.exists("dac:15150")
    assert tax.exists("DAC:15150")  # as get() finds it: the scheme's case does not matter
    assert not tax.exists("dac:1515")
    assert not tax.exists("education")
    assert not tax.exists(None)


def test_taxonomy_is_loaded_once():
    assert taxonomy() is taxonomy()


# --- parse_theme_id and Theme ---------------------------------------------------------------------

def test_parse_theme_id_splits_scheme_and_code():
    assert parse_theme_id("segib:education") == (ThemeScheme.SEGIB, "education")
    assert parse_theme_id("DAC:11220") == (ThemeScheme.DAC, "11220")
    assert parse_theme_id("segib:group.social") == (ThemeScheme.SEGIB, "group.social")


@pytest.mark.parametrize("text, expected", [
    ("education", ["'education'", "scheme:code", "segib:education"]),
    ("unesco:education", ["'unesco'", "medellin, segib, dac, dac3, sdg", "segib:education"]),
    ("segib:", ["no code", "segib:education"]),
    ("", ["scheme:code"]),
    (None, ["None", "segib:education"]),
])
def test_parse_theme_id_explains_bad_ids(text, expected):
    with pytest.raises(ValueError) as info:
        parse_theme_id(text)
    for part in expected:
        assert part in str(info.value)


def test_theme_requires_all_three_labels():
    with pytest.raises(ValueError, match="'pt'"):
        Theme(ThemeScheme.SDG, "1", {"es": "Fin de la pobreza", "en": "No poverty", "pt": " "})
    theme = Theme("sdg", "1", {"es": "Fin de la pobreza", "en": "No poverty", "pt": "Erradicação da pobreza"})
    assert theme.id == "sdg:1" and theme.scheme is ThemeScheme.SDG
    assert theme.label("de") == "Fin de la pobreza"
    assert hash(theme) == hash(Theme("sdg", "1", dict(theme.labels)))


# --- checks on load -------------------------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path):
    shipped = files("sursur.reference") / "data" / "themes"
    for entry in shipped.iterdir():
        if entry.name.endswith(".csv"):
            (tmp_path / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def append(path, line):
    with open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def test_a_clean_copy_loads(data_copy):
    assert len(load_taxonomy(data_copy).all()) == len(taxonomy().all())


def test_duplicate_code_names_file_and_line(data_copy):
    append(data_copy / "sdg_goals.csv", "4,Otra,Other,Outra")
    with pytest.raises(ThemeDataError) as info:
        load_taxonomy(data_copy)
    assert (info.value.file, info.value.line) == ("sdg_goals.csv", 19)
    assert "sdg:4" in str(info.value) and "line 5" in str(info.value)


def test_missing_parent_names_file_and_line(data_copy):
    append(data_copy / "dac_purpose_codes.csv", "99999,999,Algo,Something,Algo")
    with pytest.raises(ThemeDataError, match=r"dac_purpose_codes.csv, line \d+: .*dac3:999"):
        load_taxonomy(data_copy)


def test_unknown_segib_group_is_a_missing_parent(data_copy):
    append(data_copy / "segib_sectors.csv", "sport,leisure,Deporte,Sport,Esporte")
    with pytest.raises(ThemeDataError, match="segib_sectors.csv, line 32: .*segib:group.leisure"):
        load_taxonomy(data_copy)


def test_crosswalk_with_unknown_id_names_file_and_line(data_copy):
    append(data_copy / "crosswalk.csv", "medellin:culture,sdg:18")
    with pytest.raises(ThemeDataError, match=r"crosswalk.csv, line \d+: .*sdg:18"):
        load_taxonomy(data_copy)


def test_repeated_crosswalk_link_is_refused(data_copy):
    append(data_copy / "crosswalk.csv", "sdg:4,medellin:education")
    with pytest.raises(ThemeDataError, match="already given on line 8"):
        load_taxonomy(data_copy)


def test_empty_label_names_file_and_line(data_copy):
    path = data_copy / "medellin_lines.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Movilidad", ""), encoding="utf-8")
    with pytest.raises(ThemeDataError, match="medellin_lines.csv, line 6: .*label_es"):
        load_taxonomy(data_copy)


def test_wrong_header_is_refused(data_copy):
    path = data_copy / "sdg_goals.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("label_pt", "label_fr", 1), encoding="utf-8")
    with pytest.raises(ThemeDataError, match="sdg_goals.csv, line 1"):
        load_taxonomy(data_copy)
