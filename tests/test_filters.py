"""Numbers that are not claims: dates, years, times, ordinals, identifiers, furniture."""

import pytest

from estimates.claims.quantities import find_quantities
from estimates.lexicon import load_lexicon

LEX = load_lexicon()


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quantities(text, LEX)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The talks began on March 3 in Geneva.", []),
        ("The talks began on 3 March in Geneva.", []),
        ("Floods hit on June 10 and 11, 2021, in the valley.", []),
        ("Published April 2, 2024\n\nTwelve ships sailed.", ["Twelve ships"]),
        ("The dam was finished in 1998.", []),
        ("The 2019 floods were worse.", []),
        ("He spoke at 10.45pm and again at 5am.", []),
        ("The meeting ended at 14:30 sharp.", []),
        ("It was the 22nd attempt and the second time.", []),
        ("Pilots flew F-16 jets and a Su-34.", []),
        ("Traffic on Route 66 and Highway 1 was slow.", []),
        ("The office is at 431 Harbour Rd, Kingsford.", []),
        ("She lives at 12 North Queen Street.", []),
        ("Call 555-123-4567 for details.", []),
        ("See page 12 and section 4.", []),
        ("The Apple Watch 5 and Game 7 were talked about.", []),
        ("The 5G rollout slowed.", []),
        ("The score was 2-1 at half time, then 3-3.", []),
        ("Fans voted on the 2+2 format.", []),
        ("Police put the figure at 5,200.[1]", ["5,200"]),
        ("What do you think?\n+1\n0\n+1\n0\n", []),
        ("Photo\n1 of 5\nThe ship sank.", []),
        ("1 of 5 | Crews clear the road.", []),
        ("Photo 2 of 12: Crews clear the road.", []),
        ("Damage $3.4 billion (2029 USD)", ["$3.4 billion"]),
        ("The mill was built c. 1850 by the river.", []),
        ("The rate was 38.2 cases per 100,000 people.", ["38.2 cases"]),
        ("It costs $5 per 250 grams.", ["$5", "250 grams"]),
        ("Damage $3.4 billion\nLowest pressure 931 hPa", ["$3.4 billion", "931 hPa"]),
        (
            "Key figures\n- 11 of 18 districts affected\n- 97 deaths",
            ["11", "18 districts", "97 deaths"],
        ),
        ("The ship sank 18 years ago.", []),
        ("Maria Lopez, 54, said 300 homes flooded.", ["300 homes"]),
        ("Men aged 18 to 34 took part.", []),
        ("Most of the patients are children under five.", []),
        ("Residents over 80 were moved first, and 300 people over 65 died.", ["300 people"]),
        ("It was a five-year plan.", []),
        ("The second half of the year was calm.", []),
        ("The same one kept failing.", []),
        ("The 90210 ZIP code is famous.", []),
    ],
)
def test_not_claims(text: str, kept: list[str]) -> None:
    assert spans(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("A 2,000 km pipeline opened.", ["2,000 km"]),
        ("They paid $1,990 for it.", ["$1,990"]),
        ("About 2010 runners took part.", ["About 2010 runners"]),
        ("One of the ferries sank.", ["One of the ferries"]),
        ("Half the villages lost power.", ["Half"]),
        ("Dow +0.2% and S&P 500 +0.3% on the day.", ["+0.2%", "+0.3%"]),
    ],
)
def test_claims_that_look_like_non_claims(text: str, kept: list[str]) -> None:
    assert spans(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Epicentre12°30′15″N 85°10′40″E / 12.504°N 85.177°E\n", []),
        ("It lies at 40.71234; -74.00567 on the map.", []),
        ("The blast came at 0415 hours local time.", []),
        ("Officials spoke at approximately 2300 EDT on Friday.", []),
        ("Traces of strontium-90 and iodine-131 were found.", []),
        ("Traces of <sup>131</sup>I were found.", []),
        ("Call 1-800-555- 0199 for help.", []),
        ("Cases peaked in weeks 12 and 14 (Figures 1 and 2).", []),
        ("as reported by each agency (3). Then", []),
        ("Text ends here.\n2 On 3 June the count was revised.", []),
        ("the four largest donors met", []),
        ("Reactor units 1–3 were damaged.", []),
        ("Date(s)March 8, 2021\n", []),
    ],
)
def test_page_furniture_and_identifiers_are_not_claims(text: str, kept: list[str]) -> None:
    assert spans(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("They worked 1100 hours on the bridge.", ["1100 hours"]),
        ("Kisumu (1,402) and Mombasa (920) led.", ["1,402", "920"]),
        ("It was one of the largest donors.", ["one of the largest donors"]),
        ("Text.\n3 Soldiers were hurt in the raid.", ["3 Soldiers"]),
    ],
)
def test_numbers_like_furniture_that_are_claims(text: str, kept: list[str]) -> None:
    assert spans(text) == kept
