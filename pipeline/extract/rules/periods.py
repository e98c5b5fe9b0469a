"""The periods an article names, and which one each figure is of: months, quarters,
halves, runs of months, fiscal years, periods relative to publication, and the comparison
bases ("from September", "compared with the same period of 2024") that are not a figure's
own period."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from pipeline.extract.rules.text import CLAUSE
from pipeline.io.articles import Article
from pipeline.numbers.figures import Figure
from pipeline.numbers.normalise import fold_period, period_type

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTH_NAMES)} | {"sept": 9}


MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "quarter",  # the ONS's "Quarter 4 (Oct to Dec) 2024": its months in brackets are that quarter
        re.compile(
            rf"\bQuarter\s(?P<q>[1-4])(?:\s\({MONTH_RE}\s?(?:to|-|\u2013)\s?{MONTH_RE}\))?(?:,?\s(?P<y>20\d\d))?\b"
        ),
    ),
    (
        # "the first quarter of the 2025/26 season", "the first four months of the 2025/26 fiscal year"
        "season_part",
        re.compile(
            r"\b(?:(?P<which>first|second|third|fourth)\s(?P<part>half|quarter)|first\s(?P<n>\w+)\smonths)"
            r"\sof\s(?:the\s|this\s|its\s)?(?P<y1>20\d\d)\s?[/\u2013-]\s?(?P<y2>\d\d|20\d\d)\s"
            r"(?:(?P<fiscal>fiscal|financial)\syear|season|crop(?:\syear)?|marketing\s(?:year|season)|campaign"
            r"|(?:cocoa|coffee|sugar)\syear)\b"
            rf"(?:,?\s(?:which|that)\s(?:began|begins|started|starts)\sin\s(?P<m>{MONTH_RE}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "season",  # "the 2024/25 season", "2025/26 crop", "in 2025/26" in a report on one
        re.compile(
            r"\b(?P<y1>20\d\d)\s?[/\u2013-]\s?(?P<y2>\d\d|20\d\d)\b(?![/\u2013-]\d)"
            r"(?P<word>\s(?:season|crop(?:\syear)?|marketing\syear|campaign|(?:cocoa|coffee|sugar)\syear))?"
            rf"(?:,?\s(?:that|which)\s(?:ended|ends|began|begins|started|starts)\s(?:in|on)\s{MONTH_RE}(?:\s\d{{1,2}})?)?",
            re.IGNORECASE,
        ),
    ),
    (
        "full_fiscal",  # "for the full fiscal year": the one the release's months fall in
        re.compile(
            # not the year a part of it belongs to: "the first four months of the current fiscal year"
            r"(?<!months of the )(?<!half of the )(?<!quarter of the )"
            r"\b(?:full|whole|entire|current)\s(?:fiscal|financial)\syear\b(?!\s(?:20)?\d\d)",
            re.I,
        ),
    ),
    (
        "fiscal_part",  # "the first half of the fiscal year", "the fiscal second quarter"
        re.compile(
            r"\b(?P<which>first|second|third|fourth)\s(?P<part>half|quarter)\sof\s(?:the\s|this\s|its\s)?"
            r"(?:fiscal|financial)\syear\b"
            # "the first four months of fiscal year 2025-26", "of the current fiscal year 2025/26",
            # "the first seven months of the 2025-26 fiscal year"
            r"|\bfirst\s(?P<n>\w+)\smonths\sof\s(?:the\s|this\s|its\s)?(?:current\s)?"
            r"(?:(?P<y1p>20\d\d)\s?[-/\u2013]\s?\d\d\s)?(?:fiscal|financial)(?:\syear\b|(?=\s20\d\d))"
            r"(?:\s(?P<y1>20\d\d)\s?[-/\u2013]\s?\d\d\b)?"
            r"|\b(?:fiscal|financial)[- ](?:year(?:'s|’s)?\s)?(?P<which2>first|second|third|fourth)[- ]"
            r"(?P<part2>half|quarter)\b"
            # a part of a fiscal year named by its number: "the first half of FY26", "Q2 FY2025-26"
            r"|(?:\b(?P<which3>first|second|third|fourth)\s(?P<part3>half|quarter)\sof\s|\b(?P<hq>[HQ])(?P<hqn>[1-4])\s?)"
            r"(?:FY\s?|fiscal(?:\s+year)?\s+|financial\s+year\s+)(?P<fy>(?:20)?\d\d)(?:\s?[-/]\s?(?P<fy2>\d\d))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fiscal_part",  # Pakistan's "4MFY26" (first four months), "1HFY26", "1QFY26"
        re.compile(
            r"\b(?:(?P<n>\d{1,2})M|(?P<hqn>[1-4])(?P<hq>[HQ]))\s?FY\s?(?P<fy>(?:20)?\d\d)\b", re.IGNORECASE
        ),
    ),
    (
        "fiscal",
        re.compile(
            r"(?:\b(?:fiscal|financial)(?:\s+year)?\s+(?P<y1>20\d\d)\s?[-/\u2013]\s?(?P<y2>\d\d|20\d\d)\b"
            # "2024-25", "the 2024/25 fiscal year" (a bare "2024/25" is a season)
            # "the 2024/25 Ethiopian fiscal year"
            r"|\b(?P<y1c>20\d\d)(?:[-\u2013]|/(?=\d\d\s+(?:[A-Z][a-z]+\s+)?(?:fiscal|financial)\b))(?P<y2c>\d\d)\b"
            r"(?:\s+(?:[A-Z][a-z]+\s+)?(?:fiscal|financial)(?:\s+year)?)?"
            r"|\bFY\s?(?P<y1b>20\d\d)\s?[-/]\s?(?P<y2b>\d\d)\b"
            r"|\b(?:FY\s?|fiscal(?:\s+year)?\s+|financial\s+year\s+)(?P<fy>20\d\d|\d\d)\b)"
            # "the 2024/25 financial year that ended in June": the article's word on its bounds
            rf"(?:,?\s(?:that|which)\s(?P<bound>ended|ends|began|begins|started|starts)\s(?:in|on)\s(?P<bm>{MONTH_RE})"
            r"(?:\s(?P<bd>\d{1,2})\b)?)?",
            re.IGNORECASE,
        ),
    ),
    (
        "mid_range",  # Nepal's months: "between mid-July and mid-November" are July to October
        re.compile(
            rf"\b(?:[Bb]etween |[Ff]rom )?mid-(?P<m1>{MONTH_RE})\s?(?:and|to|-|\u2013|through)\s?"
            rf"mid-(?P<m2>{MONTH_RE})"
            r"(?:,?\s(?P<y>20\d\d))?"
        ),
    ),
    (
        "ytd_range",
        re.compile(
            # "between April 1 and October 31": the days are no part of which months
            rf"\b(?:(?P<between>[Bb]etween )|[Ff]rom (?=\w+ (?:\d\d? )?to ))?"
            rf"(?P<m1>{MONTH_RE})(?:\s(?P<d1>\d\d?)\b)?"
            rf"(?(between) and |(?:\s?(?:-|–)\s?|-to-|\s(?:to|through)\s))(?P<m2>{MONTH_RE})(?:\s\d\d?\b)?"
            r"(?:,?\s(?P<y>20\d\d))?"
        ),
    ),
    (
        "first_months",
        re.compile(
            r"\bfirst (?P<n>\w+) months(?: of (?:the year|this year|the current year|(?P<y>20\d\d)))?"
            r"(?! of (?:the |this |its )?[^.,;]{0,25}?\b(?:fiscal|financial|season|marketing|crop)\b)"
            # "10 months of 2025", as Vietnam's releases write it
            r"|(?<!last )(?<!past )\b(?P<n2>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)"
            r" months of (?P<y2>20\d\d)\b",
            re.I,
        ),
    ),
    (
        "month",  # "rose 0.7% in the year to October": October's change on a year earlier
        re.compile(
            rf"(?:(?<=%)|(?<=percent)|(?<=per cent)) in the year to (?P<m>{MONTH})(?:\s(?P<y>20\d\d))?\b"
        ),
    ),
    (
        "months_to",
        re.compile(
            r"\b(?:(?P<n>\w+) months (?:to|through|ending(?: in| on)?|(?:that |which )?ended(?: in| on)?)"
            # "the year through September" is to date; "the fiscal year that ended in March" is not
            r"|(?:quarter|(?P<year>year)) (?:to|ending(?: in| on)?|(?:that |which )?ended(?: in| on)?))"
            rf" (?P<m2>{MONTH})"
            r"(?:\s\d{1,2}(?:st|nd|rd|th)?\b)?,?(?:\s(?P<y>20\d\d))?"  # "ended on March 31, 2025"
        ),
    ),
    (
        "ytd",  # "since the start of the year": to date
        re.compile(
            r"\b(?:so far this year|(?:in |for )?the year to date|year[- ]to[- ]date"
            r"|since the (?:start|beginning) of (?:the|this) year)\b",
            re.I,
        ),
    ),
    ("last_quarter", re.compile(r"\b(?:last|previous|past) quarter\b", re.I)),
    ("quarters_n", re.compile(r"\bfirst (?P<n>two|three) quarters(?: of (?P<y>20\d\d))?", re.I)),
    (
        "through",
        # a flow "at the end of October" (Morocco's, France's "à fin octobre") is summed since January
        re.compile(
            rf"\b(?i:through|until|up to|to the end of|(?:at|by) the end of|at end[- ]of|at end-|by end-)"
            rf"\s?(?P<m2>{MONTH})(?:\s(?P<y>20\d\d))?"
        ),
    ),
    (
        "half",
        re.compile(
            r"\b(?P<which>first|second|1st|2nd)[- ]half"
            r"(?: of (?:the year|(?P<y>20\d\d)|(?P<last>last year)))?"
            r"|\bH(?P<h>[12])(?:\s(?P<y2>20\d\d))?\b",
            re.I,
        ),
    ),
    (
        "quarters",  # "Q1-Q3", "Q1-Q3 2025": the months from the first quarter's to the last's
        re.compile(r"\bQ(?P<q1>[1-4])\s?[-\u2013]\s?Q(?P<q2>[1-4])(?:\s(?P<y>20\d\d))?\b", re.I),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"  # "the 3rd quarter of 2025"
            r"(?: of (?:the year|(?P<y>20\d\d)|(?P<last>last year)))?"
            r"|\bQ(?P<q>[1-4])(?:\s(?P<y2>20\d\d))?\b|\b(?P<which2>January-March|April-June|July-September"
            r"|October-December) quarter",
            re.I,
        ),
    ),
    (
        "month_quarter",  # "the September quarter", "the June 2025 quarter", "the June quarter of 2024"
        re.compile(
            rf"\b(?P<m>{MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?:\s(?P<y>20\d\d))?"
            r" (?:quarter|qtr)\b(?: of (?P<y2>20\d\d)\b)?"  # "Sep 2025 qtr", as a table's column names it
        ),
    ),
    ("month", re.compile(rf"\b(?P<m>{MONTH_RE})\s\d{{1,2}}\s?[-\u2013]\s?\d{{1,2}}\b")),  # "Nov. 1-30"
    (
        "month",  # "Oct-25", "Sep'25", as a table's column names it
        re.compile(
            r"\b(?P<m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))[-'’](?P<yy>\d\d)\b(?![-/.]\d)"
        ),
    ),
    (
        "month",  # "Oct 2024", as a table's column names it
        re.compile(r"\b(?P<m>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s(?P<y>20\d\d)\b"),
    ),
    (
        "month",
        re.compile(
            rf"(?<!\d\s)\b(?P<m>{MONTH})(?:\s(?P<y>20\d\d)|\s(?P<last>last year))?\b(?!\s\d{{1,2}}\b)"
        ),
    ),
    ("year", re.compile(r"\bby\s(?:the\s+end\s+of\s)?(?P<y>20\d\d)\b(?![/-]\d)", re.I)),  # a goal's horizon
    (
        "year",
        re.compile(
            r"\b(?:in|for|of|during|full[- ]year|year)\s(?:the\s)?(?:year\s)?(?P<y>20\d\d)\b(?![/-]\d)", re.I
        ),
    ),
    (
        "year",  # "a 2026 surplus of $70 billion", "the government's 2025 export target", "targeted 2025
        re.compile(  # goods exports of $86.2 billion"
            r"\b(?:a|an|the|its|their|[\w-]+['’]s|targeted|targets|targeting)\s(?P<y>20\d\d)\s"
            r"(?=(?:goods\s|merchandise\s)?(?:trade\s|export\s|import\s)?"
            r"(?:surplus|deficit|target|goal|forecast|outlook|exports?|imports?|shipments)\b)",
            re.I,
        ),
    ),
    # "the same period last year" is a comparison the figure before it names, not a period
    (
        "relative_year",
        re.compile(
            r"(?<!same period )(?<!same month )(?<!same quarter )\b(?P<rel>next|this|last) year\b", re.I
        ),
    ),
    ("last_month", re.compile(r"\blast month\b", re.I)),
    (
        "relative_season",  # "last season", "the new season": counted from publication
        re.compile(
            r"\b(?P<rel>last|previous|past|preceding|this|current|new|coming|next)"
            r"\s(?:season|crop year|marketing year|campaign)\b",
            re.I,
        ),
    ),
    (
        "full_year",
        re.compile(r"\b(?:for the (?:full |whole )?year|full[- ]year|for the year as a whole)\b", re.I),
    ),
]


QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


_QUARTER_SPANS = {"january-march": 1, "april-june": 2, "july-september": 3, "october-december": 4}


_YEAR = re.compile(r"\b(20\d\d)\b")
_SPAN_TAIL = re.compile(r"\s?[/\u2013-]\s?\d\d\b")


def month_number(word: str) -> int:
    return _MONTH_ABBR[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]]


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: str
    explicit_year: bool


def _period_of(kind: str, match: re.Match[str], year: str) -> tuple[str, bool] | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "yy" in groups:  # "Oct-25"
        groups["y"] = f"20{groups['yy']}"
    y = groups.get("y") or groups.get("y2") or (str(int(year) - 1) if "last" in groups else year)
    explicit = "y" in groups or "y2" in groups or "last" in groups
    if kind == "mid_range":  # from mid-July to mid-November: the months that start in it
        m1, m2 = month_number(groups["m1"]), (month_number(groups["m2"]) - 2) % 12 + 1
        return fold_period(f"{y if m1 <= m2 else int(y) - 1}-{m1:02d}/{y}-{m2:02d}"), explicit
    if kind == "ytd_range":  # "July-June" runs from the year before
        m1, m2 = month_number(groups["m1"]), month_number(groups["m2"])
        if m2 == m1 % 12 + 1 and match.group(0)[:1] in "FfBb" and "d1" not in groups:
            # "rose 3.6% from September to October" (not "between Oct. 1 and Nov. 30")
            return f"{y}-{m2:02d}", explicit  # the later month, compared with the one before
        return f"{y if m1 < m2 else int(y) - 1}-{m1:02d}/{y}-{m2:02d}", explicit
    if kind == "first_months":
        count = groups.get("n") or groups["n2"]
        n = _NUMBER_WORDS.get(count.lower()) or (int(count) if count.isdigit() else None)
        return (f"{y}-01/{y}-{n:02d}", explicit) if n and 1 < n < 12 else None
    if kind == "quarters_n":
        return f"{y}-01/{y}-{3 * _NUMBER_WORDS[groups['n'].lower()]:02d}", explicit
    if kind == "months_to":  # "the three (twelve) months to September", "the year ended June"
        n = (
            12
            if "year" in groups
            else _NUMBER_WORDS.get(groups.get("n", "three").lower())
            or (int(groups["n"]) if groups["n"].isdigit() else None)
        )
        month = month_number(groups["m2"])
        if n is None or not 1 < n <= 12:
            return None
        first, first_year = (month - n + 1, int(y)) if month >= n else (month - n + 13, int(y) - 1)
        return fold_period(f"{first_year}-{first:02d}/{y}-{month:02d}"), explicit
    if kind == "through":
        return f"{y}-01/{y}-{month_number(groups['m2']):02d}", explicit
    if kind == "half":
        half = groups.get("h") or ("1" if groups.get("which", "").lower() in ("first", "1st") else "2")
        return f"{y}-H{half}", explicit
    if kind == "quarters":
        first, last = int(groups["q1"]), int(groups["q2"])
        return (
            (fold_period(f"{y}-{3 * first - 2:02d}/{y}-{3 * last:02d}"), explicit) if first < last else None
        )
    if kind == "quarter":
        if "q" in groups:
            quarter = int(groups["q"])
        elif "which2" in groups:
            quarter = _QUARTER_SPANS[groups["which2"].lower()]
        else:
            quarter = QUARTER_WORDS[groups["which"].lower()]
        return f"{y}-Q{quarter}", explicit
    if kind == "month_quarter":
        month = month_number(groups["m"])
        return (f"{y}-Q{month // 3}", explicit) if month % 3 == 0 else None
    if kind == "month":
        return f"{y}-{month_number(groups['m']):02d}", explicit
    if kind == "full_year":
        return year, False
    if kind in ("last_month", "ytd", "last_quarter"):  # read against the publication date
        return None
    if kind == "relative_year":
        return str(int(year) + {"next": 1, "this": 0, "last": -1}[groups["rel"].lower()]), True
    return groups["y"], True


_COMPARED_YEAR = re.compile(
    rf"\b(?:than|from|on|with|against|over)\s(?:in\s)?(?:the same (?:period|month|quarter) (?:of|in)\s"
    rf"|{MONTH}\s|the (?:first|second|third|fourth) quarter of\s)?(20\d\d)\b"
)


# typing the figures of an article that names no year needs some year; RulesExtractor
# fails such an article rather than write a row dated with it
_PLACEHOLDER_YEAR = "2025"


def reference_year(article: Article) -> str | None:
    """The year the article reports on: the year it was published (the year before, for
    a month later than publication), else the first year its opening names other than as
    a comparison, else the year after the latest year it compares with ("than in August
    2024"), else the latest year it names; None when it names none."""
    text = article.text
    if article.published and _YEAR.match(article.published):
        return article.published[:4]
    compared_at = {m.start(1) for m in _COMPARED_YEAR.finditer(text)}
    opening = [
        str(int(m.group(1)) + 1) if _SPAN_TAIL.match(text, m.end()) else m.group(1)
        for m in _YEAR.finditer(text[:400])
        if m.start(1) not in compared_at
    ]  # a season or fiscal year "2024/25" is reported on in its second year
    if opening:
        return opening[0]
    compared = [int(m.group(1)) + 1 for m in _COMPARED_YEAR.finditer(text)]
    if compared:
        return str(max(compared))
    anywhere: list[str] = _YEAR.findall(text)
    return max(anywhere) if anywhere else None


def _published_month(article: Article) -> int | None:
    published = article.published or ""
    return int(published[5:7]) if re.match(r"^\d{4}-\d{2}", published) else None


def _before_publication(period: str, year: str, published_month: int) -> tuple[str, bool]:
    """A month named without a year in an article published in January is last year's
    December, not this year's: data precede their publication. What must precede it is the
    period's last month ("between October and July", published in August, ends this July),
    and every year of the period moves back together."""
    months = [int(m) for m in re.findall(r"-(\d\d)", period)] or [
        int(q) * 3 for q in re.findall(r"-Q(\d)", period)
    ]
    if months and months[-1] > published_month:
        return re.sub(r"20\d\d", lambda y: str(int(y.group()) - 1), period), False
    return period, False


def _last_month(year: str, published_month: int | None) -> tuple[str, bool] | None:
    """ "last month" means the month before publication; unknown without a date."""
    if published_month is None:
        return None
    if published_month == 1:
        return f"{int(year) - 1}-12", True
    return f"{year}-{published_month - 1:02d}", True


def _last_quarter(year: str, published_month: int | None) -> tuple[str, bool] | None:
    """ "last quarter": the quarter before the one of publication; unknown without a date."""
    if published_month is None:
        return None
    quarter = (published_month - 1) // 3
    return (f"{year}-Q{quarter}", True) if quarter else (f"{int(year) - 1}-Q4", True)


_RELATIVE = {"last_month": _last_month, "last_quarter": _last_quarter}


# the month a fiscal year starts in, by reporting economy; a year named "2024-25" elsewhere starts in July
_FISCAL_START = {
    "IN": 4, "JP": 4, "GB": 4, "HK": 4, "CA": 4, "SG": 4, "ZA": 4, "NZ": 7, "AU": 7, "PK": 7, "EG": 7,
    "BD": 7, "KE": 7, "TZ": 7, "UG": 7, "US": 10, "TH": 10,
    "KW": 4, "MM": 4, "BW": 4, "NA": 4, "MW": 4, "LS": 4, "SZ": 4, "JM": 4, "IR": 3,
    "NP": 7, "ET": 7, "RW": 7, "MU": 7, "BT": 7, "FJ": 8, "TT": 10, "HT": 10,
}  # fmt: skip


def _fiscal_year(match: re.Match[str], economy: str | None) -> tuple[str, bool] | None:
    """ "fiscal year 2024-25", "2024-25", "FY25": the twelve months from the economy's fiscal
    start. A single year names the year the fiscal year ends in, except in Japan ("fiscal
    2024" starts in April 2024); "2020-24" is a run of years, not a fiscal year."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "y1c" in groups and int(groups["y2c"]) != (int(groups["y1c"]) + 1) % 100:
        return None
    country = (economy or "").split("-")[0]
    start = _FISCAL_START.get(country, 7)
    if "bm" in groups:  # a year "that ended on July 7" (Ethiopia's) is the twelve months to June
        month = month_number(groups["bm"])
        ended = month if int(groups.get("bd", 31)) > 15 else (month - 2) % 12 + 1
        start = ended % 12 + 1 if groups["bound"].lower().startswith("end") else month
    if "fy" in groups:
        named = int(groups["fy"]) % 100 + 2000
        end_year = named + 1 if country == "JP" else named
    else:
        end_year = int(groups.get("y2") or groups.get("y2b") or groups["y2c"]) % 100 + 2000
    if start == 1:  # a fiscal year that ends in December is the calendar year
        return str(end_year), True
    return f"{end_year - 1}-{start:02d}/{end_year}-{start - 1:02d}", True


def _full_fiscal(economy: str | None, year: str, published_month: int | None) -> tuple[str, bool]:
    """The fiscal year the month before publication falls in (December of the year, with
    no date): Pakistan's "full fiscal year" in a November 2025 release is July 2025-June 2026."""
    start = _FISCAL_START.get((economy or "").split("-")[0], 7)
    # the month before publication: January's is last December
    month, month_year = (published_month - 1, int(year)) if published_month else (12, int(year))
    if month == 0:
        month, month_year = 12, month_year - 1
    begun = month_year if month >= start else month_year - 1
    last = f"{begun + 1}-{start - 1:02d}" if start > 1 else f"{begun}-12"
    return f"{begun}-{start:02d}/{last}", True


def _fiscal_part(
    match: re.Match[str], economy: str | None, year: str, published_month: int | None
) -> tuple[str, bool] | None:
    """A half, quarter or first months of a fiscal year: of the year named, else the latest
    to end by publication (Japan's fiscal first half, reported in October 2025, is
    April-September 2025)."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "y1p" in groups:
        groups["y1"] = groups["y1p"]
    country = (economy or "").split("-")[0]
    start = _FISCAL_START.get(country, 7)
    if "hq" in groups:  # "H1", "Q2"
        groups |= {"part3": "half" if groups["hq"].upper() == "H" else "quarter", "which3": groups["hqn"]}
    if "n" in groups:
        size = int(groups["n"]) if groups["n"].isdigit() else _NUMBER_WORDS.get(groups["n"].lower(), 0)
        if not 0 < size < 12:
            return None
        first = start - 1
    else:
        size = 6 if (groups.get("part") or groups.get("part2") or groups["part3"]).lower() == "half" else 3
        which = (groups.get("which") or groups.get("which2") or groups["which3"]).lower()
        ordinal = int(which) if which.isdigit() else QUARTER_WORDS[which]
        if ordinal > 12 // size:
            return None  # "H3"
        first = start - 1 + size * (ordinal - 1)
    last = first + size - 1  # months counted from January of the year the fiscal year begins
    published = int(year) * 12 + (published_month or 12) - 1
    if (
        "fy" in groups
    ):  # FY26 ends in 2026 and begins in 2025; FY2025-26 and Japan's fiscal 2025 begin in 2025
        named = int(groups["fy"]) % 100 + 2000
        groups["y1"] = str(named if "fy2" in groups or country == "JP" else named - 1)
    begun = int(groups.get("y1", year))
    while "y1" not in groups and begun * 12 + last > published:
        begun -= 1
    return f"{begun + first // 12}-{first % 12 + 1:02d}/{begun + last // 12}-{last % 12 + 1:02d}", True


# the month a commodity's marketing year starts in, as the industry bodies count it (ICCO,
# ICO and ISO from October, ICAC from August, the IGC and the EU from July), for an article
# that does not say when its season began or ended
_SEASON_STARTS = (
    (re.compile(r"\bcocoa\b", re.I), 10),
    (re.compile(r"\bcoffee\b", re.I), 10),
    (re.compile(r"\bsugar\b", re.I), 10),
    (re.compile(r"\bcotton\b", re.I), 8),
    (re.compile(r"\b(?:wheat|grains?|barley|corn|maize)\b", re.I), 7),
)
_SEASON_BOUND = re.compile(
    rf"\b(?:season|marketing year|campaign)\b[^.;]{{0,40}}?\b(?P<verb>ended|ends|ending|began|begins"
    rf"|beginning|started|starts|starting|opened|opens)\s(?:in|on)\s(?P<m>{MONTH_RE})",
    re.IGNORECASE,
)
_FISCAL_BEFORE = re.compile(r"\b(?:fiscal|financial|FY)\b[^.;,]*$", re.IGNORECASE)
_FISCAL_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?(?i:fiscal|financial)\b")
_SEASON_WORD = re.compile(r"\b(?:season|crop year|marketing year|campaign)\b", re.IGNORECASE)


def _names_fiscal(match: re.Match[str]) -> bool:
    """ "fiscal year 2025-26", "the 2024/25 (Ethiopian) financial year": a fiscal year the
    fiscal patterns read, not a season."""
    text = match.string
    return bool(
        _FISCAL_BEFORE.search(text, max(0, match.start() - 25), match.start())
        or _FISCAL_AFTER.match(text, match.end())
    )


def _season_start(text: str) -> int | None:
    """The month an article's seasons start in: the one it names ("the season that ended in
    September"), else its commodity's (the one it names first); None for an article on no
    seasonal commodity."""
    if (bound := _SEASON_BOUND.search(text)) is not None:
        month = month_number(bound.group("m"))
        return month % 12 + 1 if bound.group("verb").lower().startswith("end") else month
    named = [(m.start(), start) for pattern, start in _SEASON_STARTS if (m := pattern.search(text))]
    return min(named)[1] if named else None


def _season_part(match: re.Match[str], start: int | None, economy: str | None) -> tuple[str, bool] | None:
    """A half, quarter or first months of a named season or fiscal year, counted from the
    month the sentence says it began in, else the economy's fiscal start or the season's."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "m" in groups:
        start = month_number(groups["m"])
    elif "fiscal" in groups:
        start = _FISCAL_START.get((economy or "").split("-")[0], 7)
    begun = int(groups["y1"])
    if start is None or int(groups["y2"][-2:]) != (begun + 1) % 100:
        return None
    if "n" in groups:
        size = int(groups["n"]) if groups["n"].isdigit() else _NUMBER_WORDS.get(groups["n"].lower(), 0)
        if not 0 < size < 12:
            return None
        first = start - 1
    else:
        size = 6 if groups["part"].lower() == "half" else 3
        first = start - 1 + size * (QUARTER_WORDS[groups["which"].lower()] - 1)
    last = first + size - 1  # months counted from January of the year the season begins
    span = f"{begun + first // 12}-{first % 12 + 1:02d}/{begun + last // 12}-{last % 12 + 1:02d}"
    return fold_period(span), True  # "2025-Q4", so "in the quarter" may refer back to it


def _season(match: re.Match[str], start: int | None, seasonal: bool) -> tuple[str, bool] | None:
    """ "2024/25 season": twelve months from the season's first month in 2024; a bare
    "2024/25" only in an article that speaks of seasons."""
    if start is None or not (match.group("word") or seasonal):
        return None
    if _names_fiscal(match):  # "fiscal year 2025-26" in an article that also speaks of a sugar season
        return None
    first = int(match.group("y1"))
    last = first + 1 if start > 1 else first
    if int(match.group("y2")[-2:]) != (first + 1) % 100:
        return None
    end_month = (start - 2) % 12 + 1
    return f"{first}-{start:02d}/{last}-{end_month:02d}", True


# "the 2024/25 financial year", "fiscal year 2024-25": an article that counts in fiscal years
_NAMED_FISCAL_YEAR = re.compile(
    r"\b20\d\d\s?[/\u2013-]\s?\d\d\s+(?:fiscal|financial)\b|\b(?:fiscal|financial)\s+year\s+20\d\d\s?[/\u2013-]",
    re.IGNORECASE,
)


def _relative_season(
    match: re.Match[str], start: int | None, year: str, published_month: int | None
) -> tuple[str, bool] | None:
    """ "last season", "the new season": the season publication falls in, or the one
    before or after it; unknown without a date or a season's first month."""
    if start is None or published_month is None:
        return None
    begun = int(year) if published_month >= start else int(year) - 1
    begun += {"last": -1, "previous": -1, "past": -1, "preceding": -1, "next": 1, "coming": 1}.get(
        match["rel"].lower(), 0
    )
    if start == 1:
        return str(begun), True
    return f"{begun}-{start:02d}/{begun + 1}-{start - 1:02d}", True


_SO_FAR = re.compile(r"\b(?:so far|to date|thus far)\s+(?:in|this|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _so_far(text: str, mention: PeriodMention, month: str) -> PeriodMention:
    """A season or fiscal year "so far" runs from its start to the release's month."""
    first, _, last = mention.period.partition("/")
    if (
        not last
        or not first <= month < last
        or not _SO_FAR.search(text, max(0, mention.start - 25), mention.start)
    ):
        return mention
    return PeriodMention(mention.start, mention.end, f"{first}/{month}", True)


def _bare_year_span(
    match: re.Match[str], start: int | None, seasonal: bool, fiscal_years: bool, economy: str | None
) -> tuple[str, bool] | None:
    """A "2024/25" with no word after it is a fiscal year in an article that counts in
    fiscal years ("$2.25 billion in 2023/24" after "the 2024/25 financial year"), else a
    season in one that speaks of seasons."""
    if (
        fiscal_years and not match.group("word") and not _names_fiscal(match)
    ):  # those the fiscal patterns read
        if int(match.group("y2")[-2:]) != (int(match.group("y1")) + 1) % 100:
            return None
        return _fiscal_year(match, economy)
    return _season(match, start, seasonal)


_PART_OF_A_YEAR = ("monthly", "quarterly", "half-year", "year-to-date")


_BOUNDS_A_PERIOD = re.compile(
    r"\b(?:which|that)\s+(?:ended|ends|began|begins|started|starts|runs|ran)\s+(?:in\s+)?\Z", re.IGNORECASE
)


def _full_year_of(found: list[PeriodMention], at: int, year: str, published_month: int | None) -> str:
    """ "For the year, exports grew 5.9%": the year of the months the release reports
    (December's data, published in January, close last year), else the last year named
    before it, else, in a release of January or February, the year before publication
    (a year is over before its total is), else the article's year."""
    months = [p.period for p in found if period_type(p.period) in _PART_OF_A_YEAR]
    if months:
        return months[0][:4]
    named = [p.period for p in found if p.start < at and period_type(p.period) == "annual"]
    if named:
        return named[-1]
    if published_month is not None and published_month <= 2:
        return str(int(year) - 1)
    return year


def _period_mentions(
    text: str, year: str, published_month: int | None, economy: str | None
) -> list[PeriodMention]:
    claimed = bytearray(len(text))
    found = []
    ytd_mentions = []
    full_years = []
    starts = _season_start(text)
    seasonal = _SEASON_WORD.search(text) is not None
    fiscal_years = _NAMED_FISCAL_YEAR.search(text) is not None
    for kind, pattern in _PERIOD_PATTERNS:
        for match in pattern.finditer(text):
            if any(claimed[match.start() : match.end()]):
                continue
            if kind == "month" and _BOUNDS_A_PERIOD.search(text, max(0, match.start() - 30), match.start()):
                continue  # "fiscal year 2024/25, which ended in June": when the year ends, no period
            read = (
                _bare_year_span(match, starts, seasonal, fiscal_years, economy)
                if kind == "season"
                else _season_part(match, starts, economy)
                if kind == "season_part"
                else _fiscal_year(match, economy)
                if kind == "fiscal"
                else _fiscal_part(match, economy, year, published_month)
                if kind == "fiscal_part"
                else _full_fiscal(economy, year, published_month)
                if kind == "full_fiscal"
                else _relative_season(match, starts, year, published_month)
                if kind == "relative_season"
                else _period_of(kind, match, year)
            )
            if kind in _RELATIVE:
                read = _RELATIVE[kind](year, published_month)
            if kind != "ytd" and read is None:
                continue  # not a period: a later pattern may read these words
            claimed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            if kind == "full_year":  # "for the year": read once the periods around it are known
                full_years.append(match)
                continue
            if read is None:  # "so far this year": read once the months the release names are known
                ytd_mentions.append(match)
                continue
            if not read[1] and published_month is not None:
                read = _before_publication(read[0], year, published_month)
            found.append(PeriodMention(match.start(), match.end(), *read))
    found.sort(key=lambda p: p.start)
    # "year to date" is the first run of months from January the release names, else runs
    # to the first month it names (a December release of October data means October), else
    # to the month before publication
    month = next(
        (
            p.period
            for p in found
            if period_type(p.period) == "monthly"
            and not _EVENT_SINCE.search(text, max(0, p.start - 7), p.start)
        ),
        None,
    )  # not "laid off since August"
    # of the year reported on: not "2.9 percent less than in the first ten months of 2024"
    ranges = [
        p.period for p in found if period_type(p.period) == "year-to-date" and p.period.startswith(year)
    ]
    if published_month is not None and published_month > 2:
        month = month or f"{year}-{published_month - 1:02d}"
    ytd = (
        ranges[0]
        if ranges
        else (f"{month[:4]}-01/{month}" if month[5:] != "01" else month)
        if month
        else None
    )
    if ytd is not None:
        found += [
            PeriodMention(
                m.start(), m.end(), _restated(text, m, found) or _fiscal_to_date(text, m, ytd, economy), True
            )
            for m in ytd_mentions
        ]
    found += [
        PeriodMention(m.start(), m.end(), _full_year_of(found, m.start(), year, published_month), False)
        for m in full_years
    ]
    if month is not None:  # "so far in the 2024/25 coffee year": its months to the release's
        found = [_so_far(text, mention, month) for mention in found]
    if month is not None:  # "since July", "since the start of the season in July": to the release's month
        for since in _SINCE.finditer(text):
            first = month_number(since["m"] or since["m2"] or since["m3"])
            last_year, last = int(month[:4]), int(month[5:])
            if first == last:
                continue
            begun = last_year if first < last else last_year - 1
            found = [p for p in found if not since.start() <= p.start < since.end()]
            found.append(PeriodMention(since.start(), since.end(), f"{begun}-{first:02d}/{month}", True))
    if month is not None:  # "Annual goods exports were $74.6 billion" in a monthly release
        found += [
            PeriodMention(m.start(), m.end(), _year_ended(month), True)
            for m in _ANNUAL.finditer(text)
            if not any(claimed[m.start() : m.end()])
        ]
    # "the comparable period in 2024", "the same quarter of 2024": the article's own run of
    # months (quarter, month), in that year
    for same in _SAME_PERIOD.finditer(text):
        kind = _SAME_KINDS[same["unit"].lower()]
        own = next((p.period for p in found if period_type(p.period) == kind), None)
        if own is None:
            continue
        found = [p for p in found if not same.start() <= p.start < same.end()]
        found.append(PeriodMention(same.start(), same.end(), re.sub(r"20\d\d", same["y"], own), True))
    return sorted(found, key=lambda p: p.start)


# a monthly release's "annual" figures are those of the twelve months to its month
_ANNUAL = re.compile(
    r"\b(?:annual|year-ended)\s+(?=(?:goods\s+|merchandise\s+)?(?:exports|imports|trade|deficit|surplus)\b)",
    re.I,
)


def _year_ended(month: str) -> str:
    """ "2025-09" -> "2024-10/2025-09"."""
    year, number = int(month[:4]), int(month[5:7])
    first = f"{year - 1}-{number + 1:02d}" if number < 12 else f"{year}-01"
    return f"{first}/{month}"


_SAME_PERIOD = re.compile(
    r"\b(?:same|comparable|corresponding) (?P<unit>period|quarter|month)"
    r" (?:of|in) (?P<y>20\d\d)\b",
    re.I,
)
_SAME_KINDS = {"period": "year-to-date", "quarter": "quarterly", "month": "monthly"}


class Periods:
    """Period lookups in one article, each at a fixed cost whatever its length: the
    mentions that are not comparison bases, in text order, found by bisection."""

    def __init__(self, article: Article, economy: str | None) -> None:
        text = article.text
        year = reference_year(article) or _PLACEHOLDER_YEAR
        self.year = year
        mentions = _period_mentions(text, year, _published_month(article), economy)
        self.dated = [m for m in mentions if not _is_comparison(text, m)]
        self.base_list = [m for m in mentions if _is_comparison(text, m)]
        self.base_starts = [m.start for m in self.base_list]
        self.bases = {m.end: m for m in self.base_list}
        self.starts = [m.start for m in self.dated]
        # "up 9.3% from US$6.42 billion in September 2024": the base figure's period heads nothing
        self.heads = [
            m
            for m in self.dated
            if not _OF_BASE_FIGURE.search(text, max(0, m.start - 50), m.start)
            and not _OWN_CHANGE.search(text, max(0, m.start - 50), m.start)
            and not _EVENT_DATE.search(text, max(0, m.start - 90), m.start)
        ]
        self.head_starts = [m.start for m in self.heads]
        self.head_set = set(self.head_starts)
        # the period the release reports on: the first its body names ("in the three months
        # to September 2025" under "UK trade: September 2025"), else its title's
        title_end = _title_end(text)
        # not a horizon after the year reported on ("a target of $150 billion by 2030"), nor
        # the year an outlook is for ("Laos expects its exports to reach $9.2 billion this year")
        current = [m for m in self.dated if m.period[:4] <= year]
        reported = [m for m in current if not _OUTLOOK.search(text, max(0, m.start - 120), m.start)]
        body = [m for m in reported if m.start >= title_end]
        self.main = (body or reported or self.dated)[0].period if self.dated else year
        # the first the body names, an outlook's included: the year a forecast is about
        opening = [m for m in current if m.start >= title_end] or current or self.dated
        self.opening = opening[0].period if opening else year

    def _between(self, start: int, end: int) -> list[PeriodMention]:
        return self.dated[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def _referred(self, phrase: re.Match[str], before: int) -> str | None:
        """The span "in the period" or "over the ten months" refers back to: the last range
        named before, or the months of the year to the article's month; "in the quarter"
        (month) is the quarter (month) the article reports on, the first it names: a later
        one is usually a base ("from US$101 a tonne in the June quarter")."""
        if (unit := phrase.group("unit")) is not None:  # "dropped 9.2% in the quarter"
            kind = "quarterly" if unit.lower() == "quarter" else "monthly"
            return next((m.period for m in self.heads if period_type(m.period) == kind), None)
        ranges = [m.period for m in self.heads[: bisect_left(self.head_starts, before)] if "/" in m.period]
        count = phrase.group("n")
        if count is None:
            return ranges[-1] if ranges else None
        n = int(count) if count.isdigit() else _NUMBER_WORDS[count.lower()]
        same = [period for period in ranges if re.fullmatch(rf"(20\d\d)-01/\1-{n:02d}", period)]
        if same:  # the year reported on, before another year's named in passing
            return next((p for p in reversed(same) if p.startswith(self.year)), same[-1])
        month = re.fullmatch(r"(20\d\d)-(\d\d)", self.main)
        return f"{month.group(1)}-01/{self.main}" if month and int(month.group(2)) == n else None

    def first_in(self, start: int, end: int) -> str | None:
        """The first period a span names (a table's caption, column or row), if any."""
        inside = self._between(start, end)
        return inside[0].period if inside else None

    def _bases_between(self, start: int, end: int) -> list[PeriodMention]:
        """Comparison periods in a span: the period of a base figure right before one."""
        return self.base_list[bisect_left(self.base_starts, start) : bisect_left(self.base_starts, end)]

    def at(self, text: str, sentence: tuple[int, int], paragraph_start: int, figure: Figure) -> str:
        """The period a figure describes: one right after it ("$49.1 billion in 2024"), else
        a possessive right before it ("August's $5.49 billion"), else the last period phrase
        before it in its sentence that heads figures (not a base figure's, not a change's in
        passing), else the first after it, else the first one of its paragraph that heads
        figures, else the main."""
        start, end = sentence
        opening = _BRACKET_OPEN.search(text, max(start, figure.start - 4), figure.start)
        if opening is not None and (base := self.bases.get(opening.start())) is not None:
            return base.period  # "a fall of 3.1% compared with August 2024 (€201.4 bn)"
        if figure.unit not in ("percent", "percentage_point") and (
            preceding := _PREVIOUS_AFTER.match(text, figure.end)
        ):  # "from N8.87 trillion in the preceding quarter": the one before the article's
            own = self._referred(preceding, figure.start)
            if own is not None and (before_own := _period_before(own)) is not None:
                return before_own
        inside = self._between(start, end)
        right_after = [
            m
            for m in inside
            if 0 <= m.start - figure.end <= 4
            or (m.start > figure.end and _OWN_PERIOD.fullmatch(text, figure.end, m.start))
        ] + [
            m
            for m in self._bases_between(figure.end, end)
            if figure.unit not in ("percent", "percentage_point")
            and _RECORDED_AFTER.fullmatch(text, figure.end, m.start)
        ]
        if right_after:
            return right_after[0].period
        # "rise 3.4 percent to RM396.5 billion in the ten months": the span it names, not an
        # aside's year earlier in the sentence
        spanned = (
            _THE_PERIOD.match(text, figure.end + 1) if text[figure.end : figure.end + 1].isspace() else None
        )
        if spanned is not None and (referred := self._referred(spanned, figure.start)) is not None:
            return referred
        named = [*inside, *self._bases_between(start, figure.start)]  # "narrower than August's $5.49 billion"
        owner = next((m for m in named if _POSSESSIVE.fullmatch(text, m.end, figure.start)), None)
        if owner is not None:
            return owner.period
        # "narrowed to 42.6 billion from 58.1 billion in the second quarter, as exports slid 13.5%":
        # the base figure's period is not the period of the figures after it
        before = [m for m in inside if m.start < figure.start and m.start in self.head_set]
        if before:
            return before[-1].period
        same_clause = [
            m
            for m in inside
            if m.start >= figure.end
            and not CLAUSE.search(text, figure.end, m.start)
            and not _BASE_FIGURE.search(text, figure.end, m.start)
            and not _OTHER_EVENT.search(text, figure.end, m.start)
        ]
        if same_clause:
            return same_clause[0].period
        if (back := _THE_PERIOD.search(text, start, end)) is not None and (
            referred := self._referred(back, start)
        ) is not None:
            return referred
        if _EXPECTED.search(text, start, end):
            return self.main  # "Economists had expected a surplus of A$4.6 billion": for the release's period
        if _A_YEAR_EARLIER.match(text, start):  # "A year earlier, Japan had logged a deficit of ..."
            return re.sub(r"20\d\d", lambda y: str(int(y.group()) - 1), self.main)
        # "2.3 percent more than in 2024": compared with a whole year, it is the year after
        years = [m for m in self._bases_between(start, end) if period_type(m.period) == "annual"]
        if years and not inside:
            return str(int(years[0].period) + 1)
        # "the gap narrowed 4.2% from a revised $3.35 billion in September": the month after it
        based = [m for m in inside if m.start > figure.end and _BASE_FIGURE.search(text, figure.end, m.start)]
        months = [
            m for m in based if period_type(m.period) in ("monthly", "quarterly") and not m.explicit_year
        ]
        if months and len(based) == len(inside) and (after := _period_after(months[0].period)) is not None:
            return after  # not from "$2.54 billion in October 2024", a year-on-year base
        first = bisect_left(self.head_starts, paragraph_start)  # the paragraph's first period
        if first < len(self.heads) and _PLUPERFECT.match(
            text, self.heads[first].end, self.heads[first].end + 60
        ):
            first += 1  # "In October 2024 the country had recorded ...": the past it looked back on, its own
        earlier = self.heads[first] if first < len(self.heads) and self.head_starts[first] < start else None
        if earlier is not None:
            return earlier.period
        # "Main export items in the 10 months:" over the lines it heads
        if (header := _THE_PERIOD.search(text, paragraph_start, start)) is not None and (
            referred := self._referred(header, paragraph_start)
        ) is not None:
            return referred
        return self.main


_EVENT_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_RESTATES_SPAN = re.compile(r",?\s+(?:i\.e\.,?\s+|or\s+)?")


_FISCAL_YEAR_OF = re.compile(r"\b(?:fiscal|financial)[- ]$", re.IGNORECASE)


def _fiscal_to_date(text: str, mention: re.Match[str], ytd: str, economy: str | None) -> str:
    """ "the fiscal year to date" in India's December release: April to November, the
    months of its fiscal year to the month the calendar year to date runs to."""
    start = _FISCAL_START.get((economy or "").split("-")[0])
    if start is None or not _FISCAL_YEAR_OF.search(text, max(0, mention.start() - 10), mention.start()):
        return ytd
    last = ytd.split("/")[-1]
    year, month = int(last[:4]), int(last[5:7])
    begun = year if month >= start else year - 1
    return f"{begun}-{start:02d}/{last}"


def _restated(text: str, mention: re.Match[str], found: list[PeriodMention]) -> str | None:
    """ "the fiscal year to date, from April to October": the months the words restate."""
    return next(
        (
            p.period
            for p in found
            if "/" in p.period and _RESTATES_SPAN.fullmatch(text, mention.end(), p.start) is not None
        ),
        None,
    )


# opening its sentence, "Since July, exports have reached ..." dates them; "a tariff since August" does not
_SINCE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))Since (?:(?:the (?:start|beginning) of [^.,;]{{0,60}}?\s(?:in|on) )?"
    rf"(?P<m>{MONTH})\b(?!,?\s\d)"
    # "Since the season began on July 1": its first day is the first month's
    rf"|the (?:season|(?:marketing|crop|fiscal|financial) year) (?:began|started|opened) (?:on |in )?"
    rf"(?P<m2>{MONTH})\b"
    rf"|the (?:start|beginning) of the (?:season|(?:marketing|crop|fiscal|financial) year) on "
    rf"(?P<m3>{MONTH})\b)"
)
_A_YEAR_EARLIER = re.compile(
    r"\s*(?:A year (?:earlier|ago|before)|In the same (?:month|period|quarter) (?:a year earlier|last year))"
    r",",
    re.IGNORECASE,
)
# what an outlook says, not what a figure was set against ("widened more than expected")
_OUTLOOK = re.compile(
    r"\b(?:expects|(?<!than )(?<!as )expect(?:ed)?\s(?:\S+\s){0,4}?to|forecasts?\s(?:that|\S+\sto)"
    r"|projects|projected\sto|aims?\sto|targets|plans?\sto|will|would|set to|on track to|on course to)\b"
    r"(?:[^.;\n]|\.(?=\d))*$",  # "expects exports of US$9.2 billion this year": a decimal ends no sentence
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    r"\b(?:economists|analysts|forecasters)\b[^.;]{0,40}\b(?:expected|forecast|predicted|projected|estimated)\b"
    r"|\bpoll(?:ed|s)?\b|\bconsensus\b|\bmedian (?:forecast|estimate)\b",
    re.IGNORECASE,
)
_PREVIOUS_AFTER = re.compile(
    r"\s(?:in|during|for) the (?:previous|preceding|prior) (?P<unit>quarter|month)\b"
)


def _period_after(period: str) -> str | None:
    """The month after a month, the quarter after a quarter."""
    if (month := re.fullmatch(r"(20\d\d)-(\d\d)", period)) is not None:
        count = int(month.group(1)) * 12 + int(month.group(2))
        return f"{count // 12}-{count % 12 + 1:02d}"
    if (quarter := re.fullmatch(r"(20\d\d)-Q([1-4])", period)) is not None:
        count = int(quarter.group(1)) * 4 + int(quarter.group(2))
        return f"{count // 4}-Q{count % 4 + 1}"
    return None


def _period_before(period: str) -> str | None:
    """The month before a month, the quarter before a quarter."""
    if (month := re.fullmatch(r"(20\d\d)-(\d\d)", period)) is not None:
        count = int(month.group(1)) * 12 + int(month.group(2)) - 2
        return f"{count // 12}-{count % 12 + 1:02d}"
    if (quarter := re.fullmatch(r"(20\d\d)-Q([1-4])", period)) is not None:
        count = int(quarter.group(1)) * 4 + int(quarter.group(2)) - 2
        return f"{count // 4}-Q{count % 4 + 1}"
    return None


def _title_end(text: str) -> int:
    """Where a title line ends: a first line with no sentence in it, above the body."""
    first = text.lstrip()
    end = first.find("\n")
    if end < 0 or re.search(r"[.!?]\s", first[:end] + " "):
        return 0
    return len(text) - len(first) + end


_THE_PERIOD = re.compile(
    r"\b(?:in|over|during|for) the (?:period|(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven) months|(?P<unit>quarter|month)(?! (?:of|to|ending|ended)\b))\b",
    re.IGNORECASE,
)


# "plunged 24.7 percent after Washington imposed a tariff in August": the tariff's month
_OTHER_EVENT = re.compile(
    r"\b(?:after|when|because|once|as|following|while|whereas|despite|amid)\s", re.IGNORECASE
)
# ... and that month heads none of the figures that follow it
_EVENT_DATE = re.compile(
    r"\b(?:after|when|because|once|despite|amid)\s[^,;.]{1,80}?\s(?:in|on|during)\s+$"
    r"|\b(?:began|begins|begun|started|starts)\s+(?:in\s+)?$"  # "the fiscal year that began in April"
    # "crude oil, exported for the first time in June, brought in ...": when it began, not its period
    r"|\bfor the first time\s+(?:since\s+)?(?:in\s+|on\s+)?$",
    re.IGNORECASE,
)


_POSSESSIVE = re.compile(r"['’]s\s+(?:an?\s+)?(?:(?:revised|preliminary|provisional|initial)\s+)?")
_BRACKET_OPEN = re.compile(r"\s?\(\S{0,4}$")


# the verbs that date the figure before them: "$6.4 billion recorded (shipped) in July"
_RECORDED = r"(?:recorded|posted|registered|reported|seen|shipped|exported|imported|sold|delivered)"


# "a 4.6% decline in July", "A$12.5 billion in the September quarter": the period the figure
# is of, as in "$49.1 billion in 2024"
_OWN_PERIOD = re.compile(
    r"\s(?:(?:gap|deficit|surplus|shortfall|worth)\s)?(?:in|for|during)\sthe\s"
    r"|\s(?:decline|drop|fall|rise|increase|gain|contraction|expansion|growth|jump)\s(?:in|for|during)\s(?:the\s)?"
    rf"|\s{_RECORDED}\s(?:(?:in|for|during)\s(?:the\s)?)?"  # a year's mention holds its "in"
)


# "rose 6.3%, following a 3.0% decline in August": August is that change's, not the sentence's
_OWN_CHANGE = re.compile(
    r"\d\s?(?:%|percent|per cent)\s(?:decline|drop|fall|rise|increase|gain|contraction|expansion|jump)"
    r"\s(?:in|for|during)\s(?:the\s)?$"
)


# "narrowed to $17.2 billion from $18.1 billion in July": July is the base figure's period
_OF_BASE_FIGURE = re.compile(
    r"\b(?:from|than|compared (?:with|to)|versus|against)\s+(?:an?\s+)?(?:revised\s+|preliminary\s+)?"
    r"(?:(?:deficit|surplus|shortfall|gap|total)\s+of\s+)?\S{0,4}?\s?\d[\d.,]*"
    r"(?:\s+[a-z]+){0,3}\s+(?:in|for)\s+(?:the\s+)?$"
    r"|\bthe\s+\S{0,4}?\s?\d[\d.,]*(?:\s+[a-z]+){0,2}\s+of\s+$"  # "nearly double the US$10.04 billion of"
)
# "In October 2024 the country had recorded a surplus": a past the report looks back on
_PLUPERFECT = re.compile(
    r"[^.;]{0,40}?\bhad\s+(?:recorded|posted|registered|reported|seen|logged|booked|been)\b"
)


_BASE_FIGURE = re.compile(
    r"\bfrom\s+(?:an?\s+)?(?:revised\s+)?(?:(?:deficit|surplus|shortfall|gap|total)\s+of\s+)?"
    r"(?!(?:19|20)\d\d\b)\S{0,4}?\s?\d"
)  # "from 58.1 billion", "swung to a surplus of $2.73 billion from a deficit of $0.36 billion"


_BASE_BEFORE = re.compile(
    r"\b(?:from|than|than in|compared with|compared to|versus|vs\.?|over(?!\s+the\s+$)|on|against|since"
    r"|(?:above|below|under)\s+(?:the\s+)?(?:level|figure|value)\s+(?:of|for|in))\s+"  # "below the level of"
    r"(?:the\s+)?(?:same\s+)?(?:(?:period|month|quarter)\s+(?:(?:of|in)\s+)?)?$"
)


def _is_comparison(text: str, mention: PeriodMention) -> bool:
    """ "up 5 percent from September", "compared with 2024": a base, not the period."""
    before = text[max(0, mention.start - 30) : mention.start].lower()
    return bool(_BASE_BEFORE.search(before)) or bool(
        _RECORDED_BASE.search(text, max(0, mention.start - 80), mention.start)
    )


# "the US$4.87 billion trade deficit posted in September 2024": the base figure's own period
_RECORDED_AFTER = re.compile(rf"[^,;.%\d]{{0,40}}?\b{_RECORDED}\s+(?:in|for|during)\s+(?:the\s+)?")


# "7.6% higher than the ₦35.35 trillion recorded in the first quarter", "1.47% above the N8.82
# trillion posted in Q3 2024": a base as well
_RECORDED_BASE = re.compile(
    r"\b(?:than|from|compared (?:with|to)|against|versus|above|below)\s[^,;]{0,45}?"
    rf"\b{_RECORDED}\s+(?:in|for|during)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
