"""Stories, measures and scopes, labels, ungrouped claims and the disagreement rule, on
articles written for these tests about two made-up events (a quake in Valdoria, a hurricane
named Mirela)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from helpers import claim

from estimates.claims import extract_claims
from estimates.claims.model import Claim
from estimates.documents import Document
from estimates.lexicon import load_lexicon
from estimates.reconcile.config import load_story_specs
from estimates.reconcile.model import Report
from estimates.reconcile.reconcile import WINDOW_DAYS, build_report
from estimates.reconcile.stories import StoryDoc, find_stories, story_name, story_words
from estimates.report.filters import Filters, filter_report
from estimates.report.frames import claims_frame
from estimates.report.plain import report_dict
from estimates.report.text import report_text
from estimates.report.view import quantity_view, ungrouped_view

LEX = load_lexicon()
QUAKE = "Valdoria earthquake"
STORM = "Hurricane Mirela"

QUAKE_DOCS = {
    "quake-1": (
        "2031 Valdoria earthquake kills hundreds",
        "The 2031 Valdoria earthquake struck Ostrava province in Valdoria on Sunday. Relief "
        "teams from Tarnik reached Ostrava by night.",
    ),
    "quake-2": (
        "Valdoria Earthquake - Situation Report #3",
        "The Valdoria earthquake has left Ostrava without power. Tarnik hospitals are full.",
    ),
}
STORM_DOCS = {
    "storm-1": (
        "Hurricane Mirela floods Port Selby",
        "Hurricane Mirela made landfall near Port Selby on the Kessan coast on Tuesday.",
    ),
    "storm-2": (
        "Mirela weakens over Kessan",
        "Tropical Storm Mirela weakened over Kessan after flooding Port Selby.",
    ),
}


def doc_claim(doc: str, sentence: str, text: str, value: float, **kw: object) -> Claim:
    """A claim in one of the test articles, with that article's title."""
    title = {**QUAKE_DOCS, **STORM_DOCS}[doc][0]
    return claim(sentence, text, value, doc=doc, title=title, **kw)  # type: ignore[arg-type]


def texts() -> dict[str, str]:
    return {k: v[1] for k, v in {**QUAKE_DOCS, **STORM_DOCS}.items()}


def report_of(*docs: Document) -> Report:
    """The report of articles extracted as `estimates add` extracts them."""
    claims = [c for d in docs for c in extract_claims(d, LEX)]
    return build_report(claims, LEX, texts={d.id: d.text for d in docs})


def labels(report: Report) -> dict[float, str]:
    """Each figure's value -> its quantity's label without the story."""
    return {f.claim.value: q.label.split(" — ")[0] for q in report.quantities for f in q.figures}


def test_documents_about_two_events_are_two_stories_named_from_their_words() -> None:
    docs = [StoryDoc(k, t, x) for k, (t, x) in {**QUAKE_DOCS, **STORM_DOCS}.items()]
    stories = find_stories(docs, LEX)
    assert sorted((s.name, s.doc_ids) for s in stories) == [
        ("2031 Valdoria earthquake", ("quake-1", "quake-2")),
        ("Hurricane Mirela", ("storm-1", "storm-2")),
    ]
    assert {s.id for s in stories} == {"2031-valdoria-earthquake", "hurricane-mirela"}


def test_a_story_without_an_event_phrase_is_named_after_its_place_event_and_dates() -> None:
    docs = [
        StoryDoc(
            "a",
            "Talks on Orlan dam stall",
            "Envoys from Pellia and Orlan met in Rusk. The deployment of Pellian engineers to "
            "Orlan began in May.",
            "2031-05-02",
        ),
        StoryDoc(
            "b",
            "Engineers trade blame",
            "Engineers said the deployment was late. Orlan said Pellia broke the accord.",
            "2031-06-10",
        ),
    ]
    # "Engineers" opens a headline and a sentence only: a common noun, not a name
    assert story_name(docs, story_words(LEX)) == "Orlan deployment, 2031"
    one_month = [replace(d, published=f"2031-05-{i + 10}") for i, d in enumerate(docs)]
    assert story_name(one_month, story_words(LEX)) == "Orlan deployment, May 2031"
    undated = [replace(d, published=None) for d in docs]
    assert story_name(undated, story_words(LEX)) == "Orlan deployment"


def test_a_capitalised_word_opening_sentences_never_names_a_story() -> None:
    docs = [
        StoryDoc(
            "march",
            "Volunteers and police disagree on size of Port Selby march",
            "PORT SELBY — Volunteers said 40,000 people marched through Port Selby on Sunday. "
            "Volunteers counted from the bridges.",
            "2031-07-14",
        ),
    ]
    assert story_name(docs, story_words(LEX)) == "Port Selby march, July 2031"
    no_event = [replace(docs[0], title="Volunteers count a crowd in Port Selby")]
    assert story_name(no_event, story_words(LEX)) == "Port Selby, July 2031"


def test_march_the_month_is_no_march() -> None:
    docs = [
        StoryDoc("a", "Kessan March 2031 report", "Kessan counted its budget.", "2031-03-30"),
        StoryDoc("b", "Kessan budget", "In Kessan the budget grew.", "2031-03-31"),
    ]
    assert story_name(docs, story_words(LEX)) == "Kessan, March 2031"


def test_claims_are_grouped_only_within_their_story() -> None:
    quake = "At least 310 people were killed in the quake, officials said."
    storm = "At least 40 people were killed by the storm, the governor said."
    claims = [
        doc_claim(
            "quake-1", quake, "At least 310 people", 310, qualifier="at_least", unit="people"
        ),
        doc_claim("storm-1", storm, "At least 40 people", 40, qualifier="at_least", unit="people"),
    ]
    report = build_report(claims, LEX, texts=texts())
    labels = sorted(q.label for q in report.quantities)
    assert labels == ["Deaths — 2031 Valdoria earthquake", "Deaths — Hurricane Mirela"]
    assert {q.story for q in report.quantities} == {"2031 Valdoria earthquake", STORM}


def test_stories_are_pinned_and_renamed_in_the_quantities_file(tmp_path: Path) -> None:
    cfg = tmp_path / "q.toml"
    cfg.write_text(
        '[stories.mirela]\nname = "Mirela (2031)"\nmust = ["Mirela"]\n\n'
        '[stories.2031-valdoria-earthquake]\nname = "The Ostrava quake"\n',
        encoding="utf-8",
    )
    docs = [StoryDoc(k, t, x) for k, (t, x) in {**QUAKE_DOCS, **STORM_DOCS}.items()]
    stories = {s.id: s for s in find_stories(docs, LEX, load_story_specs(cfg))}
    assert stories["mirela"].doc_ids == ("storm-1", "storm-2") and stories["mirela"].pinned
    assert stories["2031-valdoria-earthquake"].name == "The Ostrava quake"


def test_a_toll_in_one_country_and_the_total_are_two_quantities() -> None:
    s = "The quake killed 4,120 people in Valdoria and 4,380 in total across the region."
    t = "The death toll has reached 4,150, the interior ministry said."
    claims = [
        doc_claim("quake-1", s, "4,120 people", 4120, unit="people"),
        doc_claim("quake-1", s, "4,380", 4380, unit="people"),
        doc_claim("quake-2", t, "4,150", 4150, unit="death"),
    ]
    report = build_report(claims, LEX, texts=texts())
    by_value = {f.claim.value: q.label for q in report.quantities for f in q.figures}
    assert by_value[4120] == "Deaths in Valdoria — 2031 Valdoria earthquake"
    assert by_value[4380] == by_value[4150] == "Deaths in total — 2031 Valdoria earthquake"


def test_one_place_named_is_the_setting_and_unplaced_figures_join_it() -> None:
    a = "More than 300 people have died in Valdoria since Sunday."
    b = "The death toll rose to 340, rescuers said."
    claims = [
        doc_claim("quake-1", a, "More than 300 people", 300, qualifier="more_than", unit="people"),
        doc_claim("quake-2", b, "340", 340, unit="death"),
    ]
    (q,) = build_report(claims, LEX, texts=texts()).quantities
    assert q.label == "Deaths in Valdoria — 2031 Valdoria earthquake"


def test_scope_keeps_rates_civilians_confirmed_counts_and_samples_apart() -> None:
    s1 = "About 2,000 people have been killed since the war began, the ministry said."
    s2 = "At least 900 civilians have been killed, the monitor said."
    s3 = "Some 60 people are being killed per day, aid groups said."
    s4 = "There were 5,400 cases, of which 3,100 cases were confirmed by laboratories."
    s5 = "The survey interviewed 1,200 people who had fled their homes."
    claims = [
        doc_claim("quake-1", s1, "About 2,000 people", 2000, qualifier="approx", unit="people"),
        doc_claim("quake-1", s2, "At least 900 civilians", 900, qualifier="at_least",
                  unit="civilian"),
        doc_claim("quake-1", s3, "Some 60 people", 60, qualifier="approx", unit="people"),
        doc_claim("quake-1", s4, "5,400 cases", 5400, unit="case"),
        doc_claim("quake-1", s4, "3,100 cases", 3100, unit="case"),
        doc_claim("quake-1", s5, "1,200 people", 1200, unit="people"),
    ]  # fmt: skip
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label == {
        2000: "Deaths",
        900: "Deaths among civilians",
        60: "Deaths per day",
        5400: "Cases",
        3100: "Confirmed cases",
        1200: "Survey sample of displaced",
    }


def test_a_conversion_in_brackets_joins_the_figure_it_converts() -> None:
    a = "The epicentre was about 12 km (7.5 mi) deep, the survey said."
    b = "Seismologists put the depth at 15 kilometers."
    claims = [
        doc_claim("quake-1", a, "about 12 km", 12, qualifier="approx", unit="kilometer",
                  kind="length"),
        doc_claim("quake-1", a, "7.5 mi", 7.5, unit="mile", kind="length"),
        doc_claim("quake-2", b, "15 kilometers", 15, unit="kilometer", kind="length"),
    ]  # fmt: skip
    (q,) = build_report(claims, LEX, texts=texts()).quantities
    assert q.label == "Depth, kilometers — 2031 Valdoria earthquake"
    assert sorted(round(f.interval.point, 1) for f in q.figures) == [12.0, 12.1, 15.0]


def test_labels_use_dictionary_plurals_and_name_the_measure() -> None:
    rain = "Rain gauges near Port Selby recorded more than 30 inches of rain."
    kids = "At least 120 children were injured, the health ministry said."
    quake = "A 6.9 earthquake struck at dawn."
    claims = [
        doc_claim("storm-1", rain, "more than 30 inches", 30, qualifier="more_than",
                  unit="inch", kind="length"),
        doc_claim("storm-2", kids, "At least 120 children", 120, qualifier="at_least",
                  unit="child"),
        doc_claim("quake-1", quake, "6.9 earthquake", 6.9, unit="earthquake"),
    ]  # fmt: skip
    labels = sorted(q.label for q in build_report(claims, LEX, texts=texts()).quantities)
    assert labels == [
        "Magnitude — 2031 Valdoria earthquake",
        "Rainfall, inches — Hurricane Mirela",
        "Wounded among children — Hurricane Mirela",
    ]


def test_a_claim_the_tool_cannot_place_is_listed_apart() -> None:
    table = "Ostrava 212\nTarnik 87"
    known = "At least 300 people were killed, officials said."
    claims = [
        doc_claim("quake-1", table, "212", 212, unit=None),
        doc_claim("quake-1", known, "At least 300 people", 300, qualifier="at_least",
                  unit="people"),
    ]  # fmt: skip
    report = build_report(claims, LEX, texts=texts())
    assert [f.claim.text for f in report.ungrouped] == ["212"]
    assert [f.claim.text for q in report.quantities for f in q.figures] == ["At least 300 people"]
    rows = claims_frame(report.quantities, report.ungrouped).set_index("text")
    assert (rows.loc["212", "ungrouped"], rows.loc["At least 300 people", "ungrouped"]) == (1, 0)
    assert rows.loc["212", "story"] == "2031 Valdoria earthquake"
    assert [r["text"] for r in report_dict(report)["ungrouped"]] == ["212"]
    text = report_text(
        [quantity_view(q) for q in report.quantities],
        ungrouped=ungrouped_view(report.ungrouped),
    )
    assert "Ungrouped claims (1)" in text and "'212'" in text


def test_a_running_count_rising_over_days_is_not_a_disagreement() -> None:
    s = "The toll rose to {n}, the {who} said."
    counts = [("2031-03-01", 40, "ministry"), ("2031-03-05", 95, "red cross"),
              ("2031-03-09", 160, "ministry"), ("2031-03-13", 230, "red cross")]  # fmt: skip
    claims = [
        doc_claim(
            "quake-1",
            s.format(n=n, who=who),
            str(n),
            n,
            unit="death",
            source=who,
            date=day,
            doc_id=f"quake-{i}",
        )  # type: ignore[arg-type]
        for i, (day, n, who) in enumerate(counts)
    ]
    claims = [c.evolve(doc_id="quake-1" if i % 2 == 0 else "quake-2") for i, c in enumerate(claims)]
    (q,) = build_report(claims, LEX, texts=texts()).quantities
    assert WINDOW_DAYS == 3 and q.disagreements == ()
    same_day = doc_claim("quake-2", s.format(n=400, who="governor"), "400", 400, unit="death",
                         source="governor", date="2031-03-13")  # fmt: skip
    (q,) = build_report([*claims, same_day], LEX, texts=texts()).quantities
    (d,) = q.disagreements
    assert {d.a.claim.value, d.b.claim.value} == {230, 400} and d.gap == 170


def test_a_flagged_pair_names_two_claims_the_report_lists_even_when_filtered() -> None:
    a = "The ministry said 230 people had died."
    b = "The governor said 400 people had died."
    claims = [
        doc_claim("quake-1", a, "230 people", 230, unit="people", source="ministry"),
        doc_claim("quake-2", b, "400 people", 400, unit="people", source="governor"),
    ]
    report = build_report(claims, LEX, texts=texts())
    (q,) = report.quantities
    (d,) = q.disagreements
    listed = {f.claim.claim_id for f in q.figures}
    assert {d.a.claim.claim_id, d.b.claim.claim_id} <= listed
    (kept,) = filter_report(report, Filters(source="governor")).quantities
    assert kept.disagreements == ()  # the ministry's figure is not listed: no half a pair
    assert filter_report(report, Filters(story="valdoria")).quantities[0].disagreements


def test_grouping_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    script = (
        "import json, sys; sys.path.insert(0, 'tests')\n"
        "from test_stories import _seeded_report\n"
        "print(json.dumps(_seeded_report()))\n"
    )
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        root = Path(__file__).resolve().parent.parent
        p = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=root,
            timeout=300,
        )  # fmt: skip
        assert p.returncode == 0, p.stderr[-2000:]
        outputs.append(json.loads(p.stdout))
    assert outputs[0] == outputs[1] and len(outputs[0]["quantities"]) >= 4


def _seeded_report() -> dict[str, object]:
    """Stories, quantity ids and labels of the sample articles (run in a subprocess)."""
    from estimates import Document, extract_claims, read_documents

    data = Path(__file__).resolve().parent.parent / "data"
    docs = [d for d in read_documents([data]) if isinstance(d, Document)]
    claims = [c for d in docs for c in extract_claims(d)]
    report = build_report(claims, LEX, texts={d.id: d.text for d in docs})
    return {
        "stories": [[s.id, s.name, list(s.doc_ids)] for s in report.stories],
        "quantities": [[q.id, q.label, [f.claim.claim_id for f in q.figures]]
                       for q in report.quantities],
    }  # fmt: skip


def test_rows_and_brackets_name_the_place_of_their_figures() -> None:
    box = "Valdoria: 460 cases, 339 deaths\nTarnik: 329 cases, 156 deaths"
    peak = "New cases peaked in Valdoria (509 cases) and Tarnik (748 cases) in March."
    claims = [
        doc_claim("quake-1", box, "460 cases", 460, unit="case"),
        doc_claim("quake-1", box, "339 deaths", 339, unit="death"),
        doc_claim("quake-1", box, "329 cases", 329, unit="case"),
        doc_claim("quake-1", box, "156 deaths", 156, unit="death"),
        doc_claim("quake-2", peak, "509 cases", 509, unit="case"),
        doc_claim("quake-2", peak, "748 cases", 748, unit="case"),
    ]
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label == {
        460: "Cases in Valdoria", 339: "Deaths in Valdoria", 509: "New cases in Valdoria",
        329: "Cases in Tarnik", 156: "Deaths in Tarnik", 748: "New cases in Tarnik",
    }  # fmt: skip


def test_an_aftershock_is_kept_apart_from_the_main_shock() -> None:
    main = "A magnitude 7.8 earthquake struck Ostrava on Sunday."
    after = "A magnitude 7.3 aftershock struck on 12 May and 120 people died."
    toll = "The quake has killed 4,150 people, the ministry said."
    claims = [
        doc_claim("quake-1", main, "7.8 earthquake", 7.8, unit="earthquake"),
        doc_claim("quake-2", after, "7.3 aftershock", 7.3, unit="aftershock"),
        doc_claim("quake-2", after, "120 people", 120, unit="people"),
        doc_claim("quake-2", toll, "4,150 people", 4150, unit="people"),
    ]
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label == {
        7.8: "Magnitude",
        7.3: "Aftershock magnitude (12 may)",
        120: "Aftershock deaths",
        4150: "Deaths",
    }


def test_each_number_of_a_listing_takes_its_own_words() -> None:
    fled = "Millions were forced to flee their homes and 2.6 million made refugees."
    part = "Cases rose to 242, including 142 deaths, by the end of April."
    toll = "The storm has killed 300 people in all, officials said."
    claims = [
        doc_claim("storm-1", fled, "2.6 million", 2_600_000, unit="people"),
        doc_claim("storm-1", part, "242", 242, unit="case"),
        doc_claim("storm-1", part, "142 deaths", 142, unit="death"),
        doc_claim("storm-2", toll, "300 people", 300, unit="people"),
    ]
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label[2_600_000] == "Refugees"
    assert label[142] == "Deaths within a larger count" and label[300] == "Deaths in total"


def test_units_read_by_their_full_names() -> None:
    s = "Waves up to 9.3 mi inland and winds of 130 mph struck Port Selby."
    claims = [
        doc_claim("storm-1", s, "9.3 mi", 9.3, unit="mile", kind="length"),
        doc_claim("storm-1", s, "130 mph", 130, unit="mile per hour", kind="speed"),
    ]
    labels = sorted(q.label for q in build_report(claims, LEX, texts=texts()).quantities)
    assert labels == [
        "Distance, miles — Hurricane Mirela",
        "Wind speed, miles per hour — Hurricane Mirela",
    ]
    assert not any(w in " ".join(labels) for w in ("mis ", "mphs", "inchs", "childs"))


def test_tracker_lists_the_stories(tmp_path: Path) -> None:
    from estimates.tracker import STORY_COLUMNS, Tracker

    data = Path(__file__).resolve().parent.parent / "data"
    with Tracker(tmp_path / "t.db") as t:
        t.add(data)
        stories = t.stories()
        claims = t.claims()
    assert tuple(stories.columns) == STORY_COLUMNS
    nk = stories[stories["name"] == "North Korean deployment, 2024–2025"].iloc[0]
    assert nk["quantities"] >= 3 and "nk-2024-10-30-pacific-dispatch" in nk["documents"]
    assert set(stories["name"]) == {
        "North Korean deployment, 2024–2025",
        "Libya flood, September 2023",
        "Hong Kong march, June 2019",
    }
    assert set(claims["story"].dropna()) <= set(stories["name"])


def test_a_distance_is_kept_apart_by_where_it_is_measured_from() -> None:
    a = "The epicentre was about 77 km northwest of Ostrava, the survey said."
    b = "Seismologists placed it 85 km from Ostrava."
    c = "The aftershock hit 41 miles from Tarnik."
    claims = [
        doc_claim("quake-1", a, "about 77 km", 77, qualifier="approx", unit="kilometer",
                  kind="length"),
        doc_claim("quake-2", b, "85 km", 85, unit="kilometer", kind="length"),
        doc_claim("quake-2", c, "41 miles", 41, unit="mile", kind="length"),
    ]  # fmt: skip
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label == {
        77: "Distance, kilometers from Ostrava",
        85: "Distance, kilometers from Ostrava",
        41: "Distance, miles from Tarnik",
    }


def test_a_table_row_names_its_place_and_a_total_row_the_rows_it_sums() -> None:
    text = (
        "Cholera in the Kessan basin\n\n"
        "Province Total Cases Confirmed Cases Deaths\n"
        "Ostrava 1 4210 3980 212\n"
        "Tarnik 2 1875 1602 96\n"
        "Total 6085 5582 308\n\n"
        "Other provinces\n\n"
        "Province Total Cases Confirmed Cases Deaths\n"
        "Selby 14 12 1\n"
        "Rusk 9 9 0\n"
        "Total 23 21 1\n"
    )
    doc = Document(id="kessan-table", text=text, title="Cholera in Kessan", published="2031-04-02")
    report = build_report(extract_claims(doc, LEX), LEX, texts={doc.id: text})
    label = {f.claim.text: q.label.split(" — ")[0] for q in report.quantities for f in q.figures}
    assert label["4210"] == "Cases in Ostrava"
    assert label["3980"] == "Confirmed cases in Ostrava"
    assert label["212"] == "Deaths in Ostrava"
    assert label["1602"] == "Confirmed cases in Tarnik"
    assert label["6085"] == "Cases in Ostrava, Tarnik"
    assert label["308"] == "Deaths in Ostrava, Tarnik"
    assert label["23"] == "Cases in Rusk, Selby"  # the second table's total is its own
    cells = [f.claim.text for q in report.quantities for f in q.figures]
    assert len(cells) == 18 and not report.ungrouped  # the footnote marks "1", "2" are none


def test_a_part_and_its_whole_an_incident_and_a_counted_noun_pint_knows_stay_apart() -> None:
    part = "The quake affected 30 of the region's 75 districts, the ministry said."
    blast = "The blast at the Ostrava refinery injured 11 workers."
    slide = "The quake set off an avalanche on Mount Varo, killing 19 people."
    toll = "The earthquake and aftershocks have killed 4,150 people, the ministry said."
    hurt = "The quake injured 2,300 people, officials said."
    dams = "The flood burst two dams above Port Selby."
    claims = [
        doc_claim("quake-1", part, "30", 30, unit="district"),
        doc_claim("quake-1", part, "75 districts", 75, unit="district"),
        doc_claim("quake-1", blast, "11 workers", 11, unit="worker"),
        doc_claim("quake-2", slide, "19 people", 19, unit="people"),
        doc_claim("quake-2", toll, "4,150 people", 4150, unit="people"),
        doc_claim("quake-2", hurt, "2,300 people", 2300, unit="people"),
        doc_claim("storm-1", dams, "two dams", 2, unit="dam"),
    ]
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label == {
        30: "Districts affected",
        75: "All districts",
        11: "Staff wounded in the explosion",
        19: "Deaths in the avalanche",
        4150: "Deaths",
        2300: "Wounded",
        2: "Dams",
    }


def test_an_incident_the_story_is_named_after_is_the_story_s_own_toll() -> None:
    docs = {
        "blast-1": ("2031 Ostrava explosion", "A blast tore through the port of Ostrava."),
        "blast-2": ("Ostrava explosion toll rises", "The Ostrava explosion shook the city."),
    }
    a = "The blast killed 178 people, the ministry said."
    b = "At least 200 people died in the explosion."
    claims = [
        claim(a, "178 people", 178, unit="people", doc="blast-1", title=docs["blast-1"][0]),
        claim(b, "At least 200 people", 200, qualifier="at_least", unit="people",
              doc="blast-2", title=docs["blast-2"][0]),
    ]  # fmt: skip
    report = build_report(claims, LEX, texts={k: v[1] for k, v in docs.items()})
    assert [q.label for q in report.quantities] == ["Deaths — 2031 Ostrava explosion"]


def test_measurements_named_by_nothing_read_by_their_kind_never_by_a_verb() -> None:
    stall = "The storm stalled near Port Selby for four days, dropping heavy rain."
    odds = "Forecasters gave a 70 percent chance of more rain."
    zone = "Officials set up a 20-km exclusion zone around the plant."
    peak = "Peak gusts140 km/h\nPeak acceleration0.31 g"
    claims = [
        doc_claim("storm-1", stall, "four days", 4, unit="day", kind="duration"),
        doc_claim("storm-1", odds, "70 percent", 70, unit="percent", kind="percent"),
        doc_claim("storm-2", zone, "20-km", 20, unit="kilometer", kind="length"),
        doc_claim("storm-2", peak, "0.31 g", 0.31, unit="standard gravity", kind="acceleration",
                  subject="Peak acceleration"),
    ]  # fmt: skip
    report = build_report(claims, LEX, texts=texts())
    label = labels(report)
    assert label == {
        4: "Duration, days",
        70: "Chance (%)",
        20: "Exclusion zone, kilometers",
        0.31: "Peak acceleration, standard gravities",
    }


def test_a_fact_sheet_s_captions_and_funding_table_keep_their_scopes() -> None:
    text = (
        "Valdoria Earthquake - Fact Sheet #2\n\n"
        "12,400\n\nHouses Destroyed by the Earthquake\n\n"
        "8,900\n\nHouses Damaged by the Earthquake\n\n"
        "Funding:\n\nUSAID/OFDA $2,000,000\nDoD $500,000\nTOTAL $2,500,000\n\n"
        "The quake destroyed 11,800 houses in Ostrava, the ministry said."
    )
    doc = Document(id="fs-2", text=text, title="Valdoria Earthquake - Fact Sheet #2",
                   published="2031-05-02")  # fmt: skip
    report = build_report(extract_claims(doc, LEX), LEX, texts={doc.id: text})
    label = {f.claim.text: q.label.split(" — ")[0] for q in report.quantities for f in q.figures}
    assert label["12,400"] == label["11,800 houses"] == "Houses destroyed in Ostrava"
    assert label["8,900"] == "Houses damaged"
    assert label["$2,000,000"] == "USAID/OFDA amount, dollars"
    assert label["$500,000"] == "DoD amount, dollars"
    assert label["$2,500,000"] == "Amount, dollars in total"  # the total takes no row's name


def test_a_transcript_speaker_in_capitals_is_no_place_and_names_no_story() -> None:
    text = (
        "MR. DANVERS: The storm has passed. Crews in Port Selby have cleared 40 roads.\n\n"
        "Q: How many have died?\n\n"
        "MR. DANVERS: We have confirmed 12 deaths in Port Selby.\n"
    )
    claims = [
        claim(
            "MR. DANVERS: We have confirmed 12 deaths in Port Selby.",
            "12 deaths",
            12,
            doc="brief-1",
            title="Briefing on the storm",
            unit="death",
        ),
        claim(
            "Crews in Port Selby have cleared 40 roads.",
            "40 roads",
            40,
            doc="brief-1",
            title="Briefing on the storm",
            unit="road",
        ),
    ]
    report = build_report(claims, LEX, texts={"brief-1": text})
    assert all("Danvers" not in q.label.title() for q in report.quantities)
    assert all("DANVERS" not in (s.name or "") for s in report.stories)


def test_institutions_two_events_both_name_do_not_join_them() -> None:
    cholera = StoryDoc(
        "cholera",
        "",
        "Cholera has spread to 11 districts of Marenta. The World Bank approved a grant and the "
        "World Health Organization sent vaccine, while the Red Crescent handed out chlorine in "
        "Tessel.",
    )
    quake = StoryDoc(
        "quake",
        "Quake toll climbs",
        "The earthquake in the Orvane valley killed 1,146. The Red Cross set up tents, the World "
        "Health Organization sent surgeons and the World Bank offered a loan.",
    )
    found = find_stories([cholera, quake], LEX)
    assert sorted(s.doc_ids for s in found) == [("cholera",), ("quake",)]


def test_a_title_s_last_word_does_not_make_the_next_line_s_first_word_a_name() -> None:
    doc = StoryDoc(
        "econ",
        "Inflation eases as fuel prices fall",
        "Consumer prices rose 3.1% in May, the office in Velmar said.",
    )
    assert story_name([doc], story_words(LEX)).startswith("Velmar")


def test_a_week_s_new_cases_are_kept_apart_from_the_running_total() -> None:
    text = (
        "Key figures\n- 4,312 suspected cases since January\n\n"
        "This week the ministry recorded 612 new suspected cases. The capital accounts for "
        "almost half of all cases (2,050)."
    )
    doc = Document(id="sitrep", text=text, published="2031-02-14")
    assert extract_claims(doc)[0].sentence == "- 4,312 suspected cases since January"
    report = report_of(doc)
    assert labels(report) == {4312: "Cases", 612: "New cases", 2050: "Cases"}
    assert all(not q.disagreements for q in report.quantities)


def test_rescued_and_missing_are_two_quantities_and_a_level_before_is_no_conflict() -> None:
    ferry = (
        "The minister said 214 people had been rescued and that 63 remained unaccounted for. "
        "The governor's office put the number of missing at nearly 100."
    )
    grid = (
        "Power cut to 240,000 homes\n"
        "The grid operator says 240,000 homes are without power, up from 150,000 an hour ago."
    )
    docs = [
        Document(id="ferry", text=ferry, title="Ferry sinks off Kalmara", published="2031-05-02"),
        Document(id="grid", text=grid, title="Storm Kerra", published="2031-10-21"),
    ]
    report = report_of(*docs)
    label = labels(report)
    assert (label[214], label[63], label[100]) == ("Rescued", "Missing", "Missing")
    flagged = [
        {d.a.claim.value, d.b.claim.value} for q in report.quantities for d in q.disagreements
    ]
    assert flagged == [{63, 100}]


def test_in_a_march_s_story_a_count_of_people_is_turnout_and_nationwide_is_the_total() -> None:
    text = (
        "Tens of thousands of people marched through Velmar on Tuesday against the reform.\n\n"
        "The interior ministry counted 68,000 in Velmar and 412,000 nationwide.\n\n"
        "The union said 1.1 million people took part nationwide."
    )
    doc = Document(id="m", text=text, title="Velmar pension march", published="2031-03-12")
    report = report_of(doc)
    label = labels(report)
    assert label[68000] == label[55000] == "Turnout in Velmar"  # "marched through Velmar"
    assert label[412000] == label[1100000] == "Turnout in total"
    assert not any(lab.startswith("Tens") for lab in label.values())
    assert report.ungrouped == ()


def test_a_place_in_the_claimant_s_name_is_not_the_figure_s_place() -> None:
    text = "The defence ministry in Kestor said its forces had killed 400 enemy soldiers."
    doc = Document(id="c", text=text, title="Border clashes", published="2031-07-04")
    report = report_of(doc)
    assert [q.label.split(" — ")[0] for q in report.quantities] == ["Deaths"]


def test_a_ticket_s_price_is_no_damage() -> None:
    text = (
        "Insurers estimate the loss at $14 million. Relatives said tickets cost the equivalent "
        "of $6, half the fare of the state line."
    )
    doc = Document(id="f", text=text, title="Ferry sinks off Kalmara", published="2031-05-02")
    report = report_of(doc)
    label = labels(report)
    assert (label[14e6], label[6]) == ("Damage, dollars", "Price, dollars")
    assert all(not q.disagreements for q in report.quantities)


def test_revenue_a_net_loss_and_a_restructuring_cost_are_three_quantities() -> None:
    text = (
        "The carmaker reported revenue of $21.4 billion and a net loss of $640 million. "
        "Analysts estimate the restructuring will cost between $1.2 billion and $1.5 billion."
    )
    doc = Document(id="c", text=text, title="Carrow Motors cuts jobs", published="2031-04-09")
    report = report_of(doc)
    label = labels(report)
    assert label == {
        21.4e9: "Revenue, dollars",
        640e6: "Profit or loss, dollars",
        1.35e9: "Damage, dollars",
    }
    assert all(not q.disagreements for q in report.quantities)


def test_people_still_in_centres_and_those_who_have_left_are_two_quantities() -> None:
    text = (
        "About 12,000 people remain in centres as of May 3, the agency said. "
        "More than 3,000 people have left evacuation centres since April 20."
    )
    doc = Document(id="s", text=text, title="Valdoria earthquake", published="2031-05-04")
    report = report_of(doc)
    label = labels(report)
    assert label == {12000: "People in shelters", 3000: "People in shelters, departures"}


def test_a_part_of_a_whole_in_digits_is_two_counts_and_a_share_of_ten_or_fewer_is_one() -> None:
    text = "The air force said it shot down 30 of 42 drones. Officials said 1 of 5 homes was hit."
    doc = Document(id="d", text=text, title="Drone attack on Velmar", published="2031-02-14")
    assert [(c.text, c.value) for c in extract_claims(doc)] == [
        ("30", 30),
        ("42 drones", 42),
        ("1 of 5", 0.2),
    ]
    label = labels(report_of(doc))
    assert (label[30], label[42]) == ("Drones", "All drones")
