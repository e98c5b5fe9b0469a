"""The rules baseline: observations from the figure finder and a transparent set of cue-word
rules. No model, no network, deterministic; the baseline row of every score table and the
fallback for articles that have no recorded responses.

The rules, in order, for each figure of a sentence that speaks of trade:
- entity: the first area named in the sentence that is not a partner ("exports *to* the
  US"), else the paragraph's, else the article's first, else its dateline city's;
  demonyms count ("German exports");
- partner: an area after "to", "from", "with" or "vis-a-vis" before the figure;
- metric from the unit and cue words (share, contributed, enterprises, countries, price,
  volume, streak units); figures that are not about trade (GDP, inflation, an index, a
  rate, a population) are left out;
- change from cue words (month on month, from the previous quarter, year on year) and the
  clause's verbs; an amount right after a change verb is an absolute change; a change that
  names no comparison takes one its period has;
- flow from the nearest export/import/trade/surplus/deficit cue before the figure;
- product (products.py) from a quoted name, "exports of X", "X exports", "X products" or
  the subject of a change ("Coal fell 3%");
- status from forecast, target and revision cues;
- period from the nearest period phrase (a month, a quarter, a half, "January-September",
  "the first ten months", "through September", a year), in the sentence, then the
  paragraph, then the article's first.
Tables (tables.py) are typed cell by cell from their row labels, column names and caption.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from pipeline.core.entities import names, resolve
from pipeline.core.errors import ExtractionError, SchemaError
from pipeline.core.fingerprint import source_digest
from pipeline.core.schema import Change, Flow, Metric, Observation, Qualifier, Status, is_currency, is_price
from pipeline.core.usage import Usage
from pipeline.extract.choices import RULES_VERSION
from pipeline.extract.result import ArticleResult, output_row
from pipeline.extract.rules.areas import DEMONYMS, agency_entity, dateline_entity
from pipeline.extract.rules.periods import (
    MONTH,
    MONTH_RE,
    QUARTER_WORDS,
    Periods,
    month_number,
    reference_year,
)
from pipeline.extract.rules.products import (
    ONE_FLOW,
    QUOTED,
    SERVICES,
    find_product,
    goods_scope,
    is_product,
    ranked_product,
)
from pipeline.extract.rules.tables import table_observations
from pipeline.extract.rules.text import CLAUSE, DASH_ASIDE, DATELINE_LEAD, clause_before, sentences
from pipeline.io.articles import Article
from pipeline.io.jsonl import parse_observation
from pipeline.numbers.figures import PHYSICAL_WORDS, Figure, find_figures, find_tables
from pipeline.numbers.grounding import ground
from pipeline.numbers.normalise import fold_label, period_type


def _rules_hash() -> str:
    """Identity of everything that shapes the rules' output: these rules and their result
    rows, every module of the layers below (schema, entities, finder, grounding, inputs),
    and the shipped entity registry."""
    registry = resources.files("pipeline").joinpath("data/entities.toml").read_bytes()
    parts = ("core", "io", "numbers", "extract/rules", "extract/result.py")
    return source_digest(parts, [registry])[:12]


RULES_HASH = _rules_hash()

# a region of a country ("south China's Guangxi") or a continent ("North America") is not
# the country its name contains
_REGIONAL = re.compile(
    r"\b(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Nn]ortheast|[Nn]orthwest|[Ss]outheast|[Ss]outhwest|[Cc]entral)"
    r" China's |\b(?:North|South|Latin|Central) America(?:n|'s)?\b"
)
_DIGIT = re.compile(r"\d")
_WHOLE_OF = re.compile(r"(?:%|\bpercent|\bper cent|\bshare|\bproportion)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_TRADE_CUE = re.compile(
    # ("the peso traded at 39.9 per dollar", "shares trading at" are markets, not trade)
    r"\b(?:export|import(?!an[ct])|trade(?!d\s+(?:at|around|near|between|higher|lower|flat)\b)"
    r"|trading(?!\s+(?:at|around|near|between|higher|lower|flat)\b)"
    r"|shipment|shipped|surplus|deficit|shortfall|trade gap"
    r"|outbound|inbound"
    r"|sales abroad|overseas sales|purchases from|goods|merchandise|customs|arrivals|cargoes"
    r"|sales to (?-i:(?:the )?[A-Z])"  # "as sales to Algeria slowed"
    r"|(?:largest|biggest|top|main) (?:buyer|supplier|country of origin|export destination)"
    r"|FOB\b|free on board)",
    re.IGNORECASE,
)
# what a report on one commodity's trade measures it by: "Volumes were 12.6 percent higher"
_COMMODITY_MEASURE = re.compile(
    r"\b(?:volumes?|earnings|receipts|revenues?|(?:export|unit|reali[sz]ed)\s+prices?|destinations?|buyers?)\b",
    re.IGNORECASE,
)
_NOT_TRADE = re.compile(
    r"\b(?:GDP|gross domestic|inflation|consumer prices|CPI|interest rate|policy rate|benchmark rate"
    r"|(?:reference|repo|key|lending|deposit|refinancing) rate"
    # a stock market, not the stocks roasters rebuild
    r"|index|indices|stocks?(?=\s+(?:market|exchange|index|indices|prices?|rose|fell|gained|lost|climbed|slid"
    r"|closed|ended))|equit(?:y|ies)"
    r"|shares(?!\s+of\s*(?:\S{0,3}\d|$))|bourse|population|people|residents|unemployment"
    r"|jobless|yield|tourists?|visitors?|passengers?(?![\s-](?:cars?|vehicles?)\b)"
    r"|exchange rate|per dollar|against the (?:US |U\.S\. )?dollar|to the dollar|peso traded|rupiah traded"
    r"|hotline|(?:appreciat|depreciat)\w*"
    r"|weaker|stronger|tax(?:es)?|VAT|value[- ]added|discounts?|harvest|farm-?gate|producer price"
    # "phone toll-free 0508 525 525" is a number to call; "phones and parts" are goods
    r"|phone(?=[\s:]+(?:toll-free|number|no\b|\+|\(?\d))|tel\.|call(?:s|ing)?\b"
    r"|capital(?! goods)|investment|FDI"
    r"|(?<!export )(?<!import )(?<!trade )growth forecast"
    r"|economy grew"
    r"|(?:global|world) economy"
    r"|economy\s(?:(?:to|was|is|has been|had been|will|would)\s)?"
    r"(?:grow|expand|contract|shrink)(?:s|ing|ed)?\b"
    r"|tariffs?"
    r"|dut(?:y|ies)|levy|levies|production|output|traded at|trading at|current account|budget"
    r"|fiscal(?!\s+(?:year|years|quarter|half|first|second|third|fourth|20\d\d|\d\d)\b)"
    r"|greenback|currenc(?:y|ies)|(?:was|is|were) trading"
    # a market's quote, a plant's size, the world's balance of a crop: no flow of a reporter's trade
    r"|futures|refiner(?:y|ies)|capacity|(?:supply|global|world) (?:surplus|deficit|gap|shortfall)"
    # "the coverage rate of imports by exports was 79.5%", "exports covered 75.5% of imports"
    r"|coverage|covered)",
    re.IGNORECASE,
)
# a subject that is no trade, whatever trade words follow it in its clause
_NON_TRADE_SUBJECT = re.compile(
    r"\W*(?:(?:in|during|for|over|by|at)\s[^,]{1,40},\s*)?"
    r"(?:[^,.;]{1,60}?\b(?:said|says|reported|noted|added)\s+(?:that\s+)?)?"  # "The central bank said ..."
    r"(?:the\s)?(?:[\w'\u2019-]+\s){0,3}?"
    r"(?:remittances|reserves|tourist arrivals|tourism (?:receipts|revenues?|earnings)"
    r"|foreign direct investment|the \w+ (?:appreciated|depreciated|weakened|strengthened))\b",
    re.IGNORECASE,
)
# an aside ("Gas imports, mainly from Russia, rose"), not "Imports came mainly from Singapore"
_PART_FROM = re.compile(
    r"(?:,|\(|\u2014|\s-)\s*(?:mainly|mostly|largely|chiefly|partly|most of (?:them|it)|much of (?:them|it))"
    r"\s+(?:from|to|in)\s+"
    r"(?:the\s+)?\Z",
    re.IGNORECASE,
)
_MADE_BEFORE = re.compile(
    r"\b(?:produced|produces|built|builds|manufactured|assembled|mined|harvested)\s+"
    r"(?:a record\s+|some\s+|about\s+|nearly\s+|almost\s+|more than\s+|around\s+|over\s+)?\Z",
    re.IGNORECASE,
)
_MAIN_CLAUSE = re.compile(r";|\b(?:while|whereas|but)\b", re.IGNORECASE)
# "the largest buyer of Indonesian goods", "the largest single market": a flow by who takes it
_STANDING_FLOW = (
    r"buyers?\s+of|suppliers?\s+(?:of|to)"
    r"|(?:largest|biggest|top|main|leading)\s+(?:single\s+)?(?:buyer|supplier|destination|market|client"
    r"|customer)s?\b"
    r"|(?:largest|biggest|top|main|leading)\s+(?:countr(?:y|ies) of origin|sources?)\b"
)
_FLOW_CUES = re.compile(  # words, not parts of words ("important", "Singapore")
    r"\b(?:net trade|net exports"
    # "the importers of Bahraini products" buy the economy's exports
    r"|importers?\s+of\s+(?:[A-Z][\w-]*\s+)?(?:products|goods|merchandise|exports)\b"
    # "the leading importer of Ceylon tea": an area named as the economy's buyer
    r"|(?:largest|biggest|top|main|leading|single)\s+importers?\s+of\b"
    r"|(?:foreign |merchandise |goods )?trade (?:gap|deficit|surplus|balance|shortfall)"
    # "the surplus on trade in services": a balance, whatever trade it is of
    r"|(?:gap|deficit|surplus|balance|shortfall) (?:on|in) (?:(?:goods|services|merchandise) )?trade\b"
    # "the surplus on the balance of trade in goods"
    r"|(?:(?:gap|deficit|surplus|shortfall) on the )?balance of (?:foreign )?trade(?: in (?:goods|services))?"
    r"|inbound shipments|outbound shipments|overseas sales|foreign sales"
    r"|sales\b[^,.;]{0,40}?\babroad\b"  # "sales of pharmaceutical products abroad"
    r"|sales to (?-i:(?:the )?[A-Z])"  # "sales to Argentina rose 11.0%"
    r"|import(?:s|ed)? and export(?:s|ed)?|export(?:s|ed)? and import(?:s|ed)?|import-export|two-way"
    r"|foreign trade"
    r"|total trade|surplus|deficit|shortfall|gap|balance"
    r"|export(?:s|ed|ing|ers)?|(?:shipments|deliveries|arrivals)\b[^,.;]{0,50}?\binto\b"
    r"|shipments|shipped|outbound|import(?:s|ed|ing|ers)?(?!an[ct])|inbound|purchases|arrivals"
    rf"|{_STANDING_FLOW}"
    r"|FOB\b|free on board"
    r"|(?<=[a-z]\s)bill\b|(?<=['’]s\s)bill\b"  # "the energy bill", "the petroleum group's bill": imports
    # "cashew nuts brought in $531.4 million", "travel receipts reached $3.92 billion": sold abroad
    r"|earned|fetched|brought in|(?:services|travel|transport|tourism|export) receipts"
    # balance-of-payments releases (the ABS): credits are exports, debits imports
    r"|(?:goods and services|goods|services) (?:credits|debits)|debits"
    # a trading partner names an area, a free trade zone or a trade deal no flow
    r"|(?<!free )(?<!free-)trade(?!\s+(?:partners?|zones?|agreements?|deals?|pacts?|talks|negotiations"
    r"|ministers?|ministry|organi[sz]ation|policy|war|tensions?|barriers?|disputes?|bloc|fairs?))"
    r"|trading(?!\s+partner))",
    re.IGNORECASE,
)
_MOM = re.compile(
    r"month[- ]on[- ]month|from the previous month|from a month earlier|from the prior month|m/m|\bm-o-m\b"
    r"|\bmom\b|over the previous month|compared with the previous month|sequential|month-over-month"
    r"|on the previous month|on the prior month|on the month\b|month over month|on a monthly basis"
    r"|\b(?:in|from|than|on|over) the (?:previous|prior|preceding) month\b",
    re.IGNORECASE,
)
# weaker: a comparison with a month named without a year ("up 5.3% from July")
_MOM_NAMED = re.compile(
    rf"\b(?:from|compared with|compared to|over|on|than(?: in)?|against|versus|vs\.?) {MONTH}\b"
    rf"(?!,?\s\d)(?!['’]s\b)"
    rf"(?!\s?(?:to|-|–|through)\s?{MONTH})"
    # "from $7.95 billion in September", "from a revised K20,881.8 million in September"
    rf"|\bfrom (?:an?\s)?(?:revised\s|preliminary\s|provisional\s)?"
    rf"(?:(?:deficit|surplus|shortfall|gap|total) of\s)?\S{{0,4}}?\s?\d[\d.,]*"
    rf" (?!percent\b|per cent\b|pct\b)[^.,;]{{0,20}}\bin {MONTH}\b(?!,?\s\d)",
    re.IGNORECASE,
)
_QOQ = re.compile(
    r"quarter[- ]on[- ]quarter|from the previous quarter|from the prior quarter|q/q|\bqoq\b|\bq-o-q\b"
    r"|over the previous quarter|compared with the previous quarter|quarter-over-quarter"
    r"|from the (?:first|second|third|fourth) quarter|from Q[1-4]\b|from the preceding quarter"
    rf"|(?:from|on|over) the {MONTH} quarter|on the (?:previous|prior|preceding) quarter"
    r"|on the quarter\b|on a quarterly basis|quarterly basis|(?:previous|prior|preceding) three months"
    r"|\b(?:in|from|than|on|over) the (?:previous|prior|preceding) quarter\b"
    rf"|(?:compared (?:with|to)|versus|against|from) the three months (?:to|ending|ended) {MONTH}"
    r"|(?:compared (?:with|to)|versus|against) the"
    r" (?:first|second|third|fourth|previous|prior|preceding) quarter"
    r"(?! of \d)",
    re.IGNORECASE,
)
_FORECAST = re.compile(
    # "beating expectations", "than forecast": the figure is measured, not expected
    r"\b(?<!beating )(?<!beat )(?<!missing )(?<!than )(?<!above )(?<!below )(?<!with )(?<!topping )"
    r"(?:expect(?:s|ed|ing)?\b|expectations? (?:for|of)\b|forecast(?:s|ed|ing)?"
    # "the ministry projects exports of", not "large projects" or "the gas projects": the verb
    r"|(?<!the )(?<!these )(?<!large )(?<!major )(?<!gas )(?<!mining )(?<!energy )(?<!power )(?<!new )"
    r"(?<!big )(?<!key )(?<!such )(?<!investment )(?<!infrastructure )project(?:s|ed|ion|ions)?"
    r"|predict(?:s|ed)?"
    # "were on course to rise"
    r"|will\b|(?:is|was|are|were) set to|(?:is|was|are|were) on (?:course|track) to"
    r"|(?:is|are) seen\b"  # "Imports are seen rising 6-8 percent in 2026"
    r"|outlook|estimate[sd]? (?:that|for \d{4})|could|likely to|anticipate[sd]?"
    r"|(?:median|consensus|average|poll) (?:estimate|forecast|projection)s?)",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\b(?:target(?:s|ed|ing)?|aims? (?:to|for)|aiming (?:to|for)|goal|seeks? to)\b", re.IGNORECASE
)
_REVISED = re.compile(r"\brevis(?:ed|ion)\b", re.IGNORECASE)
_REVISED_FIGURE = re.compile(
    r"\b(?:a|an|the)\s+(?:upwardly\s+|downwardly\s+)?revised\s+"
    r"(?:(?:trade\s+)?(?:deficit|surplus|shortfall|gap|total)\s+of\s+)?$",
    re.I,
)  # "from a revised", "up from a revised surplus of"
# "revised its August data, putting the deficit at $2.31 billion", "exports are now put at"
_REVISION_PUTS = re.compile(
    r"\brevis(?:ed|ing)\b[^.;]{0,60}?,?\s(?:putting|to put|which (?:now )?puts?)\b"
    r"[^.;%]{0,60}?\bat\s+\S{0,4}$"
    r"|\b(?:is|are|was|were) now (?:put|estimated|reported|seen) at\s+\S{0,4}$"
    # "revised its figures: the deficit now stands at"
    r"|\brevis(?:ed|ing)\b[^.]{0,120}\bnow (?:stands|stand|stood) at\s+\S{0,4}$",
    re.I,
)
_REVISED_AFTER = re.compile(
    r"\s*\((?:previously|originally|initially|first)\s+(?:published|reported|estimated|released)"
    r"|[^.;]{0,40},\s+a figure (?:it|that was|which was|that has been)\s+(?:\w+\s+)?revised\b",
    re.I,
)
_TARGET_AFTER = re.compile(r"\s+(?:(?:annual|export|import|trade|official)\s+)?(?:target|goal)\b", re.I)
# "the 0.86 million tonnes shipped a year earlier", "the $2.8 billion gap recorded a year ago"
_PRIOR_YEAR_AFTER = re.compile(
    r"\s*(?:(?:gap|deficit|surplus|shortfall)\s+)?"
    r"(?:(?:shipped|exported|imported|recorded|sold|posted)\s+)?(?:(?:in|during|for)\s+)?(?:the\s+)?"
    r"(?:same (?:period|month|quarter) (?:of |in )?(?:last year|a year"
    r" (?:earlier|ago)|the previous year)|a year (?:earlier|ago)|a season (?:earlier|ago|before)"
    r"|the (?:previous|prior) season)",  # a bare "last year" is a period itself
    re.IGNORECASE,
)
_FLOW_WORDS = {
    "exports": Flow.EXPORT, "export": Flow.EXPORT, "shipments": Flow.EXPORT, "imports": Flow.IMPORT,
    "import": Flow.IMPORT, "trade": Flow.TOTAL, "total trade": Flow.TOTAL, "surplus": Flow.BALANCE,
}  # fmt: skip
_OF_PRODUCT = re.compile(
    r"\s+(?:worth\s+)?of\s+([a-z][a-z-]*"
    r"(?: and [a-z][a-z-]*| (?!overseas\b|abroad\b|(?:volume|value|shipment|sale)s?\b)[a-z-]+)?)"
    # "21% of bean volumes": of the beans, counted by volume
    r"(?:\s(?:volume|value|shipment|sale)s?\b)?"
    r"(?=\s+(?:in|from|to|during|were|was|for|overseas|abroad|worth|valued)\b|[,.;])"
    # "goods worth 1.52 trillion yuan in mechanical and electrical products were exported"
    r"|\s+in\s+((?:[a-z]+ and )?[a-z][a-z-]*(?: [a-z-]+)? products)(?=\s+(?:were|was)\b)"
)


_OR_AGAIN = re.compile(r",?\s+or\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|almost\s+)?")


def _restated_product(ctx: _Context, figure: Figure) -> str | None:
    """ "Motor vehicles slid 9.6% to C$15.2 billion, or about 24% of goods exports": the
    share restates the level before it, and is of that level's product."""
    before = [f for f in ctx.figures if f.end <= figure.start]
    if not before or not _OR_AGAIN.fullmatch(ctx.article.text, before[-1].end, figure.start):
        return None
    return find_product(ctx.sentence, before[-1].start - ctx.start)


# "taking 58.3% of Angolan crude": a share of the economy's product, named by its demonym
_DEMONYM_WORDS = "|".join(map(re.escape, sorted(DEMONYMS, key=len, reverse=True)))
_OF_DEMONYM_PRODUCT = re.compile(
    rf"\s*(?:percent\s+|per cent\s+)?of\s+(?:{_DEMONYM_WORDS})"
    r"\s+(?P<named>[a-z][\w-]*(?:\s[a-z][\w-]*)?)(?=[,.;]|\s(?:exports|shipments|sales|volumes?)\b|$)"
)


def _share_of_product(text: str, end: int) -> str | None:
    """ "took 50.2 percent of garment shipments": a share of one product's trade."""
    if (own := _OF_DEMONYM_PRODUCT.match(text, end)) is not None and is_product(own["named"]):
        return fold_label(own["named"])
    whole = _OF_TOTAL.match(text, end)
    named = (
        whole.group("named")
        if whole and whole.group(0).endswith(("exports", "imports", "shipments"))
        else None
    )
    return fold_label(named) if named and is_product(named) else None


# the areas of a list, each but the last: "China, Japan and the ", "India or "
# ("From January to October, Japan's exports": a month is no area of a list)
_AREAS_BEFORE = (
    rf"(?:(?!{MONTH}\b)[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*(?:,\s+and\s+|,\s+|\s+and\s+|\s+or\s+)(?:the\s+)?)"
)
_PARTNER_CUE = re.compile(
    # "exports from Thailand" name the exporter; "imports from Thailand" a partner
    r"\b(?:with|to|(?<!xports )from|outside|other than|excluding|vis-a-vis|towards|bound for|destined for)"
    r"\s+(?:the\s+)?(?:(?:mainland|neighbouring|neighboring|fellow|other|[\w]+-member)\s+)?"
    r"(?:(?<=mainland\s)of\s+)?"  # "to the mainland of China"
    r"(?:(?:member states|members|countries|economies|nations)\s+"
    r"(?:of|participating in|along|in)\s+(?:the\s+)?"
    # "sales to non-traditional markets such as Japan"
    r"|(?:[\w-]+\s+)?(?:markets|destinations|buyers|customers|countries|economies)"
    r"\s+(?:such as|like|including)\s+)?"
    rf"{_AREAS_BEFORE}{{0,6}}$"
)
# "trade between Guangxi and ASEAN": the second area is the partner
_BETWEEN = re.compile(r".*\bbetween\s+(?:the\s+)?\S.*?\s+and\s+(?:the\s+)?", re.DOTALL)
_LIST_VERB = re.compile(
    r"\b(?:rose|rise|increased|grew|jumped|surged|climbed|fell|declined|dropped|saw|posted|recorded|reached"
    r"|were|was|expanded|slipped|edged|came|amounted|totall?ed|stood|exported|imported|shipped"
    r"|earned|fetched|brought in|followed|ranked|accounted for|made up|represented)\b"
)
_SHARE_VERBS = (
    r"(?:account(?:ing|ed|s)? for|took|taking|takes|made up|making up|represented|representing"
    r"|supplied|supplying|bought|buying|absorbed|absorbing)"
)
_SHARE = re.compile(
    rf"{_SHARE_VERBS}\s+(?:more than\s+|about\s+|nearly\s+|around\s+|almost\s+|some\s+)?$|\bshare\b"
    r"|\bshares of\s+$",  # "with shares of 14.6 percent and 13.2 percent, respectively"
    re.I,
)
_SHARE_CUE = re.compile(rf"\b(?:share|{_SHARE_VERBS})\b", re.I)
_AREA_BRACKET = re.compile(r"[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*)*\s\($")
# what an area is to the economy when it is named as a partner
_ROLES = (
    r"(?:partners?|markets?|destinations?|outlets?|buyers?|importers?|suppliers?|sources?|customers?"
    r"|clients?|countr(?:y|ies) of origin)\b"
)
_ROLE_NOUNS = re.compile(rf"\b{_ROLES}", re.I)
# "the biggest customer with 17.1 percent of exports, ahead of France (14.6 percent)"
_A_SHARE_BEFORE = re.compile(
    r"\d(?:\s?%|\s(?:percent|per cent))\s+of\s+(?:(?:the|its|total|all|[\w-]+['\u2019]s)\s+)*(?:[\w-]+\s+)?"
    r"(?:exports|imports|trade|shipments|purchases|sales|the total)\b",
    re.I,
)
_OF_GROWTH = re.compile(r"\b(?:increase|growth|rise|expansion|gain)\b", re.I)
_SHARE_OF = re.compile(r"\s*(?:percent|per cent)?\s*of\s+[^,;.]{0,50}", re.I)
_CHANGE_VERB = re.compile(
    r"\b(?:rose|rise|rising|up|increased|increase|grew|growth|jumped|surged|climbed|expanded|gained"
    r"|fell|fall|falling|down|declined|decline|decreased|dropped|drop|slipped|slid|contracted|shrank"
    r"|plunged|slumped|narrowed|narrowing|widened|widening|eased|dipped|edged|higher|lower|advanced|soared"
    r"|rebounded|improved|deteriorated|worsened)\b",
    re.IGNORECASE,
)
_TO_LEVEL = re.compile(
    r"(?:[^.;%,]|,(?=\s+to\b)){0,60}?\b(?:to|at|totall?ing|reaching)\s+(?:a record\s+|about\s+|nearly\s+)?$",
    re.I,
)
_SAME_CLAUSE = re.compile(
    r"[^.;%]{0,90}?,?\s*(?:up|down|an? (?:increase|decrease|rise|drop|decline) of)\s+$", re.I
)
_APPOSED = re.compile(r"[^.;%,]{0,30}?,\s*(?:some\s+|about\s+|nearly\s+|almost\s+|around\s+)?$", re.I)
_COMPARED_AFTER = re.compile(
    r"\s+(?:more|less|fewer|higher|lower|greater|smaller|larger|above|below|up|down)\b", re.I
)
_PERCENTISH = re.compile(r"\d[\d,.]*\s?(?:%|percent\b|per cent\b|percentage points?\b)")
_YOY = re.compile(
    r"year[- ]on[- ]year|from a year (?:earlier|ago)|y/y|\byoy\b|\by-o-y\b"
    r"|(?:same|corresponding) (?:month|period|quarter)"
    r"|a year (?:earlier|ago)|previous year|last year|annual(?:ly)?\b"
    r"|\bon the year\b|\bon[- ]year\b"  # "grew 4.2% on the year", "up 3% on-year"
    r"|(?:previous|prior|last) season|a season (?:earlier|ago|before)"
    rf"|\b(?:from|on|over|compared with|compared to|against|than(?: in)?) (?:{MONTH},? )?20\d\d",
    re.IGNORECASE,
)
# "Imports fell 0.8% over the same period": the period (and comparison) just written, not a
# year earlier, unless a year follows ("in the same period of 2024", "... last year")
_SAME_AGAIN = re.compile(
    r"\b(?:over|during|for|in|across) the same (?:period|months?|quarter|time)\b"
    r"(?!,?\s(?:of|in|a|one|last|the previous|the prior)\b)",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\s+(?:higher|lower|more|less|above|below|up|down|wider|narrower|larger|smaller|bigger)\s+(?:than|from|on)\b",
    re.I,
)
_ADJACENT_CHANGE = re.compile(
    # "a y-o-y decrease of CZK 12.4 bn", "a year-on-year rise of"
    rf"(?:{_CHANGE_VERB.pattern}\s+(?:by\s+)?"
    r"|\ban? (?:[\w/-]+ )?(?:increase|decrease|rise|drop|decline|fall|gain) of\s+)"
    r"(?:about\s+|nearly\s+|some\s+|more than\s+|almost\s+|around\s+)?$",
    re.IGNORECASE,
)
_VOLUME = re.compile(
    r"\bin volume\b|\bvolumes?\b|\bin (?:real|quantity) terms\b|\bquantit(?:y|ies)\b|\btonnage\b|\bunits?\b",
    re.I,
)
_PRICE = re.compile(r"\bprices?\b|\bunit value\b", re.I)
_COUNT_NOUNS = re.compile(
    r"\s*(?:[a-z-]+\s){0,2}(?:enterprises|companies|firms|exporters|importers|traders)", re.I
)
# "a free trade area which links 54 countries": members of a bloc, not partners in trade
_MEMBERS = re.compile(
    r"\b(?:links?|linking|comprises|comprising|groups|grouping|brings together|bringing together|members?)"
    r"\s+(?:some\s+|about\s+|all\s+)?$",
    re.I,
)
_PARTNER_NOUNS = re.compile(
    r"\s*(?:[a-z-]+\s){0,2}(?:countries|economies|trading partners|partners|markets)", re.I
)
_SEGMENT = re.compile(
    r"\b(?P<kind>private(?:ly owned)?|foreign-invested|foreign-funded|state-owned)"
    r" (?:enterprises|companies|firms)\b",
    re.IGNORECASE,
)
_SEGMENT_NAMES = {"privately owned": "private", "foreign-funded": "foreign-invested"}


def _segment(sentence: str, position: int) -> str | None:
    """The kind of enterprise a figure is about: the last one named before it in its
    sentence ("Foreign-invested enterprises traded 701.5 billion yuan"), else the first
    after it ("... were handled by private enterprises")."""
    named = list(_SEGMENT.finditer(sentence))
    before = [m for m in named if m.start() < position]
    # "exceeded 720,000, of which about 610,000 were private firms": not across a clause
    after = [m for m in named if m.start() >= position and not CLAUSE.search(sentence, position, m.start())]
    if not before and not after:
        return _origin_segment(sentence, position)
    kind = (before[-1] if before else after[0]).group("kind").lower()
    return f"{_SEGMENT_NAMES.get(kind, kind)} enterprises"


# exports by origin or customs regime: made at home ("domestic", "national"), passing through
# ("re-exports"), or from a free zone or not ("free-zone", "general merchandise")
_EXPORT_NOUNS = re.compile(
    r"\b(?:(?P<origin>(?:non-oil\s+)?(?:domestic|national)\s+(?:non-oil\s+)?exports|(?:non-oil\s+)?re-exports"
    r"|(?-i:NODX|NORX)|free[- ]zone\s+exports|maquila\s+exports|exports\s+from\s+the\s+maquila(?:\s+sector)?"
    r"|general\s+merchandise\s+exports)"
    r"|exports|imports|shipments|overseas sales)\b",
    re.IGNORECASE,
)
_WHICH_ASIDE = re.compile(r",\s(?:which|that)\s[^,;]{1,80},")
# "non-oil exports, including re-exports, rose": what the figure takes in, not what it is
_PART_OF = re.compile(r"\b(?:including|excluding|exclude|excludes|without|plus)\s+$", re.IGNORECASE)
_ORIGIN_ABBREVIATIONS = {"nodx": "non-oil domestic exports", "norx": "non-oil re-exports"}


def _origin_segment(sentence: str, position: int) -> str | None:
    """Exports by origin when the export noun nearest before the figure names one
    ("Domestic exports totalled US$451 million", "NODX rose 3.4%"); none after a plain
    "exports" ("..., while total exports fell 2%")."""
    # "Re-exports, which GASTAT counts within non-oil exports, jumped": the aside's nouns are no subject
    masked = _WHICH_ASIDE.sub(lambda aside: " " * len(aside.group(0)), sentence[:position])
    nouns = [n for n in _EXPORT_NOUNS.finditer(masked) if not _PART_OF.search(masked, 0, n.start())]
    if not nouns or (origin := nouns[-1].group("origin")) is None:
        return None
    written = re.sub(r"\s+", " ", origin.lower())
    if written.startswith("exports from the maquila"):
        return "maquila exports"
    return _ORIGIN_ABBREVIATIONS.get(written, written)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str
    name: str


@cache
def _mention_pattern(registry_names: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every capitalised alias and demonym, built once per registry."""
    aliases = [(a, e) for a, e in registry_names if (a[:1].isupper() or "euro" in a) and len(a) > 1]
    aliases += sorted(DEMONYMS.items(), key=lambda p: -len(p[0]))
    # a headline or a press release's title in capitals: "TRADE BALANCE OF MEXICO"
    aliases += [(a.upper(), e) for a, e in aliases if len(a) > 3 and not a.isupper()]
    # no lookbehind in front, so the regex engine can skip ahead by first character; the
    # word boundary before a match is checked by the caller instead
    # "US$7.02 billion", "HK$", "A$": a currency sign, not a mention of the area
    # "U.S.-China" names neither as a trading area of its own; "U.S.-bound shipments" names a partner
    return re.compile(r"|".join(rf"{re.escape(a)}(?![\w$]|-(?!bound\b))" for a, _ in aliases)), dict(aliases)


def _mentions(text: str) -> list[Mention]:
    """Entity mentions by capitalised registry alias or demonym, longest first, never overlapping."""
    masked = _REGIONAL.sub(lambda m: " " * len(m.group(0)), text)
    claimed = bytearray(len(text))
    found: list[Mention] = []
    pattern, lookup = _mention_pattern(names())
    for match in pattern.finditer(masked):
        before = masked[match.start() - 1] if match.start() else " "
        if before.isalnum() or before in "_-" or any(claimed[match.start() : match.end()]):
            continue
        entity = lookup.get(match.group(0))
        if entity is None:
            continue
        claimed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        found.append(Mention(match.start(), match.end(), entity, match.group(0)))
    found.sort(key=lambda m: m.start)
    # "the European Union (EU)": the abbreviation repeats the mention before it
    return [
        m for i, m in enumerate(found)
        if not (i and found[i - 1].entity == m.entity and text[found[i - 1].end : m.start] == " (")
    ]  # fmt: skip


# "Russia, Kazakhstan's partner in the Eurasian Economic Union (EAEU), ...", "Germany, the
# largest economy in the EU, ...": a description of the area before it, not a list of areas
_APPOSITIVE = re.compile(
    r",\s(?:(?:the|a|an|its)\s(?:[A-Z][\w.'’-]*['’]s\s)?|[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*['’]s\s)"
    r"[a-z][^,;.()]{0,80}?(?:\s\([^()]{1,20}\))?,"
)


# "Free-zone exports, dominated by apparel assembled for U.S. brands, totalled": what drove a
# figure, not whose or with whom it is
_PARTICIPIAL_ASIDE = re.compile(
    r",\s(?:dominated|driven|led|helped|hit|boosted|supported|fuell?ed|dragged|weighed)\s(?:down\s)?by\s"
    r"(?:[^,;.]|\.(?=\S|\s[a-z])){1,80},"  # "for U.S. brands": no sentence ends there
)


# "Germany's largest state", "China's Guangdong province": the area is where the part is
_WHOLE_OF_A_PART = re.compile(
    r"['’]s\s(?:[A-Za-z][\w-]*\s){0,3}(?:state|province|region|territory|prefecture|county|emirate)"
    r"(?![\w-]|\s(?:council|media|planner|broadcaster|agency|news|television|firms?|companies|enterprises"
    r"|banks?|sector|budget|subsidies|support|aid|owned)\b)"
)


def _outside_appositives(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions not inside an appositive that describes the area named before it, nor
    inside an aside on what drove a figure, nor an area named as the whole a part is of:
    the areas named there are neither the figure's reporter nor its partner."""
    inside = bytearray(len(text) + 1)  # a fixed cost per mention, whatever the article's length
    spans = [aside.span() for aside in _PARTICIPIAL_ASIDE.finditer(text)]
    for mention in mentions:
        described = _APPOSITIVE.match(text, mention.end)
        if described is not None and " and " not in described.group(0):
            spans.append(described.span())
    for start, end in spans:
        inside[start + 1 : end] = b"\x01" * max(0, end - start - 1)
    return [m for m in mentions if not inside[m.start] and not _WHOLE_OF_A_PART.match(text, m.end)]


_ASIDE = re.compile(r",\s+(?:excluding|except|other than|not counting)\s+(?:the\s+)?")
_COMPLEMENT = re.compile(
    r"\bnon-[A-Z]|\b(?:outside|other than|excluding)\s+(?:the\s+)?[A-Z]|\brest of the world\b"
)


@dataclass
class _Context:
    article: Article
    sentence: str
    start: int
    entity: Mention
    partners: list[Mention]
    period: str
    periods: Periods
    figures: list[Figure]
    unstated: _Unstated
    services_apart: bool  # the article reports services apart from goods
    paragraph_flow: Flow | None = None  # the flow of the paragraph's last figure
    paragraph_change: Change | None = None  # the comparison of the paragraph's last change
    reporter: str | None = None  # the area the article reports on

    def partner_before(self, figure: Figure) -> str | None:
        """The last partner named before the figure, unless the counterpart since is a
        complement ("outside the EU", "non-EU countries"), which has no id."""
        before = [p for p in self.partners if p.end <= figure.start and p.entity != self.entity.entity]
        if not before or self._subject_since(before[-1], figure):
            return self._partner_right_after(figure)
        since = self.article.text[max(0, before[-1].start - 20) : figure.start]
        partner = before[-1].entity
        if _COMPLEMENT.search(since):
            # "shipments to China, excluding Hong Kong, rose": the complement is an aside
            aside = len(before) > 1 and _ASIDE.fullmatch(self.article.text, before[-2].end, before[-1].start)
            if not aside:
                return None
            partner = before[-2].entity
        # "the deficit with Beijing" in a report on another economy means China, not its capital
        return "CN" if partner == "CN-BJ" and not self.entity.entity.startswith("CN") else partner

    def _subject_since(self, partner: Mention, figure: Figure) -> bool:
        """ "Exports to the EU rose 3%, and Thailand's rose 4%": a subject named after an
        earlier figure's partner starts a statement of its own."""
        subject = self.entity
        if subject.entity == self.reporter:  # "..., leaving the EU with a deficit": its own figures go on
            return False
        possessive = self.article.text.startswith(("'s", "’s"), subject.end)
        return (
            possessive
            and partner.end <= subject.start < figure.start
            and any(partner.end <= f.start and f.end <= subject.start for f in self.figures)
        )

    def _partner_right_after(self, figure: Figure) -> str | None:
        """ "shipped goods worth $46.3 billion to the United States": the partner written
        right after the amount, when none came before it."""
        after = [p for p in self.partners if p.start >= figure.end and p.entity != self.entity.entity]
        if after and _TO_PARTNER.fullmatch(self.article.text, figure.end, after[0].start):
            return after[0].entity
        return None


_TO_PARTNER = re.compile(r"\s+(?:to|from|with)\s+(?:the\s+)?", re.IGNORECASE)


_PASSIVE_FLOW = re.compile(
    r"\b(?:were|was|are|is|been|being)\s+"
    r"(?:imported and exported|exported and imported|exported|imported|shipped)\b"
)


_PASSIVE_CHANGE = re.compile(
    r"(?:\s+[^,;%$]{0,30})?,\s+"
    r"(?:(?:up|down|rising|falling|growing|declining|an? (?:increase|decrease|rise|drop|decline|fall) of)"
    r"\s+(?:by\s+)?)?(?:about\s+|nearly\s+|some\s+)?"
)


def _clause_after(sentence: str, position: int) -> str:
    end = CLAUSE.search(sentence, position)
    return sentence[position : end.start() if end else len(sentence)]


_DESCRIBING = re.compile(
    r"\b(?P<noun>deficit|surplus|shortfall|gap|balance),\s(?:the|a|an)\s[a-z][^,;]{1,80},(?=\s+[a-z])"
)


def _flow(sentence: str, position: int) -> Flow:
    """The nearest flow cue in the figure's clause, before it and then after it ("and
    goods worth 115.8 billion euros were imported"), else before it in its sentence,
    else the first one after it."""
    passives = list(_PASSIVE_FLOW.finditer(sentence, 0, position))
    if passives and _PASSIVE_CHANGE.fullmatch(sentence, passives[-1].end(), position):
        # "... were exported, down 1.2 percent": the change is of what was exported
        return _cue_flow(passives[-1].group(0).split(maxsplit=1)[1])
    before = _PASSIVE_FLOW.sub(" ", sentence[:position])  # "were exported" is the earlier figure's
    # "The trade deficit, the difference between imports and total exports, widened": what it is
    before = _DESCRIBING.sub(lambda described: described["noun"], before)
    before = DASH_ASIDE.sub(" ", before)  # "the maquila sector - garments assembled from imported fabric -"
    windows = (
        (clause_before(before, len(before)), -1),
        (_clause_after(sentence, position), 0),
        (before, -1),
        (sentence[position:], 0),
    )
    for window, which in windows:
        cues = _FLOW_CUES.findall(window)
        if cues:
            return _cue_flow(cues[which])
    return Flow.TOTAL


_EXPORT_CUES = (
    "export", "shipment", "shipped", "outbound", "overseas", "foreign sales", "fob", "free on", "goods cr",
    "sales", "earned", "fetched", "brought in", "services receipts", "travel receipts", "transport receipts",
    "tourism receipts",
)  # fmt: skip


def _cue_flow(cue: str) -> Flow:
    cue = cue.lower()
    if any(
        w in cue
        for w in ("surplus", "deficit", "shortfall", "gap", "balance", "in the black", "in the red", "net ")
    ):
        return Flow.BALANCE
    if ("import" in cue and "export" in cue) or cue in ("two-way", "foreign trade", "total trade"):
        return Flow.TOTAL
    if re.match(r"(?:\w+\s+)?importers?\s+of\b", cue):
        return Flow.EXPORT  # "the importers of Bahraini products", "the leading importer of Ceylon tea"
    if cue.endswith(" into"):  # "shipments of the ore into China"
        return Flow.IMPORT
    if cue.startswith(_EXPORT_CUES) or cue.endswith("credits"):
        return Flow.EXPORT
    if cue.startswith(("import", "inbound", "purchases", "arrivals", "bill")) or cue.endswith("debits"):
        return Flow.IMPORT
    if any(word in cue for word in ("supplier", "origin", "source")):  # "the largest supplier", "top source"
        return Flow.IMPORT
    if any(word in cue for word in ("buyer", "destination", "market", "client", "customer")):
        return Flow.EXPORT  # "the largest buyer", "the top destination"
    return Flow.TOTAL


_STREAK_CUES = re.compile(
    r"\s*(?:of\s+)?(?:trade\s+)?\b(?:exports?|imports?|trade|shipments|surplus|deficit|in the black"
    r"|in the red)\b"
    r"(?!\s+(?:partner|data|ministry|figures))",
    re.I,
)
_STANDING = re.compile(r"\b(?:partner|position|place|largest|biggest|top|No\.|rank)", re.IGNORECASE)


def _streak_flow(sentence: str, clause: str, after: str) -> Flow | None:
    """A streak is about the flow written right after it ("its 67th consecutive monthly
    surplus"), else the one flow its clause, then its sentence, names ("exports grew for a
    sixth consecutive month", "imports fell for a second month, and the deficit..."); a
    streak of a standing ("largest trading partner for the fifth year") or of several flows
    is about none."""
    if (named := _STREAK_CUES.match(after)) is not None:
        return _cue_flow(named.group(0).strip())
    if _STANDING.search(sentence):
        return None
    for words in (clause, sentence):
        flows = {_cue_flow(cue.strip()) for cue in _STREAK_CUES.findall(words)}
        if flows:
            return flows.pop() if len(flows) == 1 else None
    return None


def _is_change(sentence: str, position: int, end: int, figure: Figure) -> bool:
    """A percent is a change unless it is a share; an amount is one only right after a
    change verb ("rose $5.4 billion", "a decline of 300 tonnes") or as the "or $5.4
    billion" of one."""
    if figure.unit in ("percent", "percentage_point"):
        return True
    head = sentence[:position]
    adjacent = _ADJACENT_CHANGE.search(head[-60:])
    restated = re.search(r",?\s+or\s+(?:about\s+|nearly\s+)?$", head) and _CHANGE_VERB.search(head)
    return bool(adjacent or restated or _COMPARATIVE.match(sentence, end))


def _stated_change(sentence: str, position: int, end: int, figure: Figure) -> Change | None:
    """The comparison the words around a change state, None when they state none."""
    percent = figure.unit in ("percent", "percentage_point")
    clause = clause_before(sentence, position) if percent else sentence[:position][-100:]
    # a comparison belongs to the figure it follows: "up 5.3% from July and 11.8% higher
    # than a year earlier" gives the first a month and the second a year
    previous = [m.end() for m in _PERCENTISH.finditer(clause)]
    if previous:  # "by 2.2% on February and imports by 0.7%": February is the first figure's
        clause = re.split(r"\s(?:and|while|whereas|but)\s", clause[previous[-1] :])[-1]
    # "rose by R10.5 billion (5.9%) from August": the bracketed restatement shares its comparison
    restated = _BRACKETED.match(sentence, end)
    after = restated.end() if restated and not percent else end
    following = _PERCENTISH.search(sentence, after, min(len(sentence), after + 100))
    window = _SAME_AGAIN.sub(
        " ", clause + " " + sentence[end : following.start() if following else end + 100]
    )
    for pattern, change in (
        (_MOM, Change.MOM),
        (_QOQ, Change.QOQ),
        (_YOY, Change.YOY),
        (_MOM_NAMED, Change.MOM),
    ):
        if pattern.search(window):
            return change
    return None


_BRACKETED = re.compile(r"\s*\([^)]{1,20}\)")
_NAMED_BASE = re.compile(
    rf"(?:(?!\s(?:but|while|whereas)\s)[^.;%]|\.(?=\d)){{0,70}}?"  # not past "but": another figure's base
    rf"\b(?i:on|from|than(?: in)?|compared (?:with|to)|over|against|versus|vs\.?"
    rf"|(?:recorded|posted|registered|reported|seen) in"
    # "fell 3.03% to N8.95 trillion from N9.23 trillion in Q2 2025": the base figure's period
    rf"|(?:from|than|against|above|below|compared (?:with|to))\s(?:the\s|an?\s)?(?:revised\s|preliminary\s)?"
    # ("slowing from a 9.1 percent gain in September" names September's own growth, no base)
    rf"\S{{0,4}}?\d[\d.,]*+(?!\s?(?:%|percent\b|per cent\b|pct\b))(?:\s[a-z]+){{0,2}}\s(?:in|for))\s"
    rf"(?:the (?:same|corresponding|comparable) (?:month|period|quarter) (?:of|in) )?"
    rf"(?:(?P<m>{MONTH})(?:\s?(?:to|-|–|through)\s?(?P<m2>{MONTH}))?"
    rf"|(?:the )?(?P<which>first|second|third|fourth) quarter of|Q(?P<q>[1-4])"
    rf"|(?:the )?(?P<mq>{MONTH}) quarter of"  # "the December quarter of 2024"
    rf"|(?:the )?three months (?:to|ending|ended) (?P<m3>{MONTH})"
    rf"|the (?P<same>same|corresponding|comparable) (?:month|period|quarter) (?:of|in))\s(?P<y>20\d\d)\b"
)
# "Compared with the second quarter of 2025, exports rose 1.6%": the base heads the sentence
_LEADING_BASE = re.compile(
    r"(?:[-\u2022*]\s*)?(?:Compared (?:with|to)|Against|Versus|Relative to|From)\s", re.I
)


def _months(period: str) -> int | None:
    """A month or quarter as a count of months since year 0, to measure the gap between two."""
    if (month := re.fullmatch(r"(20\d\d)-(\d\d)", period)) is not None:
        return int(month.group(1)) * 12 + int(month.group(2))
    if (quarter := re.fullmatch(r"(20\d\d)-Q([1-4])", period)) is not None:
        return int(quarter.group(1)) * 12 + int(quarter.group(2)) * 3
    return None


def _year_later(period: str) -> str:
    return re.sub(r"20\d\d", lambda year: str(int(year.group(0)) + 1), period)


def _named_comparison(sentence: str, end: int, period: str) -> tuple[Change, str | None] | None:
    """A change against a period the sentence names ("+1.4% on August 2025", "compared
    with January to August 2024"): the gap between that period and the figure's decides
    mom, qoq, yoy, or else vs_period; None when none is named or the two do not compare."""
    restated = _BRACKETED.match(sentence, end)  # "R10.5 billion (5.9%) from August 2025"
    named = _NAMED_BASE.match(sentence, restated.end() if restated else end)
    if named is None:
        return None
    groups = named.groupdict()
    if groups["same"]:  # "than ... recorded in the corresponding quarter of 2024": the figure's, that year
        base = re.sub(r"20\d\d", groups["y"], period)
        return (Change.YOY, None) if _year_later(base) == period else (Change.VS_PERIOD, base)
    if groups["m2"]:
        first, last = month_number(groups["m"]), month_number(groups["m2"])
        base = f"{groups['y']}-{first:02d}/{groups['y']}-{last:02d}"
        if "/" not in period or base == period:
            return None  # "rose 2% from January to October 2025": the figure's own period
        return (Change.YOY, None) if _year_later(base) == period else (Change.VS_PERIOD, base)
    if groups["m3"] or groups["mq"]:  # "the three months to June 2025": a quarter when it ends one
        month = month_number(groups["m3"] or groups["mq"])
        if month % 3:
            return None
        base = f"{groups['y']}-Q{month // 3}"
    elif groups["m"]:
        base = f"{groups['y']}-{month_number(groups['m']):02d}"
    else:
        quarter = int(groups["q"]) if groups["q"] else QUARTER_WORDS[groups["which"]]
        base = f"{groups['y']}-Q{quarter}"
    return _change_between(base, period)


def _three_months_before(period: str) -> str | None:
    """The three months before a run of three that is no calendar quarter ("2025-08/2025-10"
    follows "2025-05/2025-07"); None for any other period."""
    run = re.fullmatch(r"(20\d\d)-(\d\d)/(20\d\d)-(\d\d)", period)
    if run is None:
        return None
    first = int(run.group(1)) * 12 + int(run.group(2)) - 1
    last = int(run.group(3)) * 12 + int(run.group(4)) - 1
    if last - first != 2 or (last % 12) % 3 == 2:
        return None
    return f"{(first - 3) // 12}-{(first - 3) % 12 + 1:02d}/{(last - 3) // 12}-{(last - 3) % 12 + 1:02d}"


def _change_between(base: str, period: str) -> tuple[Change, str | None] | None:
    """mom, qoq or yoy when the base is the month, quarter or year before; else the base."""
    here, there = _months(period), _months(base)
    if here is None or there is None or ("Q" in base) != ("Q" in period):
        return None
    gap = here - there
    if gap == 12:
        return Change.YOY, None
    if gap == 1 and "Q" not in period:
        return Change.MOM, None
    if gap == 3 and "Q" in period:
        return Change.QOQ, None
    return Change.VS_PERIOD, base


# "rose 11.2% to N22.1 trillion from N19.87 trillion in the second quarter", "up from 4.1% in
# September": a base named without its year is the latest such month or quarter before the figure's
_YEARLESS_BASE = re.compile(
    rf"(?:(?!percent|per cent)[^.;%]|\.(?=\d)){{0,70}}?\b(?i:from|than(?: in)?|compared (?:with|to)|against"
    rf"|versus|over)\s(?:(?:the\s|an?\s)?\S{{0,4}}?\d[\d.,]*+(?!\s?(?:%|percent\b|per cent\b|pct\b))"
    rf"(?:\s[a-z]+){{0,2}}\s(?:in|for)\s)?"
    rf"(?:the (?P<which>first|second|third|fourth) quarter|Q(?P<q>[1-4])|(?P<m>{MONTH}))\b"
    rf"(?!,?\s(?:of\s)?(?:19|20)\d\d|,?\s(?:of\s)?(?:last|the previous|the prior|a) year)"
)


def _yearless_comparison(sentence: str, end: int, period: str) -> tuple[Change, str | None] | None:
    restated = _BRACKETED.match(sentence, end)
    named = _YEARLESS_BASE.match(sentence, restated.end() if restated else end)
    if named is None or (own := re.fullmatch(r"(20\d\d)-(Q?)(\d\d?)", period)) is None:
        return None
    year, quarterly, number = int(own.group(1)), bool(own.group(2)), int(own.group(3))
    if named["m"]:
        if quarterly:
            return None
        month = month_number(named["m"])
        return _change_between(f"{year - (month >= number)}-{month:02d}", period)
    if not quarterly:
        return None
    quarter = int(named["q"]) if named["q"] else QUARTER_WORDS[named["which"]]
    return _change_between(f"{year - (quarter >= number)}-Q{quarter}", period)


def _comparison(ctx: _Context, figure: Figure, period: str) -> tuple[Change, str | None] | None:
    """The comparison a change's own words state, with its base period; None if unstated.
    Each part of a sentence between semicolons states its own ("Compared with June 2024,
    exports rose 3.2%; compared with May, they fell 4.5%")."""
    sentence, first = _semicolon_part(ctx.sentence, figure.start - ctx.start)
    at, end = figure.start - ctx.start - first, figure.end - ctx.start - first
    named = _named_comparison(sentence, end, period)
    if named is not None:
        return named
    stated = _stated_change(sentence, at, end, figure)
    # a month named without its year is measured against the figure's, not taken for the one before
    if stated in (None, Change.MOM) and (yearless := _yearless_comparison(sentence, end, period)):
        return yearless
    if stated is None and _LEADING_BASE.match(sentence):
        leading = _named_comparison(sentence, 0, period)
        if leading is not None:
            return leading
    if stated is None and (lead := _leading_comparison(sentence, at)) is not None:
        return lead, None
    return None if stated is None else (stated, None)


def _semicolon_part(sentence: str, position: int) -> tuple[str, int]:
    """The part of a sentence between the semicolons around a position, and where it starts."""
    first = sentence.rfind(";", 0, position) + 1
    while first < position and sentence[first].isspace():
        first += 1
    last = sentence.find(";", position)
    return sentence[first : last if last >= 0 else len(sentence)], first


def _leading_comparison(sentence: str, position: int) -> Change | None:
    """A comparison that opens the sentence for all its figures ("On a monthly basis,
    exports were up 3.2% and imports 5.9% higher")."""
    comma = sentence.find(",")
    if comma < 0 or comma > position or re.search(r"\d", sentence[:comma]):
        return None
    opening = _SAME_AGAIN.sub(" ", sentence[:comma])
    for pattern, change in (
        (_MOM, Change.MOM),
        (_QOQ, Change.QOQ),
        (_YOY, Change.YOY),
        (_MOM_NAMED, Change.MOM),
    ):
        if pattern.search(opening):
            return change
    return None


# "exports rose 1.4% on August and imports by 3.1%": the second figure's verb and comparison are the first's
_ELLIPSIS = re.compile(
    r"(?:[^%;.,]{0,40}?,?\s+(?:and|while|whereas|but)|,)\s+(?!(?:after|before|following|since)\b)"
    r"(?:[A-Za-z'-]+\s+){1,4}"
)


def _elliptic_comparison(ctx: _Context, figure: Figure, period: str) -> tuple[Change, str | None] | None:
    """The comparison of a like figure the sentence pairs this one with by ellipsis ("up
    2.0% and imports 3.4% on September 2024"), the nearest stated one first."""
    index = ctx.figures.index(figure)

    def linked(a: Figure, b: Figure) -> bool:
        gap = ctx.article.text[a.end : b.start]
        return a.unit == b.unit and bool(_ELLIPSIS.fullmatch(gap)) and not _CHANGE_VERB.search(gap)

    before = ctx.figures[:index][::-1]
    after = ctx.figures[index + 1 :]
    for side, forward in ((before, False), (after, True)):
        current = figure
        for other in side:
            if not (linked(current, other) if forward else linked(other, current)):
                break
            if (stated := _comparison(ctx, other, period)) is not None:
                return stated
            current = other
    return None


_EXPECTED_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:expected|forecast|predicted|projected|anticipated)\s+(?:by|in a)\b"
    # "the $3.9 billion median estimate of economists"
    r"|\s+(?:median\s+|consensus\s+|average\s+)(?:estimate|forecast|projection|expectation)s?\b",
    re.I,
)


def _status(sentence: str, position: int) -> Status:
    """Revised for the figure a revision arrives at ("revised up to $3.1 billion", "a
    revised $3.1 billion"), not the first estimate it replaces ("from $2.9 billion")."""
    clause = clause_before(sentence, position)
    if (
        _REVISED_FIGURE.search(clause)
        or _REVISION_PUTS.search(sentence[:position])
        or (
            _REVISED.search(clause)
            and not re.search(r"\b(?:from|originally|initially|previously)\b[^,;]*$", clause)
        )
    ):
        return Status.REVISED
    if _TARGET.search(sentence[:position]):
        return Status.TARGET
    if _FORECAST.search(sentence[:position]):
        return Status.FORECAST
    return Status.ACTUAL


# "its growth lifted the country's overall foreign trade growth by 0.1 percentage points"
_LIFTED_GROWTH = re.compile(
    r"\b(?:lift(?:ed|ing)|boost(?:ed|ing)|add(?:ed|ing)|pull(?:ed|ing)|drag(?:ged|ging)|contribut(?:ed|ing))\b"
    r"[^.;%]{0,60}\bgrowth\s+(?:by\s+)?"
    r"(?:about\s+|nearly\s+|some\s+)?$",
    re.I,
)
_OF_GDP = re.compile(r"\s*(?:percent\s+|per cent\s+)?of (?:GDP|gross domestic product|the economy)\b", re.I)
_OF_TOTAL = re.compile(  # "14.2% of the total", "24% of the province's goods exports"
    r"\s*(?:percent\s+|per cent\s+)?of (?:the |its )?(?:(?:[\w-]+['’]s\s+)?(?:total|overall|all)\b"
    r"(?!\s+(?:increase|growth|rise|expansion|gain))"
    r"|(?:[\w-]+['’]s\s+)?(?:total\s+|goods\s+|merchandise\s+)?"
    r"(?:(?P<named>[a-z-]+(?:\s+[a-z-]+)?)\s+)?"  # "of garment shipments", "of the month's soybean shipments"
    r"(?:exports|imports|shipments|purchases|sales abroad|foreign sales|overseas sales|import bill"
    r"|export (?:earnings|receipts|revenues?))\b"
    # "China, which buys about 72 percent of Peru's copper": of the reporter's product
    r"|(?-i:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)['’]s\s+(?-i:[a-z][\w-]*)(?=[\s,.;])(?!\s+(?:GDP|economy|output))"
    r")",
    re.I,
)
_SHARE_AFTER = re.compile(r"\s*share\b", re.I)  # "ranked third with a 6.4 percent share"
_RANKED_LEVEL_BRACKET = re.compile(
    r"\b(?:ranked|followed by|came)\b[^.;]*?\bat\s+\S{0,4}?[\d.,]+"
    r"(?:\s(?:million|billion|trillion|bn|mn))?\s*\($",
    re.I,
)
# "the Democratic Republic of the Congo (US$ 71.30 million, 15.8 percent)": an area's amount and share
_AREA_AMOUNT_BRACKET = re.compile(
    r"[A-Z][\w.'\u2019-]*\s\((?:about\s+)?[^()\d\s]{0,4}\s?[\d.,]+"
    r"(?:\s(?:million|billion|trillion|bn|mn))?,\s*(?:or\s+)?$"
)
# "India was fourth with 3.3%", "the United States slipped to third at 5.1%": a standing's percent
_STANDING_WITH = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
    r"(?:\s+place)?,?\s+(?:with|at)\s+(?:an?\s+)?(?:about\s+|nearly\s+|some\s+)?$",
    re.I,
)
_LEVY_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){1,2}(?:tax|taxes|tariffs?|dut(?:y|ies)|levy|levies)\b", re.I)


def _named_last(first: re.Pattern[str], second: re.Pattern[str], clause: str) -> bool:
    """Whether `first` is named after the last `second`: "Export prices were 2.3% higher and
    volumes 6.9% higher" measures the second figure by volume."""
    ones, others = list(first.finditer(clause)), list(second.finditer(clause))
    return bool(ones) and (not others or ones[-1].start() > others[-1].start())


# a clause that opens with its verb: its subject is the sentence's, before an aside
_SUBJECTLESS = re.compile(
    r"\s*(?:were|was|are|is|rose|fell|grew|increased|decreased|declined|dropped|climbed|jumped|slipped)\b",
    re.I,
)


def _sentence_subject(before: str) -> str:
    """ "Volumes" of "Volumes, counted in 60-kilogramme bags, were": what the sentence opens with."""
    opening = DATELINE_LEAD.match(before)
    body = before[opening.end() :] if opening else before
    return body[: m.start()] if (m := CLAUSE.search(body)) else body


_IN_VOLUME = re.compile(r"\b(?:in volume terms|by volume|in real terms)\b", re.I)
# "28.5 percent in value", "23.6pc in quantity"
_OWN_MEASURE = re.compile(r"\s+(?:in|by)\s+(?P<measure>value|volume|quantity|quantum|tonnage)\b", re.I)


def _metric(ctx: _Context, figure: Figure, at: int) -> tuple[Metric, Flow | None] | None:
    """The metric of one figure, and its flow, from the unit and the words around it; None
    when the figure is not about trade."""
    before = ctx.sentence[:at]
    after = ctx.sentence[figure.end - ctx.start :]
    clause = clause_before(ctx.sentence, at)
    unit = figure.unit
    if unit == "rank":  # "... by total trade and second by exports": the measure written after it
        measure = _RANKED_BY.match(after)
        return Metric.RANK, _cue_flow(measure.group("cue")) if measure else _flow(ctx.sentence, at)
    if unit in ("years", "months", "quarters"):
        return Metric.STREAK, _streak_flow(ctx.sentence, clause, after)
    if unit == "count":
        counted = (
            before if _ADJACENT_CHANGE.search(clause) else clause
        )  # "rose to 98,600, an increase of 2,300"
        if re.search(r"\bemploy", clause, re.I):
            return None  # "employs some 65,000 people in about 700 companies": an industry's size
        if _COUNT_NOUNS.match(after) or re.search(r"enterprises|companies|firms|exporters", counted, re.I):
            return Metric.ENTERPRISE_COUNT, None
        if _PARTNER_NOUNS.match(after) and not _MEMBERS.search(clause):
            return Metric.PARTNER_COUNT, None
        return None
    if _NOT_TRADE.search(clause[-60:]) or _NOT_TRADE.match(after[:30].strip() or "-"):
        return None
    if _MADE_BEFORE.search(clause[-60:]):
        return None  # "Dacia built 198,000 vehicles at its Mioveni plant": what was made, not traded
    if _NON_TRADE_SUBJECT.match(_MAIN_CLAUSE.split(before)[-1]):
        return None  # "Workers' remittances, which help finance the trade gap, rose 11.9 percent"
    if _OF_GDP.match(after) or _LEVY_AFTER.match(after):  # "1.3% of GDP", "the 26 percent export tax"
        return None
    if unit == "percent" and (
        _OF_TOTAL.match(after)
        or _SHARE_AFTER.match(after)
        or _RANKED_LEVEL_BRACKET.search(before)
        or _STANDING_WITH.search(before)
        or _AREA_AMOUNT_BRACKET.search(before[-80:])
    ):  # "14.2% of the total", "China ranked second at US$30.2 billion (13.7 percent)"
        # a share is of its subject's flow ("Non-oil exports accounted for 28.1% of total trade"),
        # else of the whole it names
        whole = _whole_flow(after)
        if whole not in (Flow.EXPORT, Flow.IMPORT) and _NAMES_A_FLOW.search(_subject_part(before, whole)):
            whole = None  # "Non-oil exports accounted for 28.1% of total trade": of exports
        return Metric.SHARE_OF_TOTAL, whole or _flow(ctx.sentence, at)
    if unit is not None and is_price(unit):
        return Metric.UNIT_PRICE, _flow(ctx.sentence, at)
    if unit in PHYSICAL_WORDS.values():
        return Metric.VOLUME, _flow(ctx.sentence, at)
    if unit == "percent" and (base := _base_of_a_share(ctx, figure, before)) is not None:
        return base
    if unit in ("percent", "percentage_point"):
        # "Italy took 11.4% of exports, while France and Hungary followed with 6.8% and 5.1%"
        # "..., ahead of the United Kingdom with 12.9 percent and China with 7.8 percent"
        listed = re.search(r"\b(?:followed|ahead of|behind)\b", clause) or re.search(
            r"\bwith\s+(?:about\s+)?$", before
        )
        # "The main destinations were the United States (21.8 percent), Australia (15.4 percent)"
        bracketed = unit == "percent" and _AREA_BRACKET.search(before[-120:]) is not None  # a fixed cost
        followed = (
            bool(listed and (_SHARE_CUE.search(before) or _A_SHARE_BEFORE.search(before)))
            or bool(bracketed and _ROLE_NOUNS.search(ctx.sentence))
            # "The United States bought 44.8 percent of Nicaragua's exports and Mexico 11.6 percent"
            or bool(_AND_AN_AREA.search(before[-60:]) and _SHARE_OF_WHOLE.search(before))
            # "Agri-food accounted for 53.6% of goods exports, ferrous metals for 8.9%"
            or bool(re.search(r"\sfor\s+(?:about\s+|nearly\s+)?$", before) and _A_SHARE_BEFORE.search(before))
        )
        # "the province contributed 14.5 percent of China's exports": a share, not a contribution to growth
        whole_of = _SHARE_OF.match(after)
        contributed = re.search(r"\bcontribut\w*\s+(?:about\s+|nearly\s+)?$", clause) and (
            whole_of is not None and "growth" not in whole_of.group(0)
        )
        if whole_of is not None and _SHARE.search(clause) and _OF_GROWTH.search(whole_of.group(0)):
            return Metric.CONTRIBUTION_TO_GROWTH, Flow.TOTAL  # "42 percent of the overall increase"
        if (
            _SHARE.search(clause)
            or followed
            or contributed
            or (_SHARE_CUE.search(before) and unit == "percentage_point")
        ):
            whole = _whole_flow(after)
            if _NAMES_A_FLOW.search(_subject_part(before, whole)):
                return Metric.SHARE_OF_TOTAL, _flow(ctx.sentence, at)
            # "Copper accounted for 48.6% of Chile's total exports"
            return Metric.SHARE_OF_TOTAL, whole or Flow.TOTAL
        if re.search(r"contribut", clause, re.I) or _LIFTED_GROWTH.search(before):
            return Metric.CONTRIBUTION_TO_GROWTH, Flow.TOTAL
        if own := _OWN_MEASURE.match(after):  # "dropped 21.3 percent in volume and 28.5 percent in value"
            volume = own.group("measure").lower() != "value"
            return Metric.VOLUME if volume else Metric.TRADE_VALUE, _flow(ctx.sentence, at)
        # "In volume terms, exports fell 0.6%, while export prices fell 2.9%": the clause's own word wins
        priced = _PRICE.search(clause) and not re.search(r"\bvalue\b", clause, re.I)
        if _IN_VOLUME.search(before) and not (priced and not _IN_VOLUME.search(clause)):
            return Metric.VOLUME, _flow(ctx.sentence, at)
        if priced and not _named_last(_VOLUME, _PRICE, clause):
            return Metric.UNIT_PRICE, _flow(ctx.sentence, at)
        if (
            _VOLUME.search(clause)
            or _VOLUME.match(after[:12].strip() or "-")
            or (_SUBJECTLESS.match(clause) and _VOLUME.search(_sentence_subject(before)))
        ):
            return Metric.VOLUME, _flow(ctx.sentence, at)
        if re.search(r"number of (?:enterprises|companies|firms|exporters)", clause, re.I):
            return Metric.ENTERPRISE_COUNT, None
        return Metric.TRADE_VALUE, _flow(ctx.sentence, at)
    if unit is not None and is_currency(unit) and abs(figure.value) < 1e5:
        return None  # "$1.17": a price or an exchange rate, not a value of trade
    if unit is None or is_currency(unit):
        return Metric.TRADE_VALUE, _flow(ctx.sentence, at)
    return None


_WHOLE = re.compile(
    r"\s*(?:percent|per cent)?\s*of\s+(?:[^,;.\d]|\.(?=\d)){0,50}?"
    r"(?=\s+and\s+\S*\d|\s+(?:in|for|during|over)\s+\S*\d|[,;.]|$)",  # "of imports in 2025"
    re.I,
)


_RANKED_BY = re.compile(
    r"\s+(?:among\s+[^,;.]{1,40}?\s+)?by\s+(?P<cue>total\s+trade|foreign\s+trade|exports|imports|trade)\b",
    re.I,
)
_WHOLE_TRADE = re.compile(
    r"\b(?:total|overall|combined|international|external|foreign|goods and services)\b", re.IGNORECASE
)
_NAMES_A_FLOW = re.compile(rf"export|import(?!an[ct])|shipment|{_STANDING_FLOW}", re.IGNORECASE)


_AND_AN_AREA = re.compile(
    r"\band\s+(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*)*\s+(?:about\s+)?$"
)
_SHARE_OF_WHOLE = re.compile(r"\d\s?(?:%|percent|per cent)\s+of\b", re.IGNORECASE)


def _subject_part(before: str, own_whole: Flow | None) -> str:
    """For a share that names its own whole, the words before the sentence's first share:
    in "47.6% of exports and 38.2% of imports", exports are the first share's whole, not
    the subject of the second ("58.7% of exports, 1.9 points more" is of exports still)."""
    first = _SHARE_OF_WHOLE.search(before)
    return before[: first.start()] if first is not None and own_whole is not None else before


def _whole_flow(after: str) -> Flow | None:
    """The flow a share is of, when the words right after it name it: "12 percent of China's
    foreign trade and 15 percent of its exports" is of all trade, then of exports."""
    whole = _WHOLE.match(after)
    cues = _FLOW_CUES.findall(whole.group(0)) if whole is not None else []
    return _cue_flow(cues[0]) if cues else None


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|nearly\s+|some\s+)?$", re.I)


def _base_of_a_share(ctx: _Context, figure: Figure, before: str) -> tuple[Metric, Flow | None] | None:
    """ "made up 57.2 percent of total exports, up from 56.2 percent a year earlier": the
    figure a share moved from is a share too, whatever clause it stands in."""
    if not _FROM_BEFORE.search(before):
        return None
    earlier = [f for f in ctx.figures if f.end <= figure.start and f.unit == "percent"]
    if not earlier:
        return None
    metric = _metric(ctx, earlier[-1], earlier[-1].start - ctx.start)
    return metric if metric is not None and metric[0] == Metric.SHARE_OF_TOTAL else None


def _changed_level(ctx: _Context, figure: Figure) -> Figure | None:
    """The amount a percent change is a change of: the one it moves to ("rose 5.2 percent
    to 48.6 million tonnes") or the one it follows in its clause ("3,512 yuan per tonne,
    down 11.6 percent", "471,500 tonnes in the month, 2.4% more than in August 2024")."""
    ends = [f for f in ctx.figures if f.start >= figure.end and f.unit not in ("percent", "percentage_point")]
    if ends and _TO_LEVEL.match(ctx.article.text, figure.end, ends[0].start):
        return ends[0]
    before = [
        f for f in ctx.figures if f.end <= figure.start and f.unit not in ("percent", "percentage_point")
    ]
    if not before:
        return None
    text = ctx.article.text
    if _SAME_CLAUSE.match(text, before[-1].end, figure.start) or (
        _APPOSED.match(text, before[-1].end, figure.start) and _COMPARED_AFTER.match(text, figure.end)
    ):
        return before[-1]
    # "110.3 million tons, up 8.7% from September and 4.2% higher than a year earlier"
    percents = [f for f in ctx.figures if f.end <= figure.start and f.unit == figure.unit]
    if (
        percents
        and percents[-1].start > before[-1].end
        and _AND_GAP.fullmatch(text, percents[-1].end, figure.start)
    ):
        return _changed_level(ctx, percents[-1])
    return None


_NAMES_VALUE = re.compile(r"\b(?:value|worth|earnings|receipts|revenues?)\b", re.I)


def _names_value(clause: str) -> bool:
    """ "..., and their value fell 9.3%": the words since the clause's last percentage name
    a value, so the change is of value whatever level it follows."""
    previous = [m.end() for m in _PERCENTISH.finditer(clause)]
    return _NAMES_VALUE.search(clause, previous[-1] if previous else 0) is not None


_AND_GAP = re.compile(r"[^%;.\d]{0,40}?\s(?:and|while|but)\s+(?:[a-z]+\s+){0,3}")


def _changed_measure(level: Figure | None) -> Metric | None:
    if level is None or level.unit is None:
        return None
    if is_price(level.unit):
        return Metric.UNIT_PRICE
    if level.unit in PHYSICAL_WORDS.values():
        return Metric.VOLUME
    return None


# "* Manufactures: US$2.96 billion, up 2.6%": the item a line of a list is about
_LINE_LABEL = re.compile(r"\s*[-\u2022*\u2013]\s*(?P<label>[A-Z][^:\d]{2,60}):\s")


def _line_label(sentence: str, position: int) -> str | None:
    label = _LINE_LABEL.match(sentence)
    if label is None or position < label.end() or _FLOW_CUES.search(label.group("label")):
        return None
    return fold_label(label.group("label")) if is_product(label.group("label").replace(",", "")) else None


_BASE_LEAD = re.compile(
    r"\b(?:compared (?:with|to)|from|versus|vs\.?|against|than)\s+(?:an?\s+)?(?:revised\s+)?[+]?$", re.I
)


def _compared_figure(ctx: _Context, figure: Figure) -> Figure | None:
    """The like figure that this one is the base of ("a surplus of €11.2 bn, compared with
    +€14.5 bn"): the base measures the same thing."""
    if not _BASE_LEAD.search(ctx.article.text, max(ctx.start, figure.start - 30), figure.start):
        return None
    earlier = [f for f in ctx.figures if f.end <= figure.start and f.unit == figure.unit]
    return earlier[-1] if earlier else None


def _count_flow(clause: str) -> Flow | None:
    """A count is of one flow when its clause names only that one ("the number of exporting
    companies", "exported goods to more than 120 countries"); of traders in general, none."""
    flows = {Flow.EXPORT if w.lower().startswith("export") else Flow.IMPORT for w in ONE_FLOW.findall(clause)}
    return flows.pop() if len(flows) == 1 else None


def _observations(ctx: _Context, figure: Figure, product: str | None) -> list[Observation]:
    at = figure.start - ctx.start
    typed = _metric(ctx, figure, at)
    if typed is None:
        return []
    named = _OF_PRODUCT.match(ctx.article.text, figure.end) if typed[0] != Metric.STREAK else None
    if named is not None and is_product(named.group(named.lastindex or 1)):
        product = fold_label(named.group(named.lastindex or 1))  # "215.4 million tonnes of iron ore"
    metric, flow = typed
    if product is None and metric == Metric.SHARE_OF_TOTAL:
        product = _share_of_product(ctx.article.text, figure.end) or _restated_product(ctx, figure)
    if product is None:
        product = _line_label(ctx.sentence, at)
    if product is None and ctx.services_apart:
        clause = clause_before(ctx.sentence, at)
        product = goods_scope(clause)
        if product is None and not _WHOLE_TRADE.search(clause):
            # "Exports of goods rose 7.9 percent, while imports increased 2.7 percent": the
            # sentence's scope, when the figure's own clause names none, read after any whole
            # named on the way ("and the overall trade deficit, including services, at $78.3 billion")
            wholes = list(_WHOLE_TRADE.finditer(ctx.sentence, 0, at))
            product = goods_scope(ctx.sentence[wholes[-1].end() if wholes else 0 : at])
    if product is None and metric == Metric.RANK:
        product = ranked_product(ctx.sentence, at, figure.end - ctx.start)
    if (compared := _compared_figure(ctx, figure)) is not None:
        flow = _flow(ctx.sentence, compared.start - ctx.start)
        if product is None:  # "Coal accounted for 43.2% of exports, compared with 52.5%": coal's too
            product = find_product(ctx.sentence, compared.start - ctx.start)
        if figure.unit == "percent" and metric != Metric.SHARE_OF_TOTAL:
            base_of = _metric(ctx, compared, compared.start - ctx.start)
            if base_of is not None and base_of[0] == Metric.SHARE_OF_TOTAL:
                metric = Metric.SHARE_OF_TOTAL  # "58.4% of total exports, compared with 61.2% in Q2"
    elif flow == Flow.TOTAL and ctx.paragraph_flow is not None and not _FLOW_CUES.search(ctx.sentence):
        flow = ctx.paragraph_flow  # "Basmati rice fetched $1,015 per tonne" after "Rice exports fell"
    if figure.unit in ("percent", "percentage_point") and metric != Metric.SHARE_OF_TOTAL:
        level = _changed_level(ctx, figure)
        if metric == Metric.TRADE_VALUE and not _names_value(clause_before(ctx.sentence, at)):
            metric = _changed_measure(level) or metric
        if level is not None and level.unit == "count" and metric == Metric.TRADE_VALUE:
            counted = _metric(ctx, level, level.start - ctx.start)  # "reached 50,000, up 7.1 percent"
            if counted is not None and counted[0] in (Metric.ENTERPRISE_COUNT, Metric.PARTNER_COUNT):
                metric, flow = counted[0], Flow.TOTAL
        if level is not None and product is None:  # "copper exports brought in $34.2 billion, up 7.6%"
            named_after = _OF_PRODUCT.match(ctx.article.text, level.end)  # "18.9 billion yuan of farm goods"
            if named_after is not None and is_product(named_after.group(named_after.lastindex or 1)):
                product = fold_label(named_after.group(named_after.lastindex or 1))
            else:
                product = find_product(ctx.sentence, level.start - ctx.start)
    if metric == Metric.SHARE_OF_TOTAL:
        is_change = figure.unit == "percentage_point"
    else:
        is_change = metric not in (Metric.RANK, Metric.STREAK, Metric.CONTRIBUTION_TO_GROWTH) and _is_change(
            ctx.sentence, at, figure.end - ctx.start, figure
        )
    unit = figure.unit or ("count" if metric in (Metric.ENTERPRISE_COUNT, Metric.PARTNER_COUNT) else None)
    if unit is None:
        currency = _article_currency(ctx.article.text)
        if currency is None:
            return []
        unit = currency
    value = figure.value
    if flow != Flow.BALANCE and not is_change and value < 0:
        return []
    period = ctx.period
    status = _status(ctx.sentence, at)
    if compared is not None and status in (Status.FORECAST, Status.TARGET):
        status = Status.ACTUAL  # "expects $50-52 billion, compared with $49.1 billion in 2024"
    if _EXPECTED_AFTER.match(ctx.sentence, figure.end - ctx.start):
        status = Status.FORECAST  # "versus a 1.5% increase expected by analysts"
    if _TARGET_AFTER.match(ctx.sentence, figure.end - ctx.start):
        status = Status.TARGET  # "fell short of the government's $50 billion target"
    if _REVISED_AFTER.match(ctx.sentence, figure.end - ctx.start):
        status = Status.REVISED  # "USD 10,464.9 million (previously published: USD 10,391.2 million)"
    if status == Status.ACTUAL and period[:4] > ctx.periods.year:
        period = ctx.periods.main  # data cannot describe a year after the one reported on
    if status == Status.FORECAST and period[:4] < ctx.periods.opening[:4]:
        # "a forecast of 7.5 million tonnes, below the 9.9 million shipped in 2024"; a January
        # release's "$6.1 billion expected" for December is still the year it reports on
        status = Status.ACTUAL
    if not is_change and _PRIOR_YEAR_AFTER.match(ctx.sentence, figure.end - ctx.start):
        period = re.sub(r"20\d\d", lambda m: str(int(m.group(0)) - 1), period)
    change: Change | None = None
    base_period = None
    if is_change and metric == Metric.SHARE_OF_TOTAL:
        change = Change.YOY
    elif is_change:
        stated = _comparison(ctx, figure, period) or _elliptic_comparison(ctx, figure, period)
        carried = ctx.paragraph_change
        if carried is not None and not _fits(carried, period):
            carried = None  # "on a quarterly basis" does not carry to a month's figures
        change, base_period = stated or (carried or ctx.unstated.change(period), None)
        if change == Change.MOM and "/" in period:  # "grew 5.7pc over September" in July-October: October's
            period = period.split("/")[1]
        if change == Change.QOQ and (before := _three_months_before(period)) is not None:
            change, base_period = Change.VS_PERIOD, before  # August-October on May-July: no quarter
    segment = _segment(ctx.sentence, at)
    if product is not None and segment is not None and product in segment:
        product = None  # "national non-oil exports": the segment's own word is no product besides
    base = {
        "article_id": ctx.article.id,
        "entity": ctx.entity.entity,
        "entity_name": ctx.entity.name,
        "segment": segment,
        "flow": _count_flow(clause_before(ctx.sentence, at))
        if metric in (Metric.ENTERPRISE_COUNT, Metric.PARTNER_COUNT)
        else flow,
        "product": product if metric not in (Metric.ENTERPRISE_COUNT, Metric.PARTNER_COUNT) else None,
        "partner": ctx.partner_before(figure),
        "metric": metric,
        "change": change,
        "base_period": base_period,
        "unit": unit,
        "period": period,
        "status": status,
        "evidence": ctx.sentence,
    }
    bounds = (
        [(Qualifier.AT_LEAST, figure.value), (Qualifier.AT_MOST, figure.high)]
        if figure.high is not None
        else [(figure.qualifier, value)]
    )
    out = []
    for qualifier, amount in bounds:
        try:
            out.append(parse_observation({**base, "value": amount, "qualifier": qualifier}))
        except SchemaError:
            continue  # a combination the rules cannot type: leave the figure out
    return out


def _article_currency(text: str) -> str | None:
    """The currency an article states amounts in, for bare "5.87 trillion" amounts."""
    units = [f.unit for f in find_figures(text[:2000]) if f.unit is not None and is_currency(f.unit)]
    return max(set(units), key=units.count) if units else None


def _list_items(sentence: str, first_figure: int, size: int, *, folded: bool = True) -> list[str] | None:
    """The items a "respectively" list of `size` figures distributes over, as labels (or
    as written)."""
    head = sentence[:first_figure]
    if (opening := DATELINE_LEAD.match(head)) is not None:
        head = head[opening.end() :]  # "STOCKHOLM, Nov 14 - " lists nothing
    verbs = list(_LIST_VERB.finditer(head))
    subject = head[: verbs[-1].start()] if verbs else head
    # "Cashew nuts brought in $531.4 million, while tobacco and coffee earned ...": the last clause's
    subject = re.split(r"\b(?:while|whereas|but)\s", subject.split(":")[-1])[-1]
    subject = re.sub(r",?\s+(?:which|that)\s*$", "", subject)  # "gold and fruit, which increased by"
    if (
        match := re.search(
            r"\b(?:exports|imports|trade|shipments|sales) of (?:the [\w-]+'s )?(.+)$", subject, re.I
        )
    ) is not None:
        subject = match.group(1)
    # "exports of paper and paperboard and of iron and steel": "and of" joins the items
    joined = r",?\s+and\s+of\s+" if re.search(r"\sand\s+of\s", subject) else r",\s*(?:and\s+)?"
    items = [i.strip() for i in re.split(joined, subject) if i.strip()]
    if len(items) < size and items and " and " in items[-1]:
        items = items[:-1] + [p.strip() for p in items[-1].split(" and ")]
    items = [re.sub(r"^(?:along with|as well as|and|with|in)\s+", "", i) for i in items]
    # "Zinc and silver exports": the flow word is every item's, not the last one's name
    items[-1:] = [
        re.sub(r"(?<=\w)\s+(?:exports|imports|shipments|sales)\b.*$", "", i, flags=re.I) for i in items[-1:]
    ]  # "barley exports in October"
    if len(items) != size:
        return None
    if not folded:
        return items
    return [fold_label(quoted[0] if (quoted := QUOTED.findall(i)) else i) or i for i in items]


def _is_list(figures: list[Figure]) -> bool:
    """Like figures, one per item ("98.1 billion yuan and 71.6 billion yuan"), not a level
    and its growth rate."""
    return len({f.unit for f in figures}) == 1


def _respectively(
    ctx: _Context, group: list[Figure], earlier: list[Figure], mentions: list[Mention]
) -> list[Observation]:
    """A list distributed over earlier figures of the sentence (their growth rates), over
    areas named before it (partners), or over the items named before it (products)."""
    out: list[Observation] = []
    if len(earlier) == len(group) and _is_list(earlier):
        for target, figure in zip(earlier, group, strict=True):
            typed = _metric(ctx, target, target.start - ctx.start)
            if typed is None:
                continue
            for o in _observations(ctx, figure, find_product(ctx.sentence, target.start - ctx.start)):
                fields = {
                    "metric": typed[0],
                    "flow": typed[1] if typed[0] != Metric.ENTERPRISE_COUNT else None,
                }
                out += _retyped(o, fields)
        return out
    head_mentions = [m for m in ctx.partners if m.start < group[0].start and m.entity != ctx.entity.entity]
    if len(head_mentions) >= len(group):
        # "shares of 14.6% and 13.2%": what the list's first item is, they all are; "took
        # 38.1% and 27.4% of gold shipments": what the last is, named by the whole after it
        named_after_last = _whole_flow(ctx.sentence[group[-1].end - ctx.start :]) is not None
        model_figure = group[-1] if named_after_last else group[0]
        model = next(iter(_observations(ctx, model_figure, None)), None)
        keys = ("metric", "flow", "change", "base_period") + (
            ("product",) if model_figure is group[-1] else ()
        )
        same = {} if model is None else {k: getattr(model, k) for k in keys}
        for partner, figure in zip(head_mentions[-len(group) :], group, strict=True):
            for o in _observations(ctx, figure, None):
                out += _retyped(o, {"partner": partner.entity, **same})
        return out
    items = _list_items(ctx.sentence, group[0].start - ctx.start, len(group))
    written = _list_items(ctx.sentence, group[0].start - ctx.start, len(group), folded=False) or []
    areas = [resolve(re.sub(r"^the\s+", "", i, flags=re.I)) for i in written]
    if areas and all(areas) and len(set(areas)) == len(areas):
        # "The United Arab Emirates and Kuwait exported 3.21 million bpd and 1.68 million bpd"
        for area, name, figure in zip(areas, written, group, strict=True):
            named = {"entity": area, "entity_name": name}
            out += [r for o in _observations(ctx, figure, None) for r in _retyped(o, named)]
        return out
    flows = [_FLOW_WORDS.get(i.split()[-1]) for i in items] if items is not None else []
    # "accounted for 18.9%, 14.3% and 12.1% of re-exports, respectively": what the first is, all are
    first = next(iter(_observations(ctx, group[0], None)), None)
    whole = _whole_flow(ctx.sentence[group[-1].end - ctx.start :])  # "... of re-exports": exports
    shared = (
        {"metric": first.metric, "change": first.change, "flow": whole or first.flow}
        if first is not None and first.metric == Metric.SHARE_OF_TOTAL
        else {}
    )
    for index, figure in enumerate(group):
        if flows and all(flows):
            out += [r for o in _observations(ctx, figure, None) for r in _retyped(o, {"flow": flows[index]})]
            continue
        product = items[index] if items is not None and is_product(items[index]) else None
        out += [r for o in _observations(ctx, figure, product) for r in _retyped(o, shared)]
    return out


def _retyped(observation: Observation, fields: Mapping[str, object]) -> list[Observation]:
    try:
        return [parse_observation({**observation.model_dump(), **fields})]
    except SchemaError:
        return []


_DEMAND_FROM = re.compile(
    rf"\b(?i:demand|orders|buying)\s+(?:from|in|by)\s+(?:the\s+)?{_AREAS_BEFORE}{{0,6}}$"
)
_DATELINE = re.compile(rf",?\s*(?:\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}}\b|\(\w+\))")
_MODIFIER_AFTER = re.compile(
    r"[\s-]+(?:(?:reciprocal|retaliatory|new|higher|steep|punitive|import|export)\s+)?"
    r"(?:tariffs?|dollars?|government|officials?|president|economy|central bank|markets?|demand|buyers"
    r"|customs|data|authorities|companies|firms|consumers|ports?|statistics|provinces|regions|cities"
    r"|administration|treasury|bonds?|stocks?|shares|index|currency|-bound|importers|exporters|border"
    r"|suppl(?:y|ies|iers)|goods(?!\s+(?:trade\s+)?(?:deficit|surplus|balance|gap|exports|imports))"
    r"|products|cargoes|producers|farmers|manufacturers|rivals|counterparts|rivers?|valley|basin|delta)\b",
    re.IGNORECASE,
)


_IS_OF = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:is|was|remained|remains|became|becomes|has been|had been|ranked as|ranks as"
    r"|ranked|ranks|stayed|stays)\s+(?:the\s+)?$"
)
_OWNED_ROLE = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:trading partner|trade partner|export (?:market|destination|country)"
    r"|market|source of imports|supplier|customer|buyer|country of origin)s?\b"
)


_ROLE_FOR = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:is|was|remained|remains|became|has been|stayed)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:trading partner|trade partner|market|destination|supplier|source|buyer"
    r"|customer)s?\s+(?:for|of)\s+(?:the\s+)?$"
)


# an area that is the market or supplier of the article's economy, not the one reporting
_ROLE_AFTER = re.compile(
    r"(?:,?\s+(?:and\s+)?(?:the\s+)?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*){0,6}"
    r"(?:,\s+(?:the\s+)?[\w'’ -]{0,100},)?,?\s+"
    # "The United States thus ranked fifth", "The European Union as a bloc took US$143 million"
    r"(?:(?:thus|also|again|still|now|therefore|then|together|combined|as a (?:bloc|group|whole))\s+)?"
    r"(?:(?:(?:ranked|came|placed|was|is|stood|slipped to|fell to|rose to|climbed to)\s+(?:in\s+)?)?"
    r"(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?=with\s|at\s))?"
    r"(?:(?:remained|was|is|were|are|became|ranked|stayed|emerged as|moved|climbed|slipped|fell|dropped|rose"
    r"|led|topped|headed|continued to be|continues to be)"
    r"\s+(?:as\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,6}?"
    rf"{_ROLES}"
    r"|(?:took|takes|taking|bought|buys|absorbed|received|followed with|supplied|supplies|provided)\b"
    # "Egypt, Turkey and Saudi Arabia accounted for 24%, 11% and 7% of the season's wheat shipments"
    r"|(?:accounted for|made up|represented)\s+(?:about\s+|nearly\s+)?[\d.,]+\s?(?:%|percent|per cent)"
    r"(?:,?\s+(?:and\s+)?[\d.,]+\s?(?:%|percent|per cent))*\s+of\s+(?:the\s+)?[\w'’-]+['’]s?\s"
    r"|(?:completed|completing|rounded out|rounding out)\s+the\s+top\b"  # "Singapore completed the top five"
    r"|at\s+\S{0,4}\s?\d"  # "followed by the United States at $2.61 billion", "at SAR 2.1 billion"
    r"|(?:(?:was|is|were|came|stood|remained|ranked)\s+)?in\s+(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))"
    r"\s+place\b"  # "China in third place at RM16.02 billion"
    r"|ranked\s+(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\b"
    # "India was fourth.", "the United States in third.", "and China third.": a standing alone
    r"|(?:(?:was|is|were|are|came|stood|slipped to|fell to|rose to|climbed to|in)\s+)?"
    r"(?:first|second|third|fourth|fifth|sixth)\b(?=\s*[,.;]|\s*$)"
    r"|(?:with\s+(?:an?\s+)?)?(?:about\s+)?[\d.,]+\s?(?:%|percent|per cent)"  # "..., and Mexico 11.6 percent"
    r"(?!\s+(?:growth|increase|rise|decline|drop|higher|lower|more|less|up|down))"
    r"|\((?:about\s+)?[\d.,]+\s?(?:%|percent|per cent)\)"  # "the United States (21.8 percent), Australia"
    # "India with $17.8 billion", "Saudi Arabia with RO 231.0 million", "Japan with RM16.02 billion"
    r"|with\s+(?:about\s+)?(?:[A-Z]{0,3}\$\s?|€|£|¥|₹|₦|₱|₩|[A-Z][A-Za-z]{0,3}\.?\s?)[\d.,]+"
    # "the Democratic Republic of the Congo (US$ 71.30 million, 15.8 percent)"
    r"|\((?:about\s+)?(?:[A-Z]{0,3}\$\s?|€|£|¥|₹|₦|₱|₩|[A-Z][A-Za-z]{0,3}\.?\s?)[\d.,]+[^()%]{0,20},\s?"
    r"[\d.,]+\s?(?:%|percent|per cent)\)"
    r"|with\s+(?:about\s+)?[\d.,]+(?:\s(?:million|billion|thousand))?\s(?:tonnes|tons|barrels|units|vehicles)\b"
    # "Guyana and the European Union accounted for 11.2% and 9.8%, respectively"
    r"|(?:accounted for|made up|took)\s+(?:about\s+|nearly\s+|almost\s+)?[\d.,]+\s?(?:%|percent|per cent)"
    r"(?=(?:\s*,?\s*(?:and\s+)?[\d.,]+\s?(?:%|percent|per cent))+,?\s+respectively)"
    r"|(?:accounted for|made up|took)\s+(?:about\s+|nearly\s+|almost\s+)?[\d.,]+\s?(?:%|percent|per cent)"
    r"\s+of\s+(?:the\s+)?(?:total\s+)?"  # "... of Israel's goods exports"
    r"(?:[A-Z][a-z]+\s+|[A-Z][\w.-]*['’]s\s+)?(?:total\s+|goods\s+|merchandise\s+)?"
    r"(?:exports|imports|shipments|sales|trade)\b)"
)


# "Hong Kong, once the industry's biggest outlet, slipped": named by its role, a partner
_ROLE_APPOSITION = re.compile(
    r",\s+(?:once\s+|now\s+|still\s+|long\s+)?(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:largest|biggest|top|main|leading|key|[\w]+-largest|[\w]+-biggest)\s+(?:single\s+)?(?:export\s+|import\s+)?"
    r"(?:market|outlet|destination|buyer|customer|supplier|source|trading partner|partner)s?\b[^,]{0,30},"
)


# "France's share of total cork exports" in a report on Portugal's
_SHARE_ROLE = re.compile(
    r"(?:['’]s)?\s+share\s+of\s+(?:the\s+)?(?:total\s+|overall\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:exports|imports|trade|shipments|sales|purchases)\b"
)
_SHARE_OF_AREA = re.compile(r"(?:['’]s)?\s+share\s+of\s+(?:the\s+)?(?:total\s+)?", re.I)


def _partner_of(text: str, mentions: list[Mention]) -> tuple[Mention, Mention] | None:
    """(partner, entity) where a sentence says "A is B's largest trading partner", "A
    was the top market for B's (or Philippine) exports" or "A's share of B's exports": the
    figures are B's trade with A."""
    return next(_partner_pairs(text, mentions), None)


def _partner_pairs(text: str, mentions: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Each (partner, entity) pair of `_partner_of`'s kind among the mentions, in order."""
    return (
        (first, second)
        for first, second in pairwise(mentions)
        if (_IS_OF.fullmatch(text, first.end, second.start) and _OWNED_ROLE.match(text, second.end))
        or _ROLE_FOR.fullmatch(text, first.end, second.start)
        or _SHARE_OF_AREA.fullmatch(text, first.end, second.start)
    )


_THERE = re.compile(r"\b(?:exports|shipments|sales|imports|purchases|deliveries)\s+(?P<there>there)\b", re.I)
_AMOUNT_IN_BRACKETS = re.compile(r"\s?\(\s?\S{0,4}\s?\d")


def _in_a_role(text: str, mention: Mention) -> bool:
    """An area named as the economy's market, supplier or list line, not as the reporter."""
    return bool(
        _ROLE_AFTER.match(text, mention.end)
        or _ROLE_APPOSITION.match(text, mention.end)
        or _SHARE_ROLE.match(text, mention.end)
        or _labels_line(text, mention)
    )


def _labels_line(text: str, mention: Mention) -> bool:
    """An area that labels a line of a list ("- ASEAN: 312.7 billion yuan, up 11.4 percent")."""
    if not text.startswith(":", mention.end):
        return False
    i = mention.start
    while i > 0 and text[i - 1] in " \t-\u2022*\u2013":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _opens_line(text: str, mention: Mention) -> bool:
    """Only blanks between the mention and the line's start (a cost that does not grow
    with the article)."""
    i = mention.start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _is_subject(text: str, mention: Mention) -> bool:
    """An area a figure can be about, not a modifier of something else ("the 15 percent
    U.S. tariff", "Chinese provinces", "euro-area customs data")."""
    return _MODIFIER_AFTER.match(text, mention.end, min(len(text), mention.end + 30)) is None


# "Zhejiang's exports", "Zhejiang's rose 3.1%", but not "China's top trader" nor "Australia's iron ore"
_OWNS_FLOW = re.compile(
    r"['’]s\s+(?:(?:[\w-]+\s+){0,3}?(?:exports|imports|trade|shipments|surplus|deficit|sales|purchases)\b"
    r"|(?:rose|fell|grew|increased|decreased|declined|dropped|jumped|climbed|slipped|were|was)\b)"
)


def _heads(text: str, mention: Mention) -> bool:
    """An area the figures after it are about: "Guangdong's exports rose 5.5%, while
    Zhejiang's rose 3.1%", "and Guangdong accounted for 22.0% of the total"."""
    return not text.startswith(("'s", "’s"), mention.end) or bool(_OWNS_FLOW.match(text, mention.end))


_LINE_ENDS = re.compile(r"\n|[.!?]\s")


def _main_entity(text: str, mentions: list[Mention]) -> Mention | None:
    """The area an article reports on: the first it names as a subject, its headline or
    opening sentence, unless another is named as a subject more than twice as often."""
    # "China remained New Zealand's largest goods export destination": New Zealand's, not China's
    roles = {first.start for first, _ in _partner_pairs(text, mentions)}
    subjects = [
        m for m in mentions
        if _is_subject(text, m) and not _PARTNER_CUE.search(text[max(0, m.start - 40) : m.start])
        and m.start not in roles
    ]  # fmt: skip
    if not subjects:
        return None
    counts = Counter(m.entity for m in subjects)
    first = subjects[0]
    # "Gauteng keeps top spot as South Africa's exports slip": whose exports the line is about
    owner = next(
        (
            m
            for m in subjects
            if not _LINE_ENDS.search(text, first.start, m.start) and _OWNS_FLOW.match(text, m.end)
        ),
        None,
    )  # in the same sentence or headline
    if owner is not None and not _OWNS_FLOW.match(text, first.end):
        first = owner
    best = max(subjects, key=lambda m: counts[m.entity])
    return best if counts[best.entity] > 2 * counts[first.entity] else first


def extract_rules(article: Article, figures: list[Figure] | None = None) -> list[Observation]:
    """Every figure the rules can type: the prose's in article order, then the tables'."""
    text = article.text
    figures = find_figures(text) if figures is None else figures
    tables = find_tables(text)
    in_tables = {cell.start for table in tables for row in table.rows for cell in row}
    cells = {f.start: f for f in figures if f.start in in_tables}
    figures = [f for f in figures if f.start not in in_tables]
    mentions = _mentions(text)
    observations: list[Observation] = []
    # a dateline ("BEIJING, Oct 13 (Reuters)") opens a line; "the European Union (EU)" does not
    mentions = [m for m in mentions if not (_opens_line(text, m) and _DATELINE.match(text, m.end))]
    # "on robust demand from India and Pakistan": why a figure moved, not whose it is
    mentions = [m for m in mentions if not _DEMAND_FROM.search(text, max(0, m.start - 60), m.start)]
    mentions = _outside_appositives(text, mentions)
    first_own = next(
        (m for m in mentions if not _PARTNER_CUE.search(text[max(0, m.start - 14) : m.start])), None
    )
    main = _main_entity(text, mentions)
    spans = sentences(text)
    lead_end = text.find("\n\n", len(text) - len(text.lstrip()))
    # the first three sentences of prose: a release's title, date and headline lines are none
    prose = [span for span in spans if len(text[span[0] : span[1]].split()) >= 8] or spans
    opening = prose[min(len(prose), 3) - 1][1] if prose else 0
    if (main is None or 0 <= lead_end < main.start) and (dated := dateline_entity(text)) is not None:
        main = Mention(*dated)  # no subject in the lead: the dateline's economy
    elif (main is None or main.start > opening) and (office := agency_entity(text, opening)) is not None:
        main = Mention(*office)  # "... according to figures released by Stats NZ today"
    periods = Periods(article, main.entity if main is not None else None)
    home = _home_currency(text, main)
    unstated = _unstated(text, main)
    # a services figure, not a note that "trade in services is released quarterly"
    services_apart = any(
        SERVICES.search(text, start, end) and _DIGIT.search(text, start, end) for start, end, _ in spans
    )
    lead = _lead_product(text, spans[:2], figures)
    if lead is not None and _reports_total(text, lead[0]):
        lead = None  # an article that also reports the country's total trade is not about one commodity
    carried = lead[0] if lead else None  # the commodity a report of volumes and prices is about
    paragraph_subject: dict[int, Mention] = {}
    flows: dict[int, Flow] = {}
    changes: dict[int, Change] = {}  # "Imports from the EU grew 2.8%" after "rose 1.9% on August"
    paragraph_start: dict[int, int] = {}
    last: Mention | None = None
    last_partner: Mention | None = None  # the partner "shipments there" refers back to
    standing_paragraph = -1  # the paragraph a product standing as its subject heads
    trade_paragraph = -1
    cursor_f = cursor_m = 0
    for start, end, paragraph in spans:
        paragraph_start.setdefault(paragraph, start)
        while cursor_m < len(mentions) and mentions[cursor_m].start < start:
            cursor_m += 1
        in_sentence = []
        j = cursor_m
        while j < len(mentions) and mentions[j].start < end:
            # "imports, mainly from Russia, rose": a source of part of the figure is not its partner
            if not _PART_FROM.search(text, max(start, mentions[j].start - 30), mentions[j].start):
                in_sentence.append(mentions[j])
            j += 1
        while cursor_f < len(figures) and figures[cursor_f].start < start:
            cursor_f += 1
        inside = []
        k = cursor_f
        while k < len(figures) and figures[k].start < end:
            if figures[k].end <= end:
                inside.append(figures[k])
            k += 1
        partners = [
            m for i, m in enumerate(in_sentence)
            if _PARTNER_CUE.search(text[max(start, m.start - 90) : m.start])
            or text.startswith("-bound", m.end)  # "U.S.-bound shipments"
            or (i and _BETWEEN.fullmatch(text, max(start, in_sentence[i - 1].start - 40), m.start))
        ]  # fmt: skip
        # an area named only after the sentence's figures is not their subject
        own = [
            m for m in in_sentence
            if m not in partners and _is_subject(text, m) and (not inside or m.start < inside[-1].end)
        ]  # fmt: skip
        # "China, Peru's second-largest supplier after the United States, rose": the aside's areas
        asides = [(m.end, a.end()) for m in in_sentence if (a := _ROLE_APPOSITION.match(text, m.end))]
        own = [m for m in own if not any(begin <= m.start < end_ for begin, end_ in asides)]
        # "12 percent of China's foreign trade": the whole a share is of, not the reporter
        own = [m for m in own if not _WHOLE_OF.search(text, max(start, m.start - 40), m.start)]
        if main is not None:  # "Germany remained the main partner, taking 27.6% of Polish exports"
            roles = [
                m for m in own
                if m.entity.split("-")[0] != main.entity.split("-")[0] and _in_a_role(text, m)
            ]  # fmt: skip
            partners = sorted(partners + roles, key=lambda m: m.start)
            own = [m for m in own if m not in roles]
        # "Poland ranked first among buyers, ahead of Spain ($1.48 billion)": a partner's list
        # goes on in partners; a list of reporters ("Germany ..., ahead of Italy (€4.2 bn)") does not
        listed = [
            m
            for m in own
            if _AMOUNT_IN_BRACKETS.match(text, m.end) and any(p.start < m.start for p in partners)
        ]
        partners = sorted(partners + listed, key=lambda m: m.start)
        own = [m for m in own if m not in listed]
        if pair := _partner_of(text, in_sentence):  # "China remained ASEAN's largest trading partner"
            partners, own = [pair[0], *partners], [pair[1]]
        if not partners and last_partner is not None and (there := _THERE.search(text, start, end)):
            # "Germany took 30% of exports. Shipments there fell 3.9%": there is the partner named last
            partners = [
                Mention(there.start("there"), there.end("there"), last_partner.entity, last_partner.name)
            ]
        last_partner = partners[-1] if partners else None  # "there" is the sentence before's
        before = paragraph_subject.get(paragraph, main or last or first_own)  # whose, until the sentence says
        # "Exports rose 3%, and Thailand's rose 4%": a subject named after the first figure is an aside
        if own and inside and paragraph not in paragraph_subject and own[0].start < inside[0].start:
            paragraph_subject[paragraph] = own[0]
        elif (
            own
            and not inside
            and paragraph not in paragraph_subject
            and not text[start : own[0].start].strip()
        ):
            paragraph_subject[paragraph] = own[0]  # "Japan lagged its neighbours. Its exports ..."
        entity = own[0] if own else paragraph_subject.get(paragraph, main or last or first_own)
        last = own[0] if own and inside else last
        sentence = text[start:end]
        about_trade = bool(_TRADE_CUE.search(sentence)) or (
            (trade_paragraph == paragraph or (lead is not None and _COMMODITY_MEASURE.search(sentence)))
            and not _NOT_TRADE.search(sentence)
        )  # "Jiangsu ranked second nationally." follows a sentence about its trade
        trade_paragraph = paragraph if _TRADE_CUE.search(sentence) else trade_paragraph
        if sentence.rstrip().endswith(":") and (cue := _FLOW_CUES.search(sentence)) is not None:
            flows[paragraph] = _cue_flow(cue.group(0))  # "Exports by sector:" heads the lines below
        if not inside and about_trade and (standing := _standing_product(sentence)) is not None:
            carried = standing  # "Pharmaceutical products were the main drag. Their exports dropped 8.4%"
            standing_paragraph = paragraph
            if (
                standing_flow := _count_flow(sentence)
            ) is not None:  # "... the dominant export. Earnings fell"
                flows[paragraph] = standing_flow
        if entity is None or not inside or not about_trade:
            continue
        groups: dict[int, list[Figure]] = {}
        for figure in inside:
            if figure.respectively is not None:
                groups.setdefault(figure.respectively[0], []).append(figure)
        for figure in inside:
            period = periods.at(text, (start, end), paragraph_start[paragraph], figure)
            named = [m for m in own if m.start < figure.start and _heads(text, m)]
            # "Exports to the UK rose 5.8%, and Japan's rose 2%": a subject named after it is not its own
            whose = (
                named[-1]
                if named
                else (entity if not own or own[0].start < figure.start else before or entity)
            )
            ctx = _Context(
                article, sentence, start, whose, partners, period, periods, inside, unstated,
                services_apart, flows.get(paragraph), changes.get(paragraph),
                main.entity if main is not None else None,
            )  # fmt: skip
            if figure.respectively is None:
                product = _restated_product(ctx, figure) or find_product(sentence, figure.start - start)
                made = _observations(ctx, figure, product)
                referred = _BACK_REFERENCE.match(sentence) is not None or (
                    standing_paragraph == paragraph and _MEASURE_OPENING.match(sentence) is not None
                )  # "Iron ore remained the dominant export. Earnings fell 14.6 per cent"
                # "exports fell 0.6%" after "liquefied natural gas exports rose": all exports, unless
                # the article is about one commodity
                bare = (
                    lead is None
                    and _BARE_FLOW.match(clause_before(sentence, figure.start - start)) is not None
                )
                made = [_lead_flow(o, lead, sentence) for o in made]
                made = [
                    _carry_product(o, commodity, True) if (commodity := _commodity_of(o, lead, sentence))
                    else o if bare else _carry_product(o, carried, referred)
                    for o in made
                ]  # fmt: skip
                made = [
                    o.model_copy(update={"unit": unit})
                    if (unit := figure.in_currency(o.unit, home)) != o.unit
                    else o
                    for o in made
                ]
                # goods and services are scopes of trade, not a commodity later tonnes are of
                carried = next((o.product for o in made if o.product and o.product not in _SCOPES), carried)
                if (made_flow := next((o.flow for o in made if o.flow), None)) is not None:
                    flows[paragraph] = made_flow
                compared = [o.change for o in made if o.metric != Metric.SHARE_OF_TOTAL and o.change]
                if compared and compared[-1] != Change.VS_PERIOD:
                    changes[paragraph] = Change(compared[-1])
                observations += made
            elif figure.respectively[1] == 0:
                group = groups[figure.respectively[0]]
                earlier = [f for f in inside if f.end <= group[0].start and f.respectively is None]
                observations += _respectively(
                    ctx, group, earlier[-len(group) :] if earlier else [], in_sentence
                )
    if main is not None:
        base: dict[str, object] = {"article_id": article.id, "entity": main.entity, "entity_name": main.name}
        for table in tables:
            observations += table_observations(text, table, cells, base, periods.first_in, periods.main, home)
    return _distinct(observations)


# "Pharmaceutical products, Belgium's biggest export category, were the main drag."
_OPENING_NOUN = re.compile(
    r"\s*([A-Z][\w'-]*(?:\s[a-z][\w'-]*){0,3}?)(?=,|\s(?:were|was|are|is|remained|became|stayed)\b)"
)
_STANDS = re.compile(r"(?:,[^,;]{1,80},)?\s+(?:were|was|are|is|remained|became|stayed)\b")


def _standing_product(sentence: str) -> str | None:
    """The product a sentence with no figure opens with as its subject, which a next
    sentence's "Their exports" refers back to."""
    opening = _OPENING_NOUN.match(sentence)
    if opening is None or not _STANDS.match(sentence, opening.end()) or not is_product(opening.group(1)):
        return None
    return fold_label(opening.group(1))


_PHYSICAL = (Metric.VOLUME, Metric.UNIT_PRICE)


_SCOPES = (fold_label("goods"), fold_label("services"))
_BARE_FLOW = re.compile(
    r"\s*(?:(?:and|but|while|whereas)\s+)?(?:(?:the|its|total|overall)\s+)?"
    r"(?:exports|imports|export prices|import prices)\b",
    re.I,
)


# "Electronic products remained the top export. Their export value rose 12.6 percent"
_BACK_REFERENCE = re.compile(r"(?:Their|These (?:products|goods|items|shipments))\b")
# a sentence that opens with what a standing product is measured by: "Earnings fell 14.6 per cent"
_MEASURE_OPENING = re.compile(
    r"(?:Earnings|Sales|Revenues?|Receipts|Shipments|Volumes|Export (?:earnings|values?))\b"
)


_TOTAL_NAMED = re.compile(r"\b(?:total|overall)\s+(?:(\w+)\s+)?(?:exports|imports|trade|shipments)\b", re.I)


def _names_total(text: str, product: str) -> bool:
    """ "total exports", "total merchandise trade", but not "total watch exports" in a report
    on watches."""
    return any(_other_total(m, product) for m in _TOTAL_NAMED.finditer(text))


def _reports_total(text: str, product: str) -> bool:
    """Whether an article reports the country's total trade beside its commodity's, not only
    as the whole of the commodity's share ("16.4% of the country's total exports") or a
    wider group's total."""
    return any(
        (m.group(1) is None or m.group(1).lower() in _ALL_TRADE_WORDS)
        and not _WHOLE_OF_A_SHARE.search(text, max(0, m.start() - 40), m.start())
        for m in _TOTAL_NAMED.finditer(text)
    )


# "total merchandise exports" are the country's; "total seafood exports" in a report on salmon
# are a wider group's, and the report stays about salmon
_ALL_TRADE_WORDS = frozenset({"merchandise", "goods", "foreign", "external", "overseas", "international"})


def _other_total(match: re.Match[str], product: str) -> bool:
    return match.group(1) is None or fold_label(match.group(1)) != product.split()[-1]


# "16.4% of the country's total exports": the whole a commodity's share is of, no report on it
_WHOLE_OF_A_SHARE = re.compile(r"\bof\s+(?:the\s+|its\s+)?(?:[\w.-]+['’]s\s+)?$", re.IGNORECASE)


def _lead_product(
    text: str, lead: list[tuple[int, int, int]], figures: list[Figure]
) -> tuple[str, Flow] | None:
    """The commodity a commodity report is about, and its flow: named in its headline or
    lead ("China's iron ore imports climb"), in an article where at least one figure in
    five is a volume or a price (a general report that gives one tonnage is not one), or
    heading its first sentence's subject ("Swiss watch exports fell 4.6 percent"), which a
    report on all trade that names a product on the way never does ("the deficit widened
    as fuel imports climbed")."""
    physical = [
        f for f in figures if f.unit is not None and (f.unit in PHYSICAL_WORDS.values() or is_price(f.unit))
    ]
    commodity_like = bool(physical) and len(physical) * 5 >= len(figures)
    for number, (start, end, _) in enumerate(lead):
        sentence = text[start:end]
        opening = DATELINE_LEAD.match(sentence)
        body = sentence[opening.end() :] if opening else sentence
        subject = body[: m.start()] if (m := CLAUSE.search(body)) else body  # its first clause
        headed = (_PRODUCT_SUBJECT.match(subject) or _EARNED_FROM.search(subject)) if number == 0 else None
        if not (commodity_like or headed):
            continue
        named = headed.group(0) if headed and not commodity_like else subject  # the product heads it
        first = start + (opening.end() if opening else 0)
        in_subject = [f for f in physical if first <= f.start < first + len(subject)]
        if _TRADE_CUE.search(named) and (
            product := find_product(named, len(named)) or _physical_of(text, in_subject)
        ):
            return product, _flow(subject, len(subject))
    return None


def _physical_of(text: str, physical: list[Figure]) -> str | None:
    """ "Uganda exported 812,400 bags of coffee": the product the lead's first quantity is of."""
    for figure in physical:
        named = _OF_PRODUCT.match(text, figure.end)
        if named is not None and is_product(product := named.group(named.lastindex or 1)):
            return fold_label(product)
    return None


# "Ethiopia earned $812.6 million from coffee exports": what the country earned from is the report's
_EARNED_FROM = re.compile(
    r"\b(?:earned|made|raked in|generated|fetched)\s+\S{0,4}[\d.,]+(?:\s?(?:million|billion|trillion|bn|mn))?"
    r"\s+from\s+(?:[a-z][\w-]*\s){1,3}(?:exports|shipments|sales abroad)\b"
)
# "Swiss watch exports fell", "Thailand's car exports", "The country's coffee shipments rose"
_PRODUCT_SUBJECT = re.compile(
    r"(?:(?:The|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})['’]s\s|The\s)?(?:[a-z][\w-]*\s|[A-Z][\w-]*\s){1,4}"
    r"(?:exports|imports|shipments|trade)\s(?:of\s)?(?:[a-z]+\s)?(?:rose|fell|grew|jumped|surged|climbed|slumped"
    r"|plunged|dropped|declined|slipped|eased|increased|decreased|reached|hit|totall?ed|were|was|stood|came"
    # a headline's present tense
    r"|(?:rise|fall|grow|jump|surge|climb|slump|plunge|drop|decline|slip|ease|hit|top)s?)\b"
)


_NAMES_FLOW = re.compile(r"\b(?:export|import|trade|surplus|deficit|balance|turnover)", re.IGNORECASE)


def _lead_flow(observation: Observation, lead: tuple[str, Flow] | None, sentence: str) -> Observation:
    """ "Volumes were 12.6 percent higher" in a report on coffee exports: a sentence that
    names no flow is of the report's own."""
    if lead is None or observation.flow != Flow.TOTAL or _NAMES_FLOW.search(sentence):
        return observation
    return observation.model_copy(update={"flow": lead[1]})


def _commodity_of(observation: Observation, lead: tuple[str, Flow] | None, sentence: str) -> str | None:
    """The commodity of a commodity report's own flow ("The import bill came to $10.74
    billion" in a report on iron ore imports; "Exports to France climbed 4.1%" in one on
    cork exports), not of all the goods the country trades."""
    if lead is None or lead[1] not in (observation.flow, Flow.TOTAL):
        return None  # a report on a commodity's trade is about its exports and imports too
    return None if _ALL_GOODS.search(sentence) or _names_total(sentence, lead[0]) else lead[0]


_ALL_GOODS = re.compile(r"\b(?:goods|merchandise)\b", re.IGNORECASE)


def _carry_product(observation: Observation, carried: str | None, referred: bool) -> Observation:
    """Tonnes and prices are of the commodity named last: "Arrivals were 1.9 million
    tonnes higher" after "crude oil imports", and "crude" is that "crude oil" ("beans"
    those "cocoa beans"); so is a sentence that refers back to it."""
    if carried is None:
        return observation
    product = observation.product
    if product is not None and carried.startswith(f"{product} ") and " and " not in carried:
        return observation.model_copy(update={"product": carried})  # any figure's "crude" is "crude oil"
    if observation.metric not in _PHYSICAL and not referred:
        return observation
    if product is None or carried.endswith(f" {product}"):
        return observation.model_copy(update={"product": carried})  # "beans" after "cocoa beans"
    if product in _FORMS and " " not in carried:
        return observation.model_copy(update={"product": f"{carried} {product}"})  # "beans" of cocoa
    return observation


# what a commodity is traded as: "beans" in a report on cocoa are cocoa beans
_FORMS = frozenset(
    {"bean", "oil", "meal", "cake", "butter", "powder", "liquor", "kernel", "fillet", "leaf", "seed", "ore"}
)


_HOME_CURRENCIES = {
    "AU": "AUD", "NZ": "NZD", "CA": "CAD", "SG": "SGD", "HK": "HKD", "TW": "TWD",
    "PK": "PKR", "LK": "LKR", "NP": "NPR",
    "CO": "COP", "CL": "CLP", "AR": "ARS", "PH": "PHP", "UY": "UYU", "DO": "DOP", "TZ": "TZS", "UG": "UGX",
    "QA": "QAR", "OM": "OMR", "IQ": "IQD", "DZ": "DZD", "TN": "TND", "JO": "JOD", "BH": "BHD", "LY": "LYD",
    "RS": "RSD", "EG": "EGP", "LB": "LBP", "DK": "DKK", "SN": "XOF", "CI": "XOF", "ML": "XOF", "BF": "XOF",
    "CM": "XAF", "GA": "XAF", "JP": "JPY", "SE": "SEK", "NO": "NOK", "IS": "ISK", "MA": "MAD",
    "IR": "IRR", "YE": "YER", "SD": "SDG", "SY": "SYP", "MU": "MUR", "SC": "SCR", "BW": "BWP",
    "FJ": "FJD", "JM": "JMD", "TT": "TTD", "NA": "NAD", "BS": "BSD", "BB": "BBD", "BZ": "BZD", "GY": "GYD",
    "LR": "LRD", "BN": "BND", "SB": "SBD", "MG": "MGA", "ZM": "ZMW", "MW": "MWK", "PG": "PGK", "MM": "MMK",
    "BO": "BOB", "VE": "VES", "MD": "MDL", "RO": "RON",
}  # fmt: skip
_DOLLARS_AND_RUPEES = (
    "AUD", "NZD", "CAD", "SGD", "HKD", "TWD", "PKR", "LKR", "NPR",
    "FJD", "JMD", "TTD", "NAD", "BSD", "BBD", "BZD", "GYD", "LRD", "BND", "SBD",
)  # fmt: skip
# amounts in the economy's own currency, marked: "NZ$5.8 billion", "5.8 billion New Zealand dollars"
# ("the New Zealand dollar was trading at 57.4 US cents" marks none)
_MARKED_HOME = re.compile(
    r"\b(?:A|C|NZ|S|HK|NT|FJ|J|TT|N|BZ|BDS|G|L|SI)\$\s?\d|\b(?:PKR|LKR|NPR)\s?\d"
    r"|\d\s(?:[a-z]+\s)?(?:Australian|Canadian|New Zealand|Singapore|Hong Kong|Taiwan|Fiji|Fijian|Jamaican"
    r"|Trinidad and Tobago|Namibian|Bahamian|Barbados|Belize|Guyana|Liberian|Brunei|Solomon Islands)"
    r" dollars\b"
    r"|\d\s(?:[a-z]+\s)?(?:Pakistani|Sri Lankan|Nepalese|Nepali) rupees\b|\d\s?(?:PKR|LKR|NPR)\b"
)


def _home_currency(text: str, main: Mention | None) -> str | None:
    """What a bare "$", "Rs", "pesos" or "shillings" means: the economy's own, when it has
    one; a dollar or rupee only when the article never marks its own ("NZ$", "Pakistani
    rupees") to tell them from US dollars or Indian rupees."""
    home = _HOME_CURRENCIES.get(main.entity.split("-")[0]) if main is not None else None
    if home in _DOLLARS_AND_RUPEES and _MARKED_HOME.search(text):
        return None
    return home


@dataclass(frozen=True)
class _Unstated:
    """How an article compares when a change does not say ("exports rose 6.3 percent"):
    the comparison it writes most that fits the figure's period, year on year on a tie; a
    month's (quarter's) change is on the month (quarter) before in the releases of offices
    that lead with those."""

    counts: Mapping[Change, int]
    month_first: bool  # a release of an office that leads with the period before
    adjusted: bool  # a seasonally adjusted release: month on month on a tie

    def change(self, period: str) -> Change:
        first = _previous(period)
        if first is None:
            return Change.YOY  # a year, a half or a run of months has no previous month or quarter
        if self.month_first:
            return first
        if self.counts[first] > self.counts[Change.YOY] or (
            first == Change.MOM and self.adjusted and self.counts[first] == self.counts[Change.YOY]
        ):
            return first
        return Change.YOY


def _previous(period: str) -> Change | None:
    """The change on the period before: a month's is month on month, a quarter's quarter on
    quarter; a year, a half or a run of months has none but the year before."""
    return {"monthly": Change.MOM, "quarterly": Change.QOQ}.get(period_type(period))


def _fits(change: Change, period: str) -> bool:
    return change not in (Change.MOM, Change.QOQ) or change == _previous(period)


# statistics offices whose releases compare with the previous month (or three months) unless they
# say otherwise: the US Census Bureau, Statistics Canada, the ABS, the ONS, SARS
_MONTH_FIRST = ("US", "CA", "AU", "GB", "ZA")
_SEASONALLY_ADJUSTED = re.compile(r"\bseasonally[- ]adjusted\b", re.IGNORECASE)


def _unstated(text: str, main: Mention | None) -> _Unstated:
    text = _SAME_AGAIN.sub(" ", text)
    counts = {
        Change.MOM: len(_MOM.findall(text)) + len(_MOM_NAMED.findall(text)),
        Change.QOQ: len(_QOQ.findall(text)),
        Change.YOY: len(_YOY.findall(text)),
    }
    economy = main.entity.split("-")[0] if main is not None else None
    return _Unstated(counts, economy in _MONTH_FIRST, bool(_SEASONALLY_ADJUSTED.search(text)))


def _distinct(observations: list[Observation]) -> list[Observation]:
    """One observation per fact, the first."""
    first: dict[tuple[object, ...], Observation] = {}
    for o in observations:
        first.setdefault(o.fact(), o)
    return list(first.values())


class RulesExtractor:
    """The rules as an extractor a batch run or an evaluation can use."""

    version = RULES_VERSION
    hash = RULES_HASH
    model = "rules"

    async def extract(self, article: Article) -> ArticleResult:
        figures = find_figures(article.text)
        observations = extract_rules(article, figures)
        if observations and reference_year(article) is None:
            raise ExtractionError(
                "no year dates its figures: the article names none and has no published date "
                "(give it one, as published = YYYY-MM-DD)",
                cause="no-year",
                attempts=0,
                usage=Usage(),
                article_id=article.id,
            )
        rows = [
            output_row(o, ground(o, article.text, figures), RULES_VERSION, RULES_HASH, self.model)
            for o in observations
        ]
        return ArticleResult(article.id, rows, Usage(), attempts=0)
