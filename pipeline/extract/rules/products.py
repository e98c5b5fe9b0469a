"""Product names as trade reports write them: "exports of integrated circuits", "coal
exports", "Rubber products", "Coal, coke and briquettes fell", and what is no product
(function words, verbs, flows, areas, scopes of a whole release)."""

from __future__ import annotations

import re

from pipeline.core.entities import resolve
from pipeline.core.schema import is_currency
from pipeline.extract.rules.areas import DEMONYMS
from pipeline.extract.rules.periods import MONTH_NAMES
from pipeline.extract.rules.text import CLAUSE, DASH_ASIDE, DATELINE_LEAD, clause_before
from pipeline.numbers.normalise import fold_label

QUOTED = re.compile(r"[\"“]([^\"”]{2,40})[\"”]")


# "vehicles, parts, and accessories": a list of items that ends with "and" names one category
_LISTED = r"[a-z][a-z-]*(?: [a-z-]+)?(?:, [a-z-]+(?: [a-z-]+)?)+,? and [a-z-]+(?: [a-z-]+)?"


_PRODUCT_OF = re.compile(  # not "exports of R189.4 billion": a currency prefix is no product
    r"\b(?:(?:exports|imports|shipments|sales|purchases|trade|imported|exported|volumes?|quantit(?:y|ies)"
    r"|(?:export |import )?prices?) of"
    r"|trade in|(?:export |import )?prices? (?:for|paid for)"  # "the average realised price for beans"
    r"|(?:export\s)?(?:earnings|revenues?|receipts) from) "  # "export earnings from coal"
    r"(?:the [\w-]+'s )?"
    r"(?:the (?!(?:[a-z-]+ )?(?:metal|commodity|grain|fuel|mineral|staple|crop|goods|bean|leaf)\b))?"
    rf"((?:{_LISTED}|[a-z][a-z-]*(?:&[a-z]+)?(?: (?:and )?[a-z-]+(?:&[a-z]+)?){{0,3}}))\b(?![\d$.,])",
    re.IGNORECASE,
)


_NOT_BEFORE_FLOW = r"(?!(?:to|from|of|and|in|on|for|with|were|was|by)\b)"


_PRODUCT_BEFORE = re.compile(
    # up to three words ("liquefied natural gas shipments"), read back to the longest product
    rf"(?<!['’])\b(?:[Tt]he\s)?((?:[A-Z]?[a-z-]+ and )?"
    rf"{_NOT_BEFORE_FLOW}(?:[A-Za-z][a-z-]+|[A-Z]{{2,5}})"
    rf"(?: {_NOT_BEFORE_FLOW}(?!(?:foreign|external|international|overseas|import)\s)[a-z-]+){{0,2}})"
    r"(?:\s(?:foreign|external|international|overseas))?"  # "non-oil foreign trade": of non-oil goods
    r" (?:exports|imports|shipments|purchases|sales|import prices?"
    r"|export (?:earnings|revenues?|receipts|sales|volumes?|values?|prices?)"
    r"|trade (?:balance|surplus|deficit)"
    # "the energy bill", "the petroleum group's import bill": what is bought abroad
    r"|(?:import )?bill"
    # "non-oil trade rose", "non-oil trade of Dh146.8 billion": the trade of a product group
    r"|trade(?=\s(?:rose|fell|grew|jumped|surged|climbed|increased|decreased|declined|dropped"
    r"|reached|totall?ed|amounted|stood|came|hit|was|were"
    r"|(?:rise|fall|grow|jump|surge|climb|increase|decrease|decline|drop|reach|hit|top|slip|ease)s?)\b"
    r"|\sof\s(?:about\s|around\s|nearly\s|some\s|over\s|more than\s)?\S{0,4}\d))\b"
)


# "the non-oil balance", "the energy deficit alone": the balance of one product group
_BALANCE_OF = re.compile(
    r"\b[Tt]he\s((?:non-)?(?![a-z-]+(?:ing|ed)\s)[a-z][a-z-]+)\s(?:trade\s)?(?:balance|surplus|deficit)\b"
)  # not "the resulting deficit", "the combined surplus"
# "Norway exported seafood worth NOK 16.8 billion", "shipped 128,400 tonnes of salmon worth"
_PRODUCT_WORTH = re.compile(
    r"\b(?:exported|imported|shipped|sold|bought)\s+"
    r"(?:[\d.,]+\s(?:(?:million|thousand|billion)\s)?(?:tonnes|tons|barrels|bags|bales|units|head)\sof\s)?"
    r"([a-z][a-z-]*(?: [a-z-]+){0,2}?)\s+(?:worth|valued at)\b"
)
_PRODUCTS = re.compile(
    r"\b((?:[A-Za-z][a-z]+ and )?[A-Z]?[a-z]+(?:[ -][a-z]+)? products|[A-Z]&[A-Z] products)\b"
)
_ABBREVIATION = re.compile(r"\s\([A-Z][A-Z&]{1,5}\)")  # "(LNG)", "(E&E)": a name's short form


_NOT_PRODUCT = re.compile(
    r"^(?:the|its|their|total|overall|goods|merchandise|foreign|country|nation|national|monthly|annual"
    r"|combined|net|seasonally|adjusted|outbound|inbound|trade|value|growth|and|of|in|its own|year|month"
    r"|quarter|such|which|that|those|these|whose|global|world|first|second|third|last|previous|other|cumulative"
    # "first-quarter exports", "nine-month shipments": a period, not a product
    r"|(?:first|second|third|fourth)-quarter|[a-z]+-month|[a-z]+-year"
    r"|exports|imports|purchases?|domestic|re-exports?|non-oil (?:domestic|re-exports?)|nodx|norx"
    r"|record|full-year|full year|year-end|half-year|first-half|second-half"
    r"|year-to-date"
    r"|preliminary|provisional|revised|estimated|positive|negative|net|international|interprovincial|external"
    r"|surplus|deficit|balance|shortfall|gap|turnover|largest|biggest|smallest|widest|narrowest|bilateral"
    r"|structural|chronic|current|budget|primary|commercial|visible|invisible"
    # how or where goods cross, not what they are: "two-way trade", "border trade"
    r"|two-way|cross-border|border|regional|maritime|seaborne|online|free|free-zone|entrepot|transit|barter"
    r"|informal|formal|official|recorded|registered|general|processing"
    r"|export|import|forward|spot|retail|wholesale|futures?"  # "export sales", "forward sales"
    r"|products?|items?|commodities|(?:[\w-]+ )?origin"  # "exports of national origin"
    r"|fob|cif|f\.o\.b\.?|c\.i\.f\.?|free on board"  # how a flow is valued, not what it is of
    r"|average|mean|implied|(?:average |implied )?(?:unit|daily)"  # "the average import price"
    r"|resulting|ensuing|remaining|widening|narrowing|growing|shrinking"  # "the resulting trade surplus"
    r"|(?:[a-z]+ )?(?:rose|fell|grew|jumped|declined|dropped|were|was|is|are|had|have|has"
    r"|put|puts|set|sets|see|sees|saw|peg|pegs|estimate|estimates)"
    r"|lift|boost|raise|increase|double|triple|expand|diversify|promote|push|support|grow|spur"
    r"|demand|supply|inflation|output|production|growth|economy|activity|investment|spending"
    r"|the country's|the nation's|province's|region's|city's"
    r"|[\w -]*\badjusted|unadjusted|(?:extra|intra)-[\w -]+"  # "seasonally and calendar-adjusted"
    r"|(?:in )?[\w-]+ terms?"  # "in forint terms", "in real terms": how a figure is counted, not what
    r"|(?:total )?(?:export|import|shipment)s? (?:volumes?|values?|earnings|revenues?|receipts|prices?)"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:['’]s)?)$",
    re.IGNORECASE,
)


_SCOPE_WORD = re.compile(
    r"(?:total|overall|international|interprovincial|external|merchandise|goods|foreign|national|combined)",
    re.I,
)


_PRODUCT_TAIL = re.compile(
    r"\s(?:rose|rise|grew|jumped|surged|climbed|expanded|gained|fell|declined|decreased|dropped|slipped|slid"
    r"|contracted|shrank|plunged|slumped|eased|dipped|edged|advanced|soared|rebounded|increased|were|was|to"
    r"|from|in|totall?ed|reached|amounted|came|stood|accounted|made|brought|alone|worth|hit|posted"
    r"|shipped|exported|imported|sold|is|are|has|have|had|will|would|could|should|expected|seen|set"
    r"|surplus|deficit|balance|shortfall|gap|more|doubled|tripled|halved"
    r"|sank|tumbled|retreated|weakened|widened|narrowed|improved|recovered|rallied|slowed|accelerated"
    r"|swelled|inched|crept|leapt|leaped|skidded|softened|firmed|held|remained|stayed|topped|exceeded"
    r"|averaged|fetched|earned|generated|represented|comprised|totaling|totalling)\b"
    r"|\s[-\u2013\u2014](?=\s)"  # "electronic components - mostly integrated circuits"
    r"|\s(?:abroad|overseas)\b"  # "sales of pharmaceutical products abroad"
    # "energy products such as crude oil": the examples are no part of the product
    r"|,?\s(?:such as|including|notably|led by|mainly|mostly|chiefly)\b"
)


_SHARE_SUBJECT = re.compile(  # "Computers, electronic products and components remained the largest export"
    r"^(?:(?:[Tt]he|[a-z][\w-]*)\s){0,2}?"  # not "The United" of "The United States accounted for"
    r"([A-Za-z][a-z-]+(?:(?:,\s|\s)(?:and\s)?[a-z-]+){0,5}?) (?:accounted for|made up"
    r"|represented|comprised"
    r"|(?:remained|was|is|became|stayed) (?:the|its) (?:top|largest|biggest|main|leading|single largest)"
    r" (?:export|import|exported|imported))\b"
)


# "Coal, coke and briquettes fell A$210 million", "On the import side, capital goods rose 4.6%",
# "Coal, still the largest export, fell 19.6%"
_CHANGE_SUBJECT = re.compile(
    r"^(?:(?:On|In|Within|Among|Elsewhere)\b[^,]{0,40},\s+)?"
    r"([A-Za-z][a-z-]+(?:(?:,\s|\s)(?:and\s)?(?!(?:still|the|its|now)\b)[a-z-]+){0,5})"
    r"(?:\s+(?:led|drove) the (?:gain|rise|increase|decline|fall) in \w+"
    r"|,\s(?:still|the|its|now|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2}['’]s)\b[^,]{1,60},)?,?"
    r"\s+(?:rose|rising|fell|falling|grew|jumped|surged|climbed|declined|dropped|slid|slipped|edged up"
    r"|edged down|increased|decreased|advanced|eased|plunged|slumped|soared|gained|(?:were|was) (?:up|down))"
    # "slid 9.6%", "slid 9.6% to C$15.2 billion"
    r"\s+(?:by\s+)?\S{0,4}(?:\d[\d.,]*\s?(?:%|percent|per cent)\s+to\s+\S{0,4})?$"
)


# "Leather goods earned $1.13 billion, up 8.1 percent": a product that earned what it was sold for
_EARNED_SUBJECT = re.compile(
    r"^(?:(?:On|In|Within|Among|Elsewhere|Outside)\b[^,]{0,40},\s+)?"
    r"([A-Za-z][a-z-]+(?:(?:,\s|\s)(?:and\s)?(?!(?:still|the|its|now)\b)[a-z-]+){0,5})"
    # "Crude oil from the offshore Sangomar field", "Crude oil, exported for the first time in June,"
    r"(?:\sfrom\s[^,;]{1,60}?)?(?:,\s[a-z][^,]{1,60},)?"
    r"\s+(?:earned|brought in|fetched|generated|raked in|led with)\s+\S{0,4}"
    r"(?:\d[\d.,]*(?:\s?(?:trillion|billion|million|bn|mn))?,?\s+(?:up|down)\s+(?:by\s+)?)?$"
)


_SHARE_OWNER = re.compile(r"\b([A-Za-z][a-z-]+(?: [a-z-]+)?)['’]s share\b")


_MEASURE_TAIL = re.compile(
    r"\s*\b(?:volumes?|quantit(?:y|ies)|prices?|values?|shipments|sales|earnings|revenues?|receipts|arrivals|deliveries)$",
    re.I,
)


_FUNCTION_WORDS = frozenset(
    """the a an its their his her our this that these those which who whose while and but or as with to
    although though whereas meanwhile however also still even only just yet where when
    expect expects expected see sees forecast forecasts projects aims said says data ministry government
    after before since until
    bureau office agency
    from of for by in on at into than was were is are be been had has have amounted came totalled
    totaled reached rose fell grew jumped declined dropped increased decreased climbed slipped edged
    posted recorded saw exports imports trade shipments value total overall bloc blocs country countries
    nation nations province region city month year quarter period combined net goods merchandise foreign
    own such them it they about around nearly almost roughly some approximately all
    thus therefore hence again together jointly respectively
    expectation expectations consensus bound credits debits
    there here quarterly monthly annual yearly weekly cumulative visible invisible gross""".split()  # noqa: SIM905 - a word list reads better as text
)


# words that end like a verb but name a kind of product ("integrated circuits", "refined copper")
_NOT_VERBS = frozenset({
    "gas", "glass", "goods", "integrated", "processed", "refined", "liquefied", "manufactured", "finished",
    "assembled", "printed", "used", "chilled", "dried", "canned", "packaged", "treated", "polished",
    "salted", "roasted", "unprocessed", "fertilised", "fertilized", "services",
})  # fmt: skip


_PAST = re.compile(r"[a-z-]+(?<!e)ed")
_PARTICIPLES = frozenset({
    "taking", "making", "accounting", "leading", "including", "reaching", "rising", "falling", "bringing",
    "pushing", "lifting", "putting", "driving", "helping", "sending", "boosting", "dragging", "pulling",
    "keeping", "leaving", "giving", "cutting", "hitting", "marking", "extending", "ending",
})  # fmt: skip


_DEMONYM_FIRST = re.compile(
    rf"^(?:{'|'.join(map(re.escape, sorted(DEMONYMS, key=len, reverse=True)))})\s+(?=\S)"
)


# a whole word: "Polish" names Poland, "polished diamonds" none
_ANY_DEMONYM = re.compile(
    rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(DEMONYMS, key=len, reverse=True)))})(?!\w)", re.IGNORECASE
)


def _strip_demonym(candidate: str) -> str:
    """ "Swiss watch", "Thai rice" -> "watch", "rice": whose goods they are is the entity."""
    return _DEMONYM_FIRST.sub("", candidate)


_LAST_CAPITAL = re.compile(r"([A-Z][\w'’-]*)\s+$")


def _after_area(window: str, match: re.Match[str]) -> str:
    """ "UK services", "New Zealand lamb", "Ivory Coast cocoa" -> "services", "lamb",
    "cocoa": whose goods they are is the entity; a product's first word may also end an
    area's name begun before it."""
    candidate = match.group(1)
    words = candidate.split(" ")
    for n in (2, 1):  # written with a capital: "turkey meat" is no Turkey's
        if len(words) > n and words[0][:1].isupper() and resolve(" ".join(words[:n])) is not None:
            return " ".join(words[n:])
    first, _, rest = candidate.partition(" ")
    before = _LAST_CAPITAL.search(window, 0, match.start(1))
    if rest and before is not None and resolve(f"{before.group(1)} {first}") is not None:
        return rest
    return candidate


# "a fall in prices meant export earnings declined": verbs that do not end in -ed
_IRREGULAR_PAST = frozenset({
    "meant", "left", "kept", "sent", "cut", "drove", "saw", "took", "made", "put", "let", "led", "brought",
    "held", "won", "lost", "spent", "hit", "set",
})  # fmt: skip
_LEADING_NON_PRODUCT = (
    "and", "while", "but", "as", "with", "its", "their", "this", "these", "outbound", "inbound", "overseas",
    "so-called", "show", "showed", "shows", "showing",  # "figures show goods exports of EUR 206.9 billion"
    # "full-year non-oil trade", "bilateral non-oil trade": which trade of the product, not the product
    "full-year", "half-year", "year-to-date", "annual", "monthly", "quarterly", "yearly", "cumulative",
    "bilateral",
    "average", "mean",  # "the average rice export price": the price's kind, not the rice's
    # "aims to raise non-oil exports": what a plan would do to a flow
    "lift", "boost", "raise", "increase", "double", "triple", "expand", "diversify", "promote", "spur",
    *_IRREGULAR_PAST,
    # "euro area goods exports": the end of an area's name written in lower case
    "area", "zone",
    *MONTH_NAMES,
)  # fmt: skip


def _strip_verbs(candidate: str) -> str:
    """ "expects copper", "and coal" -> "copper", "coal": a leading word that reads as a
    verb or joins clauses is not part of it; one that heads a list is ("phones and
    components")."""
    words = candidate.split()
    if len(words) > 1 and words[0].lower() in ("total", "overall") and not _SCOPE_WORD.fullmatch(words[1]):
        words = words[1:]  # "total seafood exports": a group's total, of seafood
    while len(words) > 1 and (
        words[0].lower() in _LEADING_NON_PRODUCT
        or (
            re.fullmatch(r"[a-z]+(?:(?<![ious])s|(?<!e)ed)", words[0])  # not "precious", "glass"
            and words[0] not in _NOT_VERBS
            and words[1] not in ("and", "or")
        )
    ):
        words = words[1:]
    if len(words) > 1 and words[-1].lower() == "alone":  # "copper alone made up 28.4%"
        words = words[:-1]
    return " ".join(words)


def is_product(candidate: str) -> bool:
    """A product is a plain noun phrase: no function words, verbs, flows or area names."""
    words = re.findall(r"[\w'-]+", candidate.lower())
    inner_and = {
        i for i, w in enumerate(words) if w == "and" and 0 < i < len(words) - 1 and words[i - 1] != "products"
    }
    if not words or any(
        (w in _FUNCTION_WORDS and i not in inner_and and not (w == "goods" and 0 < i == len(words) - 1))
        or w.endswith("'s")
        for i, w in enumerate(words)
    ):  # "mechanical and electrical products", "iron and steel": one product group
        return False
    if _NOT_PRODUCT.match(candidate.strip()):
        return False
    if (
        len(words) == 1
        and (_PAST.fullmatch(words[0]) or words[0] in _PARTICIPLES or words[0] in _IRREGULAR_PAST)
        and words[0] not in _NOT_VERBS
    ):
        return False  # "figures showed exports", "taking exports": a verb ("rapeseed", "clothing" are not)
    if resolve(candidate) is not None or (re.fullmatch(r"[A-Z]{3}", candidate) and is_currency(candidate)):
        return False  # an area, or a currency code before its amount ("exports of NOK 1.05 billion")
    return _ANY_DEMONYM.search(candidate) is None


_TOTAL_FLOW = re.compile(
    r"(?<!of )(?<!in )\b(?:total|overall)\s+(?:merchandise\s+|goods\s+|foreign\s+)?"
    r"(?:exports|imports|trade|shipments)\b"
    r"(?!\s+of\s)(?!(?:[^.;]|\.(?=\d))*\b(?:exports|imports|trade|shipments)\b)(?:[^.;]|\.(?=\d))*$",
    re.IGNORECASE,
)


_RESPECTIVELY_WORD = re.compile(r"\brespectively\b", re.IGNORECASE)


_PAIRED = re.compile(r"\d(?:[\d.,]*\d)?(?:\s?%|\s(?:per ?cent|[a-z]+(?:\s[a-z]+)?))?\s+and\s+\S{0,4}\d")


# a figure, then "and" and words that are no other figure: a new statement begins
_AND_AFTER_FIGURE = re.compile(
    r"\d(?:\s?(?:%|percent\b|per cent\b|(?:trillion|billion|million|thousand|tonnes|barrels)\b))?\)?"
    r"\s+and\s+(?!\S{0,4}\d)"
)


# a product the sentence opens with as a standing: every figure of the sentence is its
_STANDING_SUBJECT = re.compile(
    r"\s*(?P<p>[A-Z][\w'-]*(?:\s[\w'-]+){0,4}?)"
    r"(?:,\s(?:led by|including|such as|mainly|mostly|notably)\s[^;]{1,80}?,|,[^,;]{1,80},)?\s"
    r"(?:remained|was|were|is|are|became|stayed)\s(?:again\s)?(?:the\s)?(?:[\w'\u2019]+['\u2019]s\s)?"
    r"(?:single\s)?(?:top|leading|largest|biggest|main|chief|principal|most valuable|most important)\s"
    r"(?:[\w-]+\s){0,2}?(?:export|shipment|earner|product|item)s?\b(?!\s(?:market|destination|partner))"
)
_LISTED_AT = re.compile(
    r"\b(?:followed by|ahead of|then|and)\s+(?P<p>[a-z][\w'-]*(?:\s(?:and\s)?[a-z][\w'-]*){0,4}?)"
    r"\s(?:at|with)\s(?:about\s|nearly\s|some\s)?\S{0,4}\s?\Z"
    # "..., ferrous metals for 8.9% and machinery, equipment and vehicles for 5.7%": after a share
    r"|(?:,|\band)\s+(?P<f>[a-z][\w'-]*(?:,?\s(?:and\s)?[a-z][\w'-]*){0,4}?)(?<!accounted)(?<!responsible)"
    r"\sfor\s(?:about\s|nearly\s)?\Z"
)
# a clause that opens with its verb, its subject named before an aside: "LNG, the third-largest
# export, earned $58.2 billion"
_VERB_FIRST = re.compile(
    r"\s*(?:earned|fetched|brought in|rose|fell|grew|jumped|slipped|slid|declined|increased|decreased|dropped"
    r"|climbed|was|were|totall?ed|reached|amounted|accounted for|made up|represented)\b"
)
_SUBJECT_ASIDE = re.compile(r"\s*(?P<p>[A-Z][\w-]*(?:\s[a-z][\w-]*){0,3}),\s[^,;]{1,80},\s")
# a clause whose subject is a whole flow: "while exports to China rose", "and imports fell"
_FLOW_OPENS = re.compile(
    r"\s*(?:(?:and|but|while|whereas)\s)?(?:the\s)?(?:total\s|overall\s)?(?:exports|imports|shipments)\b"
    r"(?!\s(?:of|in)\s(?!value|volume)|\s(?:value|volume|earnings|revenues?|receipts|prices?)\b)",
    re.IGNORECASE,
)
_NEW_SUBJECT = re.compile(r";|\s(?:while|whereas|but|followed by|ahead of)\s", re.IGNORECASE)


def find_product(sentence: str, position: int) -> str | None:
    """A quoted name, "exports of X", "X exports" or "X products" in the figure's clause,
    else before it in the sentence."""
    # "Mineral fuels - mainly LNG and crude oil - made up"; "liquefied natural gas (LNG) shipments"
    head = _ABBREVIATION.sub("", DASH_ASIDE.sub(" ", sentence[:position]))
    if _TOTAL_FLOW.search(head):  # "Chile's total exports, which reached $9.51 billion"
        return None
    opening = DATELINE_LEAD.match(head)  # "SANTIAGO, Sept 8 (Reuters) - " is no clause
    body = head[opening.end() :] if opening else head
    first_clause = body[: m.start()] if (m := CLAUSE.search(body)) else body
    clause = _ABBREVIATION.sub("", clause_before(sentence, position))
    if (joined := list(_AND_AFTER_FIGURE.finditer(clause))) and joined[-1].end() < len(clause):
        clause = clause[joined[-1].end() :]  # "... fell 1.9 percent and capital goods imports rose"
    if (
        _VERB_FIRST.match(clause)
        and (aside := _SUBJECT_ASIDE.match(body))
        and is_product(named := _MEASURE_TAIL.sub("", aside["p"]))
    ):
        return fold_label(named)  # "LNG, the third-largest export, earned $58.2 billion"
    listed_at = _LISTED_AT.search(head)  # "..., followed by chemicals and fertilizers at $6.2 billion"
    if listed_at is not None and is_product(listed := listed_at["p"] or listed_at["f"]):
        return fold_label(listed)
    standing = _STANDING_SUBJECT.match(body)  # "Shrimp remained the top non-oil export, with sales up 8.7%"
    if standing is not None and not _NEW_SUBJECT.search(body, standing.end()) and is_product(standing["p"]):
        return fold_label(standing["p"])
    if clause is not head and _FLOW_OPENS.match(clause):
        return None  # "..., while exports to China rose 6.2%": all goods, a new subject
    if (owner := _SHARE_OWNER.search(clause)) is not None:  # "Gold's share of mining exports"
        for name in (owner.group(1), owner.group(1).split()[-1]):  # "crude oil's", "while copper's"
            if is_product(name):
                return fold_label(name)
    subject = _SHARE_SUBJECT.search(head)
    if subject is not None and "," in subject.group(1) and is_product(subject.group(1)):
        return fold_label(subject.group(1))  # a category named as a list, whole
    if (category := _listed_category(head)) is not None:
        return category
    # "footwear and garments were 98.1 billion yuan and 71.6 billion yuan": two products, one each
    listed = bool(_RESPECTIVELY_WORD.search(sentence) or _PAIRED.search(sentence))
    for window, patterns in (
        (clause, (_PRODUCT_OF, _PRODUCT_BEFORE, _PRODUCTS, _BALANCE_OF, _PRODUCT_WORTH)),
        (first_clause, (_PRODUCT_OF, _PRODUCT_BEFORE, _PRODUCTS, _PRODUCT_WORTH)),
        (head, (_PRODUCT_OF, _PRODUCTS)),
    ):
        if window is first_clause and (own := _clause_subject(head) or _clause_subject(clause)) is not None:
            return own  # "..., while phones and components slipped 1.3%": its clause's own subject
        quoted = QUOTED.findall(window)
        if quoted:
            return fold_label(quoted[-1])
        for pattern in patterns:
            candidates = [
                _product_tail(_PRODUCT_TAIL.split(_after_area(window, m))[0])
                if pattern is _PRODUCT_BEFORE
                else _strip_demonym(_strip_verbs(_PRODUCT_TAIL.split(_after_area(window, m))[0]))
                for m in pattern.finditer(window)
            ]
            found = [p for p in candidates if is_product(p) and not (listed and " and " in p)]
            if found:
                label = fold_label(found[-1])
                if label and not _NOT_PRODUCT.match(label):
                    return label
            if window is clause and any(" and " in c for c in candidates):
                return None  # "exports of footwear and garments fell 1.0%": a list, not an earlier clause's
            if window is clause and any(_SCOPE_WORD.fullmatch(c) for c in candidates):
                return None  # "and international exports rose 2%": all goods, not an earlier clause's
    if subject is not None and is_product(named := _strip_verbs(subject.group(1))):
        return fold_label(named)  # "Copper alone made up 28.4%": copper
    return _clause_subject(head)  # "Shipped copper volumes slipped 1.9%"


# what state a commodity is traded in, heading its name: "raw cashew nut", "crude palm oil"
_STATE_WORDS = frozenset(
    {"raw", "crude", "fresh", "frozen", "semi-finished", "unwrought", "green", "natural"}
)


def _product_tail(candidate: str) -> str:
    """The longest end of the words before a flow that names a product and holds no verb:
    "liquefied natural gas", not "CSO revised first-quarter" nor "bank put gold"."""
    words = candidate.split()
    if "and" in words:  # "textile and clothing": one group, whole
        return _strip_demonym(_strip_verbs(candidate))
    for i in range(max(1, len(words) - 1)):  # never less than two of them: "euro area" is no "area"
        tail = words[i:]
        if len(tail) > 2 and tail[0].lower() not in _NOT_VERBS and tail[0].lower() not in _STATE_WORDS:
            continue  # three words only as "liquefied natural gas", "raw cashew nut"
        verbs = [
            w
            for w in tail
            if w.lower() in _IRREGULAR_PAST or (_PAST.fullmatch(w.lower()) and w.lower() not in _NOT_VERBS)
        ]
        if not verbs and is_product(name := _strip_demonym(_strip_verbs(" ".join(tail)))):
            return name
    return _strip_demonym(_strip_verbs(" ".join(words[-2:])))  # "area goods": the scope "goods"


def _listed_category(head: str) -> str | None:
    """ "Imports of vehicles, parts, and accessories fell $95 million": the whole list, for
    every figure of the clause it ends in (its commas cut no clause)."""
    listed = [m for m in _PRODUCT_OF.finditer(head) if "," in m.group(1)]
    if not listed or CLAUSE.search(head, listed[-1].end()) is not None:
        return None
    name = _PRODUCT_TAIL.split(listed[-1].group(1))[0]
    return fold_label(name) if is_product(name) else None


def _clause_subject(words: str) -> str | None:
    """The product a change's clause opens with: "phones and components slipped 1.3%"."""
    opening = words.lstrip()
    if (changed := _CHANGE_SUBJECT.search(opening) or _EARNED_SUBJECT.search(opening)) is None:
        return None
    named = _MEASURE_TAIL.sub("", _strip_verbs(changed.group(1).lower()))
    return fold_label(named) if named and not ONE_FLOW.fullmatch(named) and is_product(named) else None


ONE_FLOW = re.compile(r"\b(?:export|import)(?:s|ed|ing|ers)?\b", re.IGNORECASE)


def _scope(word: str) -> re.Pattern[str]:
    """ "services exports", "trade in services": trade of one scope, written either way."""
    return re.compile(
        rf"\b{word}\s+(?:exports|imports|trade|deficit|surplus|balance|shipments|credits|debits|receipts"
        rf"|payments|(?:export|import) values?)\b"
        rf"|\b(?:exports|imports|trade) (?:of|in) {word}\b(?! and services)"
        rf"|\b(?:surplus|deficit|balance) on {word}\b(?! and services)",  # "the surplus on goods alone"
        re.IGNORECASE,
    )


# a release that reports services apart from goods; there "goods exports" and "the trade in
# goods deficit" have goods for product ("merchandise trade" is a whole release, not a product)
SERVICES = _scope("services")
_GOODS = _scope("goods")


# "the goods and services deficit" is the whole, not the services part of it
_SERVICES_PART = re.compile(rf"(?<!and )(?<!& )(?:{SERVICES.pattern})", re.IGNORECASE)


def goods_scope(clause: str) -> str | None:
    """ "Goods exports" in a release that reports services apart: goods are the product,
    as services are of "the services surplus"."""
    if _GOODS.search(clause):
        return fold_label("goods")
    return fold_label("services") if _SERVICES_PART.search(clause) else None


# "ranked second among the world's apparel exporters", "first among exporters of soymeal"
_AMONG_TRADERS = re.compile(
    r"\s+among\s+(?:the\s+)?(?:world['’]s\s+|global\s+|world\s+)?(?:biggest\s+|largest\s+|top\s+|leading\s+)?"
    r"(?:(?P<kind>[a-z][\w-]*(?:\s[a-z][\w-]*){0,2})\s+(?:exporters|importers|producers|suppliers)\b"
    r"|(?:exporters|importers|producers|suppliers|buyers|purchasers)\s+of\s+(?:[A-Z][\w-]*\s+)?"
    r"(?P<of>[a-z][\w-]*(?:\s[a-z][\w-]*){0,2}?)"
    r"(?=[,.;]|\s+(?:in|last|this|at|with)\b|$))"
)
# "Crude oil ranked first among import products": the sentence opens with what is ranked
_RANKED_SUBJECT = re.compile(
    r"\s*(?P<subject>[A-Z][\w-]*(?:\s[\w-]+){0,3}?)\s+(?:ranked|ranks|was|remained|came|stood|became)\s"
)


def ranked_product(sentence: str, position: int, end: int) -> str | None:
    """The product a rank is a standing of: the trade it ranks in, or what its sentence opens with."""
    among = _AMONG_TRADERS.match(sentence, end)
    named = among and (among.group("kind") or among.group("of"))
    if named and is_product(named):
        return fold_label(named)
    subject = _RANKED_SUBJECT.match(sentence[:position])
    if subject is None or ONE_FLOW.search(subject.group(0)):
        return None
    named = subject.group("subject")
    if any(resolve(part) is not None for part in re.split(r",\s*|\s+and\s+", named)):
        return None  # "Japan and Hong Kong ranked second and third": areas, not a product
    return fold_label(named) if is_product(named) else None
