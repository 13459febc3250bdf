"""Quantities: qualifiers, ranges, changes, units, currencies, counted nouns, implicit nouns."""

import pytest

from estimates.claims import extract_claims
from estimates.claims.quantities import find_quantities
from estimates.documents.model import Document
from estimates.lexicon import load_lexicon

LEX = load_lexicon()
FIELDS = ("value", "low", "high", "qualifier", "change", "unit", "kind")


def found(text: str) -> list[tuple]:
    return [tuple(getattr(m, f) for f in FIELDS) for m in find_quantities(text, LEX)]


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quantities(text, LEX)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about 400 firefighters", "approx"),
        ("nearly 400 firefighters", "approx"),
        ("some 400 firefighters", "approx"),
        ("an estimated 400 firefighters", "approx"),
        ("at least 400 firefighters", "at_least"),
        ("more than 400 firefighters", "more_than"),
        ("over 400 firefighters", "more_than"),
        ("as many as 400 firefighters", "at_most"),
        ("up to 400 firefighters", "at_most"),
        ("fewer than 400 firefighters", "less_than"),
        ("400 firefighters or more", "at_least"),
        ("400 firefighters", "exact"),
        ("could top 400 firefighters", "more_than"),
        ("the top 400 firefighters", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert found(text) == [(400, None, None, qualifier, None, "firefighter", "count")]


def test_sub_prefix_is_an_upper_bound() -> None:
    assert found("sub-7 nanometer chips") == [
        (7, None, None, "less_than", None, "nanometer", "length")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "between 10,000 and 12,000 sailors",
            (11000, 10000, 12000, "range", None, "sailor", "count"),
        ),
        ("10,000-12,000 sailors", (11000, 10000, 12000, "range", None, "sailor", "count")),
        ("10 to 12 km", (11, 10, 12, "range", None, "kilometer", "length")),
        ("11,000 to 12,000 troops", (11500, 11000, 12000, "range", None, "troop", "count")),
        ("from 5% to 7%", (6, 5, 7, "range", None, "percent", "percent")),
        ("between 2 and 4 million euros", (3e6, 2e6, 4e6, "range", None, "euro", "money")),
        ("$800,000 to $1.2 million", (1e6, 800_000, 1.2e6, "range", None, "dollar", "money")),
        ("a 5-10W lamp", (7.5, 5, 10, "range", None, "watt", "power")),
    ],
)
def test_ranges(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "value", "change"),
    [
        ("Exports rose 5% last year.", 5, "up"),
        ("The garrison fell by 3,000 soldiers.", 3000, "down"),
        ("Sales grew by 12 percent.", 12, "up"),
        ("They cut spending by 40 million dollars.", 40e6, "down"),
        ("The index closed +0.4% higher.", 0.4, "up"),
        ("The index closed -1.2% lower.", -1.2, "down"),
        ("The number increased to 11,000.", 11000, None),
        ("Prices went from 20 to 30 dollars.", 25, None),
        ("The army now has 11,000 soldiers.", 11000, None),
    ],
)
def test_changes(text: str, value: float, change: str | None) -> None:
    (m,) = find_quantities(text, LEX)
    assert (m.value, m.change) == (value, change)


def test_a_year_is_no_end_of_a_range() -> None:
    text = "Sales rose 60% in 2018 to 3.9 million units."
    assert [(m.value, m.unit) for m in find_quantities(text, LEX)] == [
        (60, "percent"),
        (3.9e6, "unit"),
    ]


def test_a_restated_change_keeps_its_direction() -> None:
    text = "The index lost 120 points, or 1.5%, on Monday."
    assert [(m.value, m.change) for m in find_quantities(text, LEX)] == [
        (120, "down"),
        (1.5, "down"),
    ]


def test_unit_conversion_in_brackets_is_a_second_claim_with_the_same_bound() -> None:
    text = "The convoy drove more than 50 kilometers (30 miles) north."
    assert found(text) == [
        (50, None, None, "more_than", None, "kilometer", "length"),
        (30, None, None, "more_than", None, "mile", "length"),
    ]
    assert spans(text) == ["more than 50 kilometers", "30 miles"]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("a $40 ticket", 40, "dollar", "money"),
        ("US$3.5 million in aid", 3.5e6, "dollar", "money"),
        ("€250 fines", 250, "euro", "money"),
        ("shares closed at Y=5,120", 5120, "yen", "money"),
        ("a £5m grant", 5e6, "pound sterling", "money"),
        ("HK $7 billion", 7e9, "hong kong dollar", "money"),
        ("USD15m for roads", 15e6, "dollar", "money"),
        ("paid 90 dollars", 90, "dollar", "money"),
        ("paid 90 euros", 90, "euro", "money"),
        ("a 30% share", 30, "percent", "percent"),
        ("a 30 per cent share", 30, "percent", "percent"),
        ("a 24pc rise", 24, "percent", "percent"),
        ("50 basis points", 50, "basis point", "percent"),
        ("a 64GB phone", 64, "gigabyte", "data"),
        ("a 5kW panel", 5, "kilowatt", "power"),
        ("gusts of 70mph", 70, "mile per hour", "speed"),
        ("a 40m (131ft) wall", 40, "meter", "length"),
        ("12m residents", 12e6, "resident", "count"),
        ("weighs 45g", 45, "gram", "mass"),
        ("a 2,000km pipeline", 2000, "kilometer", "length"),
        ("for 3min", 3, "minute", "duration"),
        ("a 20-year-old driver", 20, "year", "age"),
        ("a subscription of $5 a month", 5, "dollar per month", "money"),
        ("rent of £30 per square foot", 30, "pound sterling per square foot", "money"),
        ("output grew threefold", 3, None, "multiple"),
        ("a 3-fold rise", 3, None, "multiple"),
        ("averaging 21.5 ppg", 21.5, "point per game", "sport"),
        ("1.2 billion dinars", 1.2e9, "dinar", "money"),
        ("a 6.1-magnitude tremor", 6.1, "magnitude", "magnitude"),
        ("highs of 41C today", 41, "degree Celsius", "temperature"),
    ],
)
def test_units_and_currencies(text: str, value: float, unit: str, kind: str) -> None:
    m = find_quantities(text, LEX)[0]
    assert (m.value, m.unit, m.kind) == (value, unit, kind)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("10,000 North Korean troops", "troop"),
        ("1,000 potentially storm-related deaths", "death"),
        ("64 people died", "people"),
        ("12,000 people took part", "people"),
        ("50 pro-democracy groups", "group"),
        ("60 commercial fishermen", "fisherman"),
        ("one particular problem", "problem"),
        ("one of the busiest ports", "port"),
        ("three Germans", "german"),
        ("dozens of ambulances", "ambulance"),
        ("eight more trucks", "truck"),
    ],
)
def test_counted_nouns(text: str, unit: str) -> None:
    (m,) = find_quantities(text, LEX)
    assert m.unit == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It costs about 8 or $9.", [(8, "dollar"), (9, "dollar")]),
        ("eight or nine euros", [(8, "euro"), (9, "euro")]),
        ("The camp is 40 km or 45 from the coast.", [(40, "kilometer"), (45, "kilometer")]),
        ("It was rated 6.2 (Mw)[3] or 6.5 by others.", [(6.2, "magnitude"), (6.5, "magnitude")]),
        ("It weighs 5 kg or 6 people say.", [(5, "kilogram"), (6, "people")]),
    ],
)
def test_a_bare_number_takes_its_neighbours_unit(text: str, expected: list) -> None:
    assert [(m.value, m.unit) for m in find_quantities(text, LEX)] == expected


def doc(text: str) -> Document:
    return Document(id="t", text=text, published="2024-05-01")


def test_implicit_counted_noun_comes_from_the_context() -> None:
    text = (
        "Officials say about 10,000 marines are on the island. "
        "The number sent there has increased to 11,000, an aide said. "
        "More than 3,000 of them are near the coast."
    )
    got = [(c.value, c.qualifier, c.change, c.unit) for c in extract_claims(doc(text), LEX)]
    assert got == [
        (10000, "approx", None, "marine"),
        (11000, "exact", None, "marine"),
        (3000, "more_than", None, "marine"),
    ]


def test_a_bare_level_counts_the_plural_subject_of_its_verb() -> None:
    text = "Arrests rose to 420 on Friday from 310 a day earlier."
    got = [(c.value, c.unit) for c in extract_claims(doc(text), LEX)]
    assert got == [(420, "arrest"), (310, "arrest")]


def test_a_sentence_s_own_subject_counts_before_a_noun_lent_from_the_last() -> None:
    text = (
        "Researchers, using a model of past summers, put the excess deaths at about 1,400. "
        "Hospital admissions for heatstroke rose to 3,180, the agency said."
    )
    got = [(c.value, c.unit, c.source) for c in extract_claims(doc(text), LEX)]
    assert got == [(1400, "death", "Researchers"), (3180, "admission", "the agency")]


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The army lost 5,000 soldiers in the battle.", None),
        ("The index lost 190 points.", "down"),
        ("The currency lost 4% against the dollar.", "down"),
        ("The firm shed 5,000 jobs.", "down"),
    ],
)
def test_losing_counted_things_is_a_toll_not_a_fall(text: str, change: str | None) -> None:
    (m,) = find_quantities(text, LEX)
    assert m.change == change


@pytest.mark.parametrize(
    ("text", "value", "change", "unit"),
    [
        ("Air defences shot down 34 drones overnight.", 34, None, "drone"),
        ("Police rounded up 40 protesters.", 40, None, "protester"),
        ("The index closed down 3% on Friday.", 3, "down", "percent"),
        ("Exports were up 12% in May.", 12, "up", "percent"),
    ],
)
def test_phrasal_particles_are_not_changes(
    text: str, value: float, change: str | None, unit: str
) -> None:
    (c,) = extract_claims(Document(id="p", text=text))
    assert (c.value, c.change, c.unit) == (value, change, unit)


def test_a_capitalised_street_is_an_address_but_their_way_is_not() -> None:
    assert extract_claims(Document(id="s", text="The office is at 10 Downing Street.")) == []
    (c,) = extract_claims(Document(id="w", text="He said another 3,000 were on their way."))
    assert c.value == 3000


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Rescuers said 212 missing were still being sought.", "missing"),
        ("The blast left at least 45 dead.", "death"),
        ("The floods left 300 homeless in the valley.", "homeless"),
        ("They found 40 dead cattle.", "cattle"),
        ("Officials said 300 died in the blast.", "death"),
        ('They claimed to have killed "more than 400" enemy soldiers.', "soldier"),
        ("By evening 27 had drowned.", "death"),
        ("At least 40 have been injured.", "injured"),
    ],
)
def test_an_adjective_alone_after_a_count_names_what_is_counted(text: str, unit: str) -> None:
    (c,) = extract_claims(Document(id="a", text=text))
    assert c.unit == unit


def one(text: str) -> tuple:
    """(value, qualifier, unit, subject) of the single claim extracted from `text`."""
    (c,) = extract_claims(doc(text), LEX)
    return (c.value, c.qualifier, c.unit, c.subject)


def claims(text: str) -> list[tuple]:
    return [(c.value, c.qualifier, c.unit) for c in extract_claims(doc(text), LEX)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army sent 12 armoured personnel carriers north.",
            (12, "exact", "carrier", "armoured personnel carrier"),
        ),
        ("Donors paid for 3 field hospitals.", (3, "exact", "hospital", "field hospital")),
        (
            "They flew in 2 mobile field hospitals.",
            (2, "exact", "hospital", "mobile field hospital"),
        ),
        (
            "About 240 search and rescue team members arrived.",
            (240, "approx", "member", "search and rescue team member"),
        ),
        (
            "Inspectors listed 9,300 damaged and destroyed homes.",
            (9300, "exact", "home", "damaged and destroyed home"),
        ),
        ("Some 60 police officers were hurt.", (60, "approx", "officer", "police officer")),
        ("The port received 80 relief staff.", (80, "exact", "staff", "relief staff")),
        ("Rescuers said 310 remain missing.", (310, "exact", "missing", "missing")),
        ("In the blast 14 were killed.", (14, "exact", "death", "death")),
    ],
)
def test_the_counted_thing_is_the_head_of_the_whole_phrase(text: str, expected: tuple) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Tuesday the death toll had risen to 4,150.", (4150, "exact", "death", "death")),
        (
            "The agency put the number of displaced at 1.3 million.",
            (1.3e6, "exact", "displaced", "displaced"),
        ),
        (
            "Officials gave the number of missing persons at 2,040.",
            (2040, "exact", "person", "missing person"),
        ),
        (
            "The ministry has recorded the deaths of at least 910 in the province.",
            (910, "at_least", "death", "death"),
        ),
        ("Deaths: 212\n", (212, "exact", "death", "death")),
    ],
)
def test_the_counted_thing_named_before_the_number(text: str, expected: tuple) -> None:
    assert one(text) == expected


def test_a_part_of_a_whole_counts_the_whole_s_noun() -> None:
    text = "Officials cited 40 of the region's 52 villages."
    assert claims(text) == [(40, "exact", "village"), (52, "exact", "village")]
    assert [c.text for c in extract_claims(doc(text), LEX)] == ["40", "52 villages"]


def test_a_revised_figure_counts_what_the_first_one_counted() -> None:
    text = "Officials first counted 6,200 deaths. Later they revised that figure up to 9,100."
    assert claims(text) == [(6200, "exact", "death"), (9100, "exact", "death")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Casualties1,234+\n", (1234, "at_least", "casualty", "casualty")),
        ("Peak gusts120 km/h\n", (120, "exact", "kilometer per hour", "Peak gust")),
        ("Depth12 km\n", (12, "exact", "kilometer", "depth")),
        ("Deaths80[2]\n", (80, "exact", "death", "death")),
        ("Structures burned3,310[4]\n", (3310, "exact", "structure", "structure burned")),
        ("Displaced~41,000\n", (41000, "approx", "displaced", "displaced")),
        ("Property damageUS$2.5 billion\n", (2.5e9, "exact", "dollar", "Property damage")),
        ("Mombasa reported 512cases on Friday.", (512, "exact", "case", "case")),
    ],
)
def test_labels_glued_to_numbers_name_what_they_count(text: str, expected: tuple) -> None:
    assert one(text) == expected


def test_a_caption_s_participle_stays_in_the_subject() -> None:
    text = (
        "Storm Update\n\n12,400\n\nHouses Destroyed by the Storm\n\n"
        "3,050\n\nPeople Injured by the Storm\n\n"
        "Peaks in the number of new cases occurred in Tarnik (212 cases)."
    )
    found = [(c.value, c.unit, c.subject) for c in extract_claims(doc(text), LEX)]
    assert found == [
        (12400, "house", "house destroyed"),
        (3050, "people", "people injured"),
        (212, "case", "case"),  # running text: "occurred" is its verb, no participle
    ]


def test_an_infobox_field_s_further_values_take_its_label() -> None:
    text = "Magnitude6.9 Mw\nAftershocks6.1 Mw on 3 May\n5.8 Mw on 9 May\n"
    found = [(c.value, c.unit, c.subject) for c in extract_claims(doc(text), LEX)]
    assert found == [
        (6.9, "magnitude", "magnitude"),
        (6.1, "magnitude", "aftershock"),
        (5.8, "magnitude", "aftershock"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kenya4\n",  # a footnote mark run into a name
        "Regions With Active Outbreaks3\n",  # ... or into a heading in title case
        "Catalogue entry607208674\n",  # an identifier, not a count
    ],
)
def test_digits_run_into_names_and_headings_are_footnotes(text: str) -> None:
    assert extract_claims(doc(text), LEX) == []


def test_table_cells_count_what_their_column_header_names() -> None:
    text = (
        "District Reported Cases Confirmed Cases Deaths\n"
        "Kisumu 3 1402 1250 88\n"
        "Mombasa5 920 811 41\n"
        "Total 2322 2061 129\n"
    )
    assert claims(text) == [
        (1402, "exact", "case"),
        (1250, "exact", "case"),
        (88, "exact", "death"),
        (920, "exact", "case"),
        (811, "exact", "case"),
        (41, "exact", "death"),
        (2322, "exact", "case"),
        (2061, "exact", "case"),
        (129, "exact", "death"),
    ]


def test_a_header_adjective_names_a_column() -> None:
    """'Injured' heads a column as 'Deaths' does."""
    text = "Region Dead Injured\nUpland 204 1,150\nLowland 77 640\n"
    assert claims(text) == [
        (204, "exact", "death"),
        (1150, "exact", "injured"),
        (77, "exact", "death"),
        (640, "exact", "injured"),
    ]


def test_a_cell_the_header_did_not_name_is_a_figure_unless_it_is_one_digit() -> None:
    text = "Province Deaths Injured\nCoastal 301 2,100\nInland 4 96 410\n"
    assert claims(text) == [
        (301, "exact", "death"),
        (2100, "exact", "injured"),
        (96, "exact", "death"),
        (410, "exact", "injured"),
    ]


def test_the_header_word_over_the_row_labels_is_no_part_of_the_first_column() -> None:
    text = "Province   Deaths   Missing\nUpland     204      31\nLowland    77       9\n"
    assert [c.subject for c in extract_claims(doc(text), LEX)] == ["death", "missing"] * 2


def test_a_heading_above_a_captioned_figure_names_nothing() -> None:
    text = "Main figures\nMore than 90\nVillages cut off\n\nThe road reopened.\n"
    assert claims(text) == [(90, "more_than", "village")]


def test_a_fact_sheet_figure_counts_what_its_caption_names() -> None:
    text = (
        "Key Figures\n\nAt least 2,300\n\nFatalities Reported by the Ministry\n\n"
        "14\n\nProvinces Affected by Flooding\n\n0\n\nAdvertisement\n"
    )
    assert claims(text) == [(2300, "at_least", "fatality"), (14, "exact", "province")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A magnitude 6.4 earthquake shook the coast.", (6.4, "exact", "magnitude")),
        ("It registered 6.4 Mw on the scale.", (6.4, "exact", "magnitude")),
        ("Another estimate gave 6.9 Ms for it.", (6.9, "exact", "magnitude")),
        ("A magnitude-5.9 aftershock followed.", (5.9, "exact", "magnitude")),
        ("The shock reached a magnitude of 5.2 at noon.", (5.2, "exact", "magnitude")),
        ("Its peak ground acceleration was 0.4 g there.", (0.4, "exact", "standard gravity")),
        ("The pressure fell to 951 mbar overnight.", (951, "exact", "millibar")),
        ("The plant released 2.1 EBq of gas.", (2.1, "exact", "exabecquerel")),
        ("The shaking lasted 35 seconds.", (35, "exact", "second")),
        ("The wave reached 2 feet, 6 inches at the pier.", (2.5, "exact", "foot")),
        ("a total of 4.2 (range 3.1–5.0) PBq was measured", (4.2, "exact", "petabecquerel")),
        ("The crater is 120 metres across.", (120, "exact", "meter")),
    ],
)
def test_measurements_and_their_units(text: str, expected: tuple) -> None:
    (m,) = find_quantities(text, LEX)
    assert (m.value, m.qualifier, m.unit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The grant is C$ 100 a head.", (100, "canadian dollar per person", "money")),
        ("They paid 100 Canadian dollars.", (100, "canadian dollar", "money")),
        ("It cost CAD 250 in fees.", (250, "canadian dollar", "money")),
        ("The dam costs Rs 5 crore.", (5e7, "rupee", "money")),
        ("A ticket is 40 yuan now.", (40, "yuan", "money")),
        ("Fares rose to 300 KES.", (300, "kenyan shilling", "money")),
        ("The fine was 2,000 Swiss francs.", (2000, "franc", "money")),
        ("It sold for 9 dollars 75 cents.", (9.75, "dollar", "money")),
        ("Losses reached £3.2bn.", (3.2e9, "pound sterling", "money")),
    ],
)
def test_currencies_by_name_symbol_and_code(text: str, expected: tuple) -> None:
    (m,) = find_quantities(text, LEX)
    assert (m.value, m.unit, m.kind) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Damage topped US$4+ billion.", (4e9, None, None, "more_than", "dollar")),  # a lower bound
        (
            "Losses of U.S. $2.5-$4.1 billion were insured.",
            (3.3e9, 2.5e9, 4.1e9, "range", "dollar"),
        ),
        (
            "Aftershocks ranged between magnitude 4.1 and 5.7 overnight.",
            (4.9, 4.1, 5.7, "range", "magnitude"),
        ),
        ("The toll may be as high as 6,000 people.", (6000, None, None, "at_most", "people")),
        ("Rainfall exceeded 20 inches in places.", (20, None, None, "more_than", "inch")),
        ("Crews arrived within 45 minutes.", (45, None, None, "at_most", "minute")),
        ("Over\n300 volunteers came.", (300, None, None, "more_than", "volunteer")),
        ("Fire burned 9,000+ acres.", (9000, None, None, "at_least", "acre")),
        ("Injured2,100+\n", (2100, None, None, "at_least", "injured")),
    ],
)
def test_bounds_and_ranges(text: str, expected: tuple) -> None:
    (m,) = find_quantities(text, LEX)
    assert (m.value, m.low, m.high, m.qualifier, m.unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Temperatures fell to 12 degrees overnight.", ("degree", "temperature")),
        ("Highs of 41° are forecast.", ("degree", "temperature")),
        ("The ferry turned 90 degrees to port.", ("degree", "angle")),
        ("The ramp rises at 15° from the road.", ("degree", "angle")),
        ("It was 101 °F by noon.", ("degree Fahrenheit", "temperature")),
        ("It was 38 °C by noon.", ("degree Celsius", "temperature")),
        ("Water boils at 212 degrees Fahrenheit.", ("degree Fahrenheit", "temperature")),
    ],
)
def test_angle_degrees_apart_from_temperature_degrees(text: str, expected: tuple) -> None:
    (m,) = find_quantities(text, LEX)
    assert (m.unit, m.kind) == expected


def test_a_list_of_labelled_figures_with_its_scale() -> None:
    text = "Residents 4.1 ±.2; Internally displaced 0.9 ±.1, Refugees 1.2 ±.1 (millions)[2]\n"
    got = [(round(m.value), m.qualifier, m.unit) for m in find_quantities(text, LEX)]
    assert got == [
        (4_100_000, "approx", "resident"),
        (900_000, "approx", "displaced"),
        (1_200_000, "approx", "refugee"),
    ]


def test_a_list_of_names_and_numbers_is_no_labelled_list() -> None:
    assert find_quantities("Kenya 20, Uganda 30\n", LEX) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("River levels at the bridge reached 5.9m on Friday.", 5.9, "meter"),
        ("Waves of 5.9m hit the coast.", 5.9, "meter"),
        ("The flood displaced 1.2m people.", 1_200_000, "people"),
        ("The flood bill reached £5.9m on Friday.", 5_900_000, "pound_sterling"),
        ("A 37m yacht sank.", 37, "meter"),
    ],
)
def test_m_is_meters_for_a_level_or_a_length_and_a_million_of_a_counted_noun(
    text: str, value: float, unit: str
) -> None:
    (c,) = extract_claims(doc(text), LEX)
    assert (c.value, c.unit.replace(" ", "_")) == (value, unit)


def test_kt_is_a_knot_of_wind_and_a_kiloton_of_a_substance() -> None:
    got = [
        (c.value, c.unit)
        for text in ("The total release was 96 kt of methane.", "Winds reached 135 kt.")
        for c in extract_claims(doc(text), LEX)
    ]
    assert got == [(96, "kiloton"), (135, "knot")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Peak emissions reached 1.9 t/h.", "metric ton per hour"),
        ("The crane lifts 40 t.", "metric ton"),
        ("They sold 5 t-shirts.", None),  # a letter joined to a plural noun: no symbol
        ("A 5 m-high wall fell.", "meter"),
    ],
)
def test_t_is_a_tonne_unless_it_opens_a_compound_noun(text: str, unit: str | None) -> None:
    (c,) = extract_claims(doc(text), LEX)
    assert c.unit == unit


def test_an_advisory_in_capitals_between_ellipses() -> None:
    text = (
        "LOCATION...18.4N 62.1W\nABOUT 95 MI...150 KM E OF THE CAPE\n"
        "MAXIMUM SUSTAINED WINDS...120 MPH...195 KM/H\nMINIMUM CENTRAL PRESSURE...955 MB\n"
    )
    got = [(c.value, c.unit) for c in extract_claims(doc(text), LEX)]
    assert got == [
        (95, "mile"),
        (150, "kilometer"),
        (120, "mile per hour"),
        (195, "kilometer per hour"),
        (955, "millibar"),
    ]


def test_the_ends_of_a_range_in_two_units_of_one_kind_meet_in_the_second() -> None:
    (c,) = extract_claims(doc("The outages lasted 6 hours to 2 days."), LEX)
    assert (c.low, c.high, c.unit) == (0.25, 2, "day")


def test_a_bare_answer_counts_what_the_question_before_it_asks() -> None:
    text = "How many people have been displaced?\nAbout 40,000, according to the UN."
    (c,) = extract_claims(doc(text), LEX)
    assert (c.value, c.unit, c.source) == (40000, "people", "the UN")


def test_one_of_a_measured_amount_stands_for_a_noun_and_per_second_is_a_rate() -> None:
    text = "Crews made 22 measurements, including one of 48,300 cubic feet per second."
    got = [(c.text, c.unit) for c in extract_claims(doc(text), LEX)]
    assert got == [
        ("22 measurements", "measurement"),
        ("one", "measurement"),
        ("48,300 cubic feet per second", "cubic foot per second"),
    ]
